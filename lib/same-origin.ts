import "server-only";
import { isTrustedOrigin, originPolicy, type OriginPolicy } from "./origins";

/**
 * Defence in depth against cross-site writes. The JSON-only bodies (a cross-site form cannot
 * send application/json without a CORS preflight we never answer) and SameSite=Lax cookies
 * already stop them; this refuses, before anything is read or written, any state-changing
 * request a browser marks as coming from another site.
 *
 * A request with neither Origin nor Sec-Fetch-Site is let through: browsers send Origin on every
 * POST/PATCH/PUT/DELETE, so its absence means curl, a script or a server, which holds no
 * victim's cookies.
 */

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function originOf(value: string | undefined): string | null {
  if (!value) return null;
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

/** A list of origins, or a test of one (already normalized to scheme://host[:port]). */
export type TrustedOrigins = readonly string[] | ((origin: string) => boolean);

let shared: OriginPolicy | undefined;

/**
 * The origins a browser may legitimately send: the one the request was addressed to, and the
 * ones the app trusts everywhere else (lib/origins.ts, as Better Auth does: BETTER_AUTH_URL, or
 * a Vercel preview's own URLs and allow-listed hosts).
 */
export function appOrigins(req: Request, policy: OriginPolicy = (shared ??= originPolicy())): (origin: string) => boolean {
  const own = originOf(req.url);
  return (origin) => origin === own || isTrustedOrigin(origin, policy);
}

/** Why `req` is refused as cross-site, or null when it may proceed. */
export function crossSiteReason(req: Request, trusted: TrustedOrigins): string | null {
  if (!STATE_CHANGING.has(req.method.toUpperCase())) return null;
  if (req.headers.get("sec-fetch-site")?.trim().toLowerCase() === "cross-site") return "Sec-Fetch-Site is cross-site";
  const origin = req.headers.get("origin");
  if (origin === null) return null;
  // "null" (sandboxed frames, data: URLs) and anything unparseable are foreign too.
  const normalized = originOf(origin.trim());
  const ok = normalized !== null && (typeof trusted === "function" ? trusted(normalized) : trusted.includes(normalized));
  return ok ? null : `Origin ${JSON.stringify(origin.slice(0, 200))} is not this app`;
}

/** A 403 for a cross-site state-changing request, or null. Nothing has been read or written when it answers. */
export function refuseCrossSite(req: Request, trusted: TrustedOrigins = appOrigins(req)): Response | null {
  const reason = crossSiteReason(req, trusted);
  if (!reason) return null;
  return Response.json(
    { error: "cross_site_request", message: `Cross-site requests cannot change anything here (${reason}).` },
    { status: 403, headers: { "Cache-Control": "no-store" } },
  );
}
