import { toNextJsHandler } from "better-auth/next-js";
import { assertDatabaseConfigured } from "@/db/config";
import { auth } from "@/lib/auth";
import { errorResponse, readBodyWithCap } from "@/lib/http";

/** Every Better Auth request body (sign-in, sign-up, profile) is a few hundred bytes. */
const AUTH_BODY_LIMIT_BYTES = 64 * 1024;

const betterAuth = toNextJsHandler(auth);

export async function GET(req: Request): Promise<Response> {
  try {
    assertDatabaseConfigured();
  } catch (error) {
    return errorResponse(error);
  }
  return betterAuth.GET(req);
}

/**
 * Better Auth buffers a whole body before looking at it, so a chunked upload of any size
 * reached memory without an account (issue 12 #3). The body is read here under the cap and
 * handed on buffered; past the cap the answer is a 413 JSON and the rest is never read.
 */
export async function POST(req: Request): Promise<Response> {
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
  return betterAuth.POST(new Request(req.url, { method: "POST", headers, body: body ? new Uint8Array(body) : null, signal: req.signal }));
}
