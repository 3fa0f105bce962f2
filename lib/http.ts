import "server-only";
import { z } from "zod";
import {
  AppError,
  BadRequestError,
  PayloadTooLargeError,
  RateLimitedError,
  ServiceUnavailableError,
  UnsupportedMediaTypeError,
  ValidationError,
  type FieldErrors,
} from "./errors";
import { refuseCrossSite } from "./same-origin";
import { BODY_MAX_DEPTH, deeperThan } from "./json-bounds";

export const DEFAULT_BODY_LIMIT_BYTES = 16 * 1024;

/** Turns zod issues into `{ "field.path": "message" }`, the shape every 400 uses. */
export function fieldErrors(error: z.ZodError, rootKey = "body"): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : rootKey;
    fields[key] ??= issue.message;
  }
  return fields;
}

/** Validates `input`, or throws a ValidationError; `rootKey` names the field when the input is a single value. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, what = "input", rootKey = "body"): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const fields = fieldErrors(result.error, rootKey);
    const first = Object.entries(fields)[0];
    throw new ValidationError(first ? `Invalid ${what}: ${first[0]}: ${first[1]}` : `Invalid ${what}.`, fields);
  }
  return result.data;
}

/**
 * Reads a request body, refusing it (PayloadTooLargeError) as soon as it passes `limitBytes`:
 * by its Content-Length before reading anything, and by counting while it streams, so a
 * chunked body, or one whose Content-Length lies, is cut off at the cap instead of buffered
 * whole. The one body reader for JSON routes, Better Auth and MCP. Null when there is no body.
 */
export async function readBodyWithCap(req: Request, limitBytes: number): Promise<Buffer | null> {
  const tooLarge = () => new PayloadTooLargeError(`The body is larger than ${limitBytes} bytes.`);
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limitBytes) throw tooLarge();
  if (!req.body) return null;

  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limitBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Reads a JSON body with a size cap that holds even when Content-Length lies or is absent. */
export async function readJsonBody(req: Request, limitBytes = DEFAULT_BODY_LIMIT_BYTES): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw new UnsupportedMediaTypeError();
  const body = await readBodyWithCap(req, limitBytes);
  if (!body) throw new BadRequestError("The body is empty.");
  const text = new TextDecoder().decode(body);
  if (!text.trim()) throw new BadRequestError("The body is empty.");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BadRequestError("The body is not valid JSON.");
  }
  // Before anything walks it recursively (zod, JSON.stringify on the way to the database).
  if (deeperThan(value, BODY_MAX_DEPTH)) throw new BadRequestError(`The body is nested more than ${BODY_MAX_DEPTH} levels deep.`);
  const unstorable = unstorableText(value);
  if (unstorable) throw new BadRequestError(unstorable);
  return value;
}

/**
 * Why a parsed JSON value cannot be stored, or null: PostgreSQL keeps no NUL character in text
 * or jsonb, and jsonb refuses an unpaired UTF-16 surrogate (`\ud800`). Such a body would fail at
 * the database (a 500, possibly after an earlier write), so it is refused up front. Iterative,
 * so a deeply nested body cannot exhaust the stack.
 */
export function unstorableText(value: unknown): string | null {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === "string") {
      if (v.includes("\u0000")) return "Text cannot contain NUL (\\u0000) characters.";
      if (!v.isWellFormed()) return "Text must be valid Unicode: it contains an unpaired surrogate.";
    } else if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
    } else if (v !== null && typeof v === "object") {
      for (const [key, item] of Object.entries(v)) stack.push(key, item);
    }
  }
  return null;
}

/** Connection-level failures (refused, reset, timed out) mean the database is unreachable, not that the request is bad. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const codes = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "57P01", "57P03", "53300"]);
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && codes.has(code)) return true;
    // The Neon driver rejects with the WebSocket's ErrorEvent, which carries the socket error in `error`, not `cause`.
    e = (e as { cause?: unknown }).cause ?? (e as { error?: unknown }).error;
  }
  return false;
}

export function errorResponse(error: unknown): Response {
  if (!(error instanceof AppError) && isDatabaseUnavailable(error)) error = new ServiceUnavailableError();
  if (error instanceof AppError) {
    const headers = new Headers();
    if (error instanceof RateLimitedError) headers.set("Retry-After", String(error.retryAfterSeconds));
    if (error instanceof ServiceUnavailableError) headers.set("Retry-After", "2");
    return Response.json(error.toJSON(), { status: error.status, headers });
  }
  console.error("Unhandled error in route handler:", error);
  return Response.json({ error: "internal_error", message: "Something went wrong on our side." }, { status: 500 });
}

/**
 * Wraps a route handler so every thrown error becomes a JSON response, and a cross-site write
 * (foreign Origin, Sec-Fetch-Site: cross-site) is refused with a 403 before it runs.
 */
export function handler<A extends unknown[]>(fn: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      const refused = args[0] instanceof Request ? refuseCrossSite(args[0]) : null;
      if (refused) return refused;
      return await fn(...args);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
