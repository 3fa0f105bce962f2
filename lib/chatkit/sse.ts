import { waitUntil } from "@vercel/functions";
import { noteFirstByte } from "@/lib/bench-probe";
import type { ChatKitEvent } from "./schemas";

export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
  "X-Accel-Buffering": "no",
};

export type EventSink = (event: ChatKitEvent) => void;

/**
 * An SSE response fed by `produce`. The abort signal fires when the client goes away
 * (Stop button, closed tab); `produce` must then persist what it has and return. On Vercel a
 * function may be frozen once its client is gone, so the turn is handed to `waitUntil`, which
 * keeps the instance alive until those last writes are done (elsewhere it does nothing).
 */
export function sseResponse(requestSignal: AbortSignal, produce: (emit: EventSink, signal: AbortSignal) => Promise<void>): Response {
  const encoder = new TextEncoder();
  const controller = new AbortController();
  const abort = () => controller.abort();
  requestSignal.addEventListener("abort", abort, { once: true });
  const stream = new ReadableStream<Uint8Array>({
    start(stream) {
      let first = true;
      const emit: EventSink = (event) => {
        if (controller.signal.aborted) return;
        if (first) {
          first = false;
          noteFirstByte(); // `npm run bench` counts the statements before this point (no-op otherwise)
        }
        try {
          stream.enqueue(encoder.encode(`data: ${JSON.stringify(event)}\n\n`));
        } catch {
          controller.abort();
        }
      };
      const producing = produce(emit, controller.signal).finally(() => {
        requestSignal.removeEventListener("abort", abort);
        try {
          stream.close();
        } catch {}
      });
      waitUntil(producing.catch(() => {}));
      return producing;
    },
    cancel() {
      controller.abort();
    },
  });
  return new Response(stream, { headers: SSE_HEADERS });
}
