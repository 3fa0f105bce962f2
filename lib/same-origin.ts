import { env } from "./env";

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

/**
 * The origins a browser may legitimately send: the one the request was addressed to and the
 * app's public URL (BETTER_AUTH_URL), plus any `extra` (e.g. the shared trusted-origins list).
 */
export function appOrigins(req: Request, extra: readonly string[] = []): string[] {
  const origins = [originOf(req.url), originOf(env().BETTER_AUTH_URL), ...extra.map(originOf)];
  return [...new Set(origins.filter((o): o is string => o !== null))];
}

/** Why `req` is refused as cross-site, or null when it may proceed. */
export function crossSiteReason(req: Request, trustedOrigins: readonly string[]): string | null {
  if (!STATE_CHANGING.has(req.method.toUpperCase())) return null;
  if (req.headers.get("sec-fetch-site")?.trim().toLowerCase() === "cross-site") return "Sec-Fetch-Site is cross-site";
  const origin = req.headers.get("origin");
  if (origin === null) return null;
  // "null" (sandboxed frames, data: URLs) and anything unparseable are foreign too.
  if (!trustedOrigins.includes(originOf(origin.trim()) ?? "")) return `Origin ${JSON.stringify(origin.slice(0, 200))} is not this app`;
  return null;
}

/** A 403 for a cross-site state-changing request, or null. Nothing has been read or written when it answers. */
export function refuseCrossSite(req: Request, trustedOrigins: readonly string[] = appOrigins(req)): Response | null {
  const reason = crossSiteReason(req, trustedOrigins);
  if (!reason) return null;
  return Response.json(
    { error: "cross_site_request", message: `Cross-site requests cannot change anything here (${reason}).` },
    { status: 403, headers: { "Cache-Control": "no-store" } },
  );
}
