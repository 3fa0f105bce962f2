/**
 * The response headers every page gets, and `no-store` for the API, used by next.config.ts
 * `headers()`. Next evaluates that at build time (the result lands in the routes manifest), so
 * these inputs are read from the build environment: NEXT_PUBLIC_CHAT_UI is a build-time
 * variable anyway, and VERCEL / BETTER_AUTH_URL must be set for the build as for the server.
 * See docs/security.md for why each directive is what it is.
 */

type Header = { key: string; value: string };
type Env = Record<string, string | undefined>;

/** Where ChatKit's web component (script) and its iframe come from; see components/chat/chatkit-options.ts. */
export const CHATKIT_ORIGIN = "https://cdn.platform.openai.com";

export type PolicyOptions = {
  /** ChatKit may load (unless NEXT_PUBLIC_CHAT_UI=builtin). */
  chatkit: boolean;
  /** `next dev`: React's dev tooling needs eval and a websocket for hot reload. */
  dev: boolean;
};

export function policyOptions(env: Env = process.env): PolicyOptions {
  return { chatkit: env.NEXT_PUBLIC_CHAT_UI?.trim() !== "builtin", dev: env.NODE_ENV === "development" };
}

/** Whether the app is served over https: on Vercel, or when its public URL is https. */
export function servedOverHttps(env: Env = process.env): boolean {
  return env.VERCEL === "1" || /^https:/i.test(env.BETTER_AUTH_URL?.trim() ?? "");
}

export function contentSecurityPolicy({ chatkit, dev }: PolicyOptions): string {
  const external = chatkit ? [CHATKIT_ORIGIN] : [];
  // 'unsafe-inline' scripts: Next's App Router streams its payload in inline <script> tags, and
  // the only alternative, a per-request nonce, would force every page to render dynamically.
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'", ...(dev ? ["'unsafe-eval'"] : []), ...external],
    // React and ChatKit set style attributes; Tailwind ships a stylesheet from 'self'.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", ...external],
    "font-src": ["'self'", "data:", ...external],
    "connect-src": ["'self'", ...(dev ? ["ws:", "wss:"] : []), ...external],
    "frame-src": chatkit ? external : ["'none'"],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(" ")}`)
    .join("; ");
}

/** Headers for every response: pages, assets and API alike (harmless on the latter). */
export function securityHeaders(env: Env = process.env): Header[] {
  const headers: Header[] = [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(policyOptions(env)) },
    // For browsers that predate CSP's frame-ancestors.
    { key: "X-Frame-Options", value: "DENY" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  ];
  // Browsers ignore HSTS over http, but sending it from a plain-http deployment would be a lie.
  if (servedOverHttps(env)) headers.push({ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" });
  return headers;
}

/** API responses carry per-user data (or keys, or session cookies): no browser or proxy may keep a copy. */
export const API_HEADERS: Header[] = [{ key: "Cache-Control", value: "no-store" }];

/** The `headers()` routes for next.config.ts. */
export function headerRoutes(env: Env = process.env) {
  return [
    { source: "/:path*", headers: securityHeaders(env) },
    { source: "/api/:path*", headers: API_HEADERS },
  ];
}
