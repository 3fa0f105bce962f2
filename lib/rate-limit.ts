import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { db } from "@/db";
import { rateLimits } from "@/db/schema";
import { RateLimitedError } from "./errors";

/**
 * Counts one request in a fixed window for `bucket` ("chat:<user>", "mcp:<key>") in one
 * statement, and throws RateLimitedError when the window is full. Stored in the database so
 * the limit holds across serverless instances. `cost` counts a request as several (an MCP
 * batch counts each of its messages), so batching cannot multiply the limit.
 */
export async function consumeRateLimit(bucket: string, limit: number, windowSeconds: number, message: string, cost = 1): Promise<void> {
  const { rows } = await db.execute<{ count: number; retry_after: number }>(rateLimitUpsert(bucket, windowSeconds, cost));
  const row = rows[0]!;
  if (Number(row.count) > limit) {
    const retryAfter = Math.max(1, Number(row.retry_after));
    throw new RateLimitedError(message.replace("{seconds}", String(retryAfter)), retryAfter);
  }
}

/**
 * The counting statement, returning `count` and `retry_after`, for callers that count a
 * request inside a larger statement (a chat turn's first statement, lib/chatkit/store.ts).
 * `onlyIf` (a boolean SQL condition) counts the request only when it holds, e.g. only a
 * request for a thread that exists.
 */
export function rateLimitUpsert(bucket: string, windowSeconds: number, cost = 1, onlyIf?: SQL): SQL {
  const n = Math.max(1, Math.floor(cost));
  return sql`
    insert into ${rateLimits} (bucket, window_start, count) select ${bucket}, now(), ${n}::int ${onlyIf ? sql`where ${onlyIf}` : sql``}
    on conflict (bucket) do update set
      count = case when ${rateLimits.windowStart} < now() - make_interval(secs => ${windowSeconds}) then ${n}::int else ${rateLimits.count} + ${n}::int end,
      window_start = case when ${rateLimits.windowStart} < now() - make_interval(secs => ${windowSeconds}) then now() else ${rateLimits.windowStart} end
    returning count, ceil(extract(epoch from (window_start + make_interval(secs => ${windowSeconds}) - now())))::int as retry_after`;
}

/** A limit from the environment, e.g. CHAT_RATE_LIMIT=30 and CHAT_RATE_WINDOW_SECONDS=60. */
export function limitFromEnv(prefix: string, defaults: { limit: number; windowSeconds: number }, env = process.env) {
  return {
    limit: Number(env[`${prefix}_RATE_LIMIT`]) || defaults.limit,
    windowSeconds: Number(env[`${prefix}_RATE_WINDOW_SECONDS`]) || defaults.windowSeconds,
  };
}

/** Forgets a bucket's window, e.g. the failed sign-ins of an account once the right password is given. */
export async function clearRateLimit(bucket: string): Promise<void> {
  await db.delete(rateLimits).where(sql`${rateLimits.bucket} = ${bucket}`);
}
