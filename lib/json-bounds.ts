import { z } from "zod";

/**
 * Limits for free-form JSON a client may send (ChatKit's inference_options, tag data,
 * metadata, action payloads). Unbounded, a 5,000-deep value overflowed JSON.stringify when it
 * was stored, after the thread had been created (issue 12 #7). The depth walk is iterative,
 * so the check itself cannot overflow on attacker data. Shared with the browser
 * (lib/chatkit/schemas.ts), so no Node APIs.
 */
export const FREE_JSON_MAX_DEPTH = 8;
export const FREE_JSON_MAX_BYTES = 4 * 1024;
/** For a whole request body: far deeper than any real request, far shallower than what breaks JSON.stringify. */
export const BODY_MAX_DEPTH = 64;

/** Whether `value` nests objects/arrays more than `maxDepth` levels (a scalar is depth 0, `{}` depth 1). */
export function deeperThan(value: unknown, maxDepth: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (depth + 1 > maxDepth) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Adds the depth and size limits to a zod schema of free-form JSON; the size is checked only once the depth is known to be safe. */
export function bounded<S extends z.ZodType>(schema: S, maxDepth = FREE_JSON_MAX_DEPTH, maxBytes = FREE_JSON_MAX_BYTES) {
  return schema.superRefine((value, ctx) => {
    if (deeperThan(value, maxDepth)) {
      ctx.addIssue({ code: "custom", message: `Nested more than ${maxDepth} levels deep.` });
      return;
    }
    const json = JSON.stringify(value);
    if (json !== undefined && new TextEncoder().encode(json).byteLength > maxBytes) ctx.addIssue({ code: "custom", message: `Larger than ${maxBytes} bytes.` });
  });
}

/** A JSON object of bounded depth and size. */
export const boundedRecord = () => bounded(z.record(z.string(), z.unknown()));
/** Any JSON value of bounded depth and size. */
export const boundedJson = () => bounded(z.unknown());
