import "server-only";

/**
 * The app's public origin as the request reached it (a proxy's X-Forwarded-Host/Proto first),
 * so the feed URL shown on /profile is the one a calendar app can reach.
 */
export function publicOrigin(req: Request): string {
  const url = new URL(req.url);
  const host = req.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || req.headers.get("host") || url.host;
  const proto = req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || url.protocol.replace(/:$/, "");
  return `${proto}://${host}`;
}
