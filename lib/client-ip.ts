import "server-only";
import { randomBytes } from "node:crypto";
import * as Http from "node:http";
import { z } from "zod";

/**
 * Where the client IP comes from, for Better Auth's per-IP rate limits.
 *
 * A header is only worth trusting if something between the client and this process sets it and
 * overwrites whatever the client sent. `next start` does not: it keeps a client's own
 * X-Forwarded-For, so trusting that header lets a client pick a fresh "IP" per request.
 *
 * - On Vercel, its edge sets `x-vercel-forwarded-for` and `x-real-ip`, replacing client values.
 * - Behind your own proxy, TRUSTED_PROXY_HEADER names the single-value header it overwrites
 *   (nginx: `proxy_set_header X-Real-IP $remote_addr;` and TRUSTED_PROXY_HEADER=x-real-ip).
 * - Otherwise the TCP peer address: instrumentation.ts wraps the HTTP server's "request" event
 *   and copies `req.socket.remoteAddress` into a header whose name is random per process, so a
 *   client cannot send it. If that never ran, no header matches and Better Auth falls back to
 *   one shared bucket per path (stricter, never looser).
 */

const STAMP_PREFIX = "x-tasktalk-peer-";
const NAME_KEY = Symbol.for("tasktalk.clientIp.headerName");
const INSTALLED_KEY = Symbol.for("tasktalk.clientIp.installed");

type Globals = typeof globalThis & { [NAME_KEY]?: string; [INSTALLED_KEY]?: boolean };

const headerName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9-]{1,64}$/, "TRUSTED_PROXY_HEADER must be a header name such as x-real-ip.");

/**
 * The per-process name of the header that carries the socket address. Kept on globalThis because
 * instrumentation and the route bundles are separate module graphs in one process, and either
 * may load first (Next preloads route modules while instrumentation registers).
 */
export function peerAddressHeader(): string {
  const g = globalThis as Globals;
  g[NAME_KEY] ??= STAMP_PREFIX + randomBytes(12).toString("hex");
  return g[NAME_KEY];
}

/** The headers Better Auth may read the client IP from (`advanced.ipAddress.ipAddressHeaders`), most trusted first. */
export function clientIpHeaders(env: Record<string, string | undefined> = process.env): string[] {
  if (env.VERCEL === "1") return ["x-vercel-forwarded-for", "x-real-ip"];
  const configured = env.TRUSTED_PROXY_HEADER?.trim();
  if (configured) {
    const parsed = headerName.safeParse(configured);
    if (!parsed.success) throw new Error(`Invalid environment (see .env.example): ${parsed.error.issues[0]!.message}`);
    return [parsed.data];
  }
  return [peerAddressHeader()];
}

/** Drops any header the client sent under our prefix, then records the TCP peer address. */
export function stampPeerAddress(req: Http.IncomingMessage, name = peerAddressHeader()): void {
  for (const key of Object.keys(req.headers)) if (key.startsWith(STAMP_PREFIX)) delete req.headers[key];
  const address = req.socket?.remoteAddress;
  if (address) req.headers[name] = address;
}

/**
 * Wraps `http.Server.prototype.emit` so every "request" is stamped before any listener sees it,
 * including the server `next start` created before instrumentation ran (its `emit` is inherited).
 * Idempotent. Requests already waiting when this runs (the first moments after start) are not
 * stamped and share Better Auth's fallback bucket.
 */
export function installPeerAddressStamp(http: typeof Http = Http): void {
  const g = globalThis as Globals;
  if (g[INSTALLED_KEY]) return;
  g[INSTALLED_KEY] = true;
  const name = peerAddressHeader();
  const proto = http.Server.prototype as { emit: (event: string | symbol, ...args: unknown[]) => boolean };
  const original = proto.emit;
  proto.emit = function emit(this: unknown, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") stampPeerAddress(args[0] as Http.IncomingMessage, name);
    return original.call(this, event, ...args);
  };
}

/** Whether this process stamps peer addresses (for diagnostics and tests). */
export function peerAddressStampInstalled(): boolean {
  return (globalThis as Globals)[INSTALLED_KEY] === true;
}
