/**
 * The page side of bench/markdown-browser.ts: mounts the chat's RichMarkdown with react-dom in a
 * real browser and replays a message streaming in, one synchronous render (flushSync) per chunk,
 * as the chat re-renders an answer on each read of its event stream.
 */
import { flushSync } from "react-dom";
import { createRoot } from "react-dom/client";
import { RichMarkdown } from "../../components/chat/markdown-rich";

export type BrowserStreamResult = { ms: number; renders: number; slowestStepMs: number; elements: number };

function stream(message: string, chunk: number, layout: boolean): BrowserStreamResult {
  const host = document.createElement("div");
  document.body.append(host);
  const root = createRoot(host);
  let renders = 0;
  let slowestStepMs = 0;
  const started = performance.now();
  for (let end = chunk; ; end += chunk) {
    const stepStarted = performance.now();
    const text = message.slice(0, Math.min(end, message.length));
    flushSync(() => root.render(<RichMarkdown text={text} />));
    // With layout: also what the browser does before it can paint the new text.
    if (layout) void host.offsetHeight;
    renders++;
    slowestStepMs = Math.max(slowestStepMs, performance.now() - stepStarted);
    if (end >= message.length) break;
  }
  const ms = performance.now() - started;
  const elements = host.querySelectorAll("*").length;
  root.unmount();
  host.remove();
  return { ms, renders, slowestStepMs, elements };
}

declare global {
  interface Window {
    markdownStream: typeof stream;
  }
}
window.markdownStream = stream;
