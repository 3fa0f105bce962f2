import { dbQueryCount } from "@/db";
import { firstByteNote } from "@/lib/bench-probe";

// Bench-only (`npm run bench`): the server's count of statements sent through Drizzle (so the
// benchmark can count a request's database round trips from outside), its memory and its CPU
// time, and the count at the first byte of the last stream that asked for it (lib/bench-probe.ts).
// The folder is `%5Fbench` because `_bench` would be a private folder; the URL is /api/_bench/queries.
// Without BENCH_INSTRUMENT=1 at runtime it does not exist.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function GET(): Response {
  if (process.env.BENCH_INSTRUMENT !== "1") return Response.json({ error: "not_found", message: "Not found." }, { status: 404 });
  const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
  const cpu = process.cpuUsage();
  return Response.json(
    { count: dbQueryCount(), firstByte: firstByteNote(), pid: process.pid, memory: { rss, heapUsed, heapTotal, external, arrayBuffers }, cpuMicros: cpu.user + cpu.system },
    { headers: { "Cache-Control": "no-store" } },
  );
}
