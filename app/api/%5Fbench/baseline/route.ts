import { sql } from "drizzle-orm";
import { db } from "@/db";

// Bench-only (`npm run bench`): the floor every figure is compared with. A bare handler that
// runs `queries` trivial statements through the app's `db` and answers `bytes` bytes, at once
// or (`stream=1`) as an event stream of `chunks` chunks: `pre` of the queries run before the
// first byte, the rest spread between the chunks, as a chat turn does. `type=html` answers a
// bare HTML page instead (the page-load floor). The URL is /api/_bench/baseline; without
// BENCH_INSTRUMENT=1 at runtime it does not exist.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const MAX_QUERIES = 1000;
const MAX_BYTES = 16 * 1024 * 1024;

function int(params: URLSearchParams, name: string, fallback: number, max: number): number {
  const n = Number(params.get(name) ?? fallback);
  return Number.isFinite(n) ? Math.min(max, Math.max(0, Math.floor(n))) : fallback;
}

async function run(n: number) {
  for (let i = 0; i < n; i++) await db.execute(sql`select 1`);
}

/** `total` bytes split into `parts` pieces whose lengths add up exactly. */
function split(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  return Array.from({ length: parts }, (_, i) => base + (i < total % parts ? 1 : 0));
}

function html(bytes: number): string {
  const head = "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>baseline</title></head><body><main id=baseline>ready</main><!--";
  const tail = "--></body></html>";
  return head + "x".repeat(Math.max(0, bytes - head.length - tail.length)) + tail;
}

export async function GET(req: Request): Promise<Response> {
  if (process.env.BENCH_INSTRUMENT !== "1") return Response.json({ error: "not_found", message: "Not found." }, { status: 404 });
  const params = new URL(req.url).searchParams;
  const queries = int(params, "queries", 0, MAX_QUERIES);
  const pre = Math.min(queries, int(params, "pre", queries, MAX_QUERIES));
  const bytes = int(params, "bytes", 0, MAX_BYTES);
  const chunks = Math.max(1, int(params, "chunks", 1, 10_000));
  const headers = { "Cache-Control": "no-store" };

  await run(pre);
  if (params.get("type") === "html") return new Response(html(bytes), { headers: { ...headers, "Content-Type": "text/html; charset=utf-8" } });
  if (params.get("stream") !== "1") {
    await run(queries - pre);
    return new Response("x".repeat(bytes), { headers: { ...headers, "Content-Type": "application/json" } });
  }

  const sizes = split(bytes, chunks);
  // The remaining queries, spread over the gaps after each chunk but the last (or after the only one).
  const gaps = Math.max(1, chunks - 1);
  const perGap = split(queries - pre, gaps);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        for (let i = 0; i < chunks; i++) {
          controller.enqueue(encoder.encode("x".repeat(sizes[i]!)));
          if (i < gaps) await run(perGap[i]!);
        }
        controller.close();
      } catch (error) {
        controller.error(error);
      }
    },
  });
  return new Response(body, { headers: { ...headers, "Content-Type": "text/event-stream; charset=utf-8", "X-Accel-Buffering": "no" } });
}
