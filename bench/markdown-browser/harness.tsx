/**
 * The page side of bench/markdown-browser.ts: mounts the chat's RichMarkdown with react-dom in a
 * real browser and replays a message streaming in, one synchronous render (flushSync) per chunk,
 * as the chat re-renders an answer on each read of its event stream.
 */
import { flushSync } from "react-dom";
import { createRoot } from "react-dom/client";
import { RichMarkdown } from "../../components/chat/markdown-rich";
import { replayStream, type StreamReplay } from "../lib/replay-stream";

export type BrowserStreamResult = StreamReplay & { elements: number };

function stream(message: string, chunk: number, layout: boolean): BrowserStreamResult {
  const host = document.createElement("div");
  document.body.append(host);
  const root = createRoot(host);
  const replay = replayStream(message, chunk, (text) => {
    flushSync(() => root.render(<RichMarkdown text={text} live />));
    // The answer ends: the chat renders it once more as finished (a cut paragraph is parsed whole).
    if (text.length === message.length) flushSync(() => root.render(<RichMarkdown text={text} />));
    // With layout: also what the browser does before it can paint the new text.
    if (layout) void host.offsetHeight;
    return 1;
  });
  const elements = host.querySelectorAll("*").length;
  root.unmount();
  host.remove();
  return { ...replay, elements };
}

declare global {
  interface Window {
    markdownStream: typeof stream;
  }
}
window.markdownStream = stream;
