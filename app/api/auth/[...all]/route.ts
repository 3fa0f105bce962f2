import { toNextJsHandler } from "better-auth/next-js";
import { assertDatabaseConfigured } from "@/db/config";
import { auth } from "@/lib/auth";
import { errorResponse, readBodyWithCap } from "@/lib/http";
import { isTrustedOrigin } from "@/lib/origins";
import { refuseCrossSite } from "@/lib/same-origin";

/** Every Better Auth request body (sign-in, sign-up, profile) is a few hundred bytes. */
const AUTH_BODY_LIMIT_BYTES = 64 * 1024;

const betterAuth = toNextJsHandler(auth);

export async function GET(req: Request): Promise<Response> {
  try {
    assertDatabaseConfigured();
  } catch (error) {
    return errorResponse(error);
  }
  return answered(() => betterAuth.GET(req));
}

/**
 * Better Auth throws what it does not answer itself (lib/auth.ts `onAPIError`), and its rate
 * limiter runs outside its own error handling: both become JSON here, a database outage a 503
 * with Retry-After.
 */
async function answered(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * Better Auth buffers a whole body before looking at it, so a chunked upload of any size
 * reached memory without an account (issue 12 #3). The body is read here under the cap and
 * handed on buffered; past the cap the answer is a 413 JSON and the rest is never read.
 */
export async function POST(req: Request): Promise<Response> {
  // Better Auth checks Origin only on requests that carry cookies; sign-up and sign-in do not, so a
  // foreign page could sign a visitor into an attacker's account. Auth trusts exactly the origins
  // Better Auth is configured with: BETTER_AUTH_URL, or a preview's own URLs (lib/origins.ts).
  const refused = refuseCrossSite(req, (origin) => isTrustedOrigin(origin));
  if (refused) return refused;
  let body: Buffer | null;
  try {
    assertDatabaseConfigured();
    body = await readBodyWithCap(req, AUTH_BODY_LIMIT_BYTES);
  } catch (error) {
    return errorResponse(error);
  }
  const headers = new Headers(req.headers);
  headers.delete("transfer-encoding");
  if (body) headers.set("content-length", String(body.byteLength));
  return answered(() => betterAuth.POST(new Request(req.url, { method: "POST", headers, body: body ? new Uint8Array(body) : null, signal: req.signal })));
}
