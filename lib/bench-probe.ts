import "server-only";
import { dbQueryCount } from "@/db";

declare global {
  var __tasktalkFirstByte: { streams: number; queries: number } | undefined;
}

/**
 * Bench-only (`npm run bench`): how many statements a chat turn sends before its first byte.
 *
 * The SSE writer (lib/chatkit/sse.ts) calls this as it enqueues a stream's first chunk. With
 * BENCH_INSTRUMENT=1 at runtime it notes the server's statement count (db/index.ts
 * `dbQueryCount`) at that instant; the bench reads the note from /api/_bench/queries and
 * subtracts the count it read just before sending the turn. The note is taken synchronously at
 * the enqueue, so a statement issued after the first chunk (even a microtask later) is not
 * counted as before it, and one the first chunk waited for always is. The bench sends turns one
 * at a time, so the note belongs to its turn. Without the variable this does nothing.
 */
export function noteFirstByte(): void {
  if (process.env.BENCH_INSTRUMENT !== "1") return;
  const note = (globalThis.__tasktalkFirstByte ??= { streams: 0, queries: 0 });
  note.streams++;
  note.queries = dbQueryCount();
}

/** How many streams were noted, and the statement count at the last one's first byte. */
export function firstByteNote(): { streams: number; queries: number } {
  return globalThis.__tasktalkFirstByte ?? { streams: 0, queries: 0 };
}
