import type { Page } from "@playwright/test";

/**
 * The offline model writes its whole answer within milliseconds, so on localhost the stream
 * arrives in one piece. To see it render as it streams, the page's fetch hands the client
 * the SSE response one frame at a time, `ms` apart, while `window.__paceSse` is set. The
 * bytes are the server's; only their timing changes.
 */
export async function installSsePacing(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __paceSse?: number };
    const original = window.fetch;
    window.fetch = async function (...args: Parameters<typeof fetch>) {
      const res = await original.apply(this, args);
      const ms = w.__paceSse;
      if (!ms || !(res.headers.get("content-type") ?? "").includes("text/event-stream") || !res.body) return res;
      const reader = res.body.getReader();
      const encoder = new TextEncoder();
      const decoder = new TextDecoder();
      let buffer = "";
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          for (;;) {
            const end = buffer.indexOf("\n\n");
            if (end !== -1) {
              const frame = buffer.slice(0, end + 2);
              buffer = buffer.slice(end + 2);
              await new Promise((r) => setTimeout(r, ms));
              controller.enqueue(encoder.encode(frame));
              return;
            }
            const { done, value } = await reader.read();
            if (done) {
              if (buffer) controller.enqueue(encoder.encode(buffer));
              controller.close();
              return;
            }
            buffer += decoder.decode(value, { stream: true });
          }
        },
        cancel(reason) {
          return reader.cancel(reason);
        },
      });
      return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
    };
  });
}

/** Sets the pause between SSE frames; 0 lets the rest of the response through at once. */
export const paceSse = (page: Page, ms: number) => page.evaluate((v) => ((window as unknown as { __paceSse?: number }).__paceSse = v), ms);
