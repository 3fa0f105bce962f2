/** What replaying one streamed message cost: total time, renders done, and the slowest single update. */
export type StreamReplay = { ms: number; renders: number; slowestStepMs: number };

/**
 * Feeds `message` to `update` as it would stream in, `chunk` characters at a time (each call gets
 * the whole text so far, and returns how many renders it did). Shared by the Node replay
 * (bench/markdown.ts) and the Chromium one (bench/markdown-browser/harness.tsx).
 */
export function replayStream(message: string, chunk: number, update: (text: string) => number): StreamReplay {
  let renders = 0;
  let slowestStepMs = 0;
  const started = performance.now();
  for (let end = chunk; ; end += chunk) {
    const stepStarted = performance.now();
    renders += update(message.slice(0, Math.min(end, message.length)));
    slowestStepMs = Math.max(slowestStepMs, performance.now() - stepStarted);
    if (end >= message.length) break;
  }
  return { ms: performance.now() - started, renders, slowestStepMs };
}
