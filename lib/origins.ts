/**
 * Which browser origins may use this deployment's auth and write routes.
 *
 * - Production, and anywhere off Vercel: `BETTER_AUTH_URL` only.
 * - A Vercel preview: its own deployment URL and branch URL (`VERCEL_URL`,
 *   `VERCEL_BRANCH_URL`), plus hosts matching `PREVIEW_TRUSTED_ORIGINS`
 *   (e.g. `tasktalk-*-team.vercel.app`). A pattern must pin its first label with at least
 *   three literal characters, and `*` never matches a dot, so a bare `*.vercel.app` (anyone's
 *   deployment) is refused.
 */

export type OriginPolicy = {
  /** The origin Better Auth builds its own URLs from, when known. */
  baseURL: string | undefined;
  exact: string[];
  patterns: RegExp[];
  /** Allow-list entries that were refused, with why (logged once at start-up). */
  refused: string[];
};

const httpsOrigin = (host: string | undefined) => (host?.trim() ? `https://${host.trim().replace(/^https?:\/\//, "").replace(/\/+$/, "")}` : undefined);

function originOf(url: string | undefined): string | undefined {
  if (!url?.trim()) return undefined;
  try {
    return new URL(url.trim()).origin;
  } catch {
    return undefined;
  }
}

const LABEL = /^[a-z0-9*-]+$/;

/** A host pattern as a RegExp, or the reason it is refused. */
export function hostPattern(raw: string): RegExp | string {
  const host = raw.trim().toLowerCase().replace(/^https:\/\//, "").replace(/\/+$/, "");
  const labels = host.split(".");
  const [first, ...rest] = labels;
  if (!first || rest.length < 2 || !labels.every((l) => LABEL.test(l))) return `"${raw}" is not a host name pattern`;
  if (rest.some((l) => l.includes("*"))) return `"${raw}": a wildcard is allowed in the first label only`;
  if (first.replaceAll("*", "").length < 3) return `"${raw}" is too broad: pin the first label with at least three characters, e.g. tasktalk-*-team.vercel.app`;
  const body = labels.map((l) => l.split("*").map((part) => part.replace(/[-]/g, "\\-")).join("[a-z0-9-]*")).join("\\.");
  return new RegExp(`^https://${body}$`);
}

export function originPolicy(env: NodeJS.ProcessEnv = process.env): OriginPolicy {
  if (env.VERCEL && env.VERCEL_ENV === "preview") {
    const own = [httpsOrigin(env.VERCEL_BRANCH_URL), httpsOrigin(env.VERCEL_URL)].filter((o): o is string => !!o);
    const patterns: RegExp[] = [];
    const refused: string[] = [];
    for (const entry of (env.PREVIEW_TRUSTED_ORIGINS ?? "").split(",").filter((e) => e.trim())) {
      const pattern = hostPattern(entry);
      if (typeof pattern === "string") refused.push(pattern);
      else patterns.push(pattern);
    }
    return { baseURL: own[0], exact: [...new Set(own)], patterns, refused };
  }
  const base = originOf(env.BETTER_AUTH_URL) ?? (env.VERCEL ? httpsOrigin(env.VERCEL_PROJECT_PRODUCTION_URL) : undefined);
  return { baseURL: base, exact: base ? [base] : [], patterns: [], refused: [] };
}

export function isTrustedOrigin(origin: string, policy: OriginPolicy = originPolicy()): boolean {
  const normalized = originOf(origin);
  if (!normalized) return false;
  return policy.exact.includes(normalized) || policy.patterns.some((p) => p.test(normalized));
}

/**
 * Better Auth's `trustedOrigins`: the exact origins, plus the request's own Origin when it
 * matches an allow-list pattern (Better Auth's own wildcards would let `*` cross dots).
 */
export function trustedOriginsFor(request: Request | undefined, policy: OriginPolicy = originPolicy()): string[] {
  const origin = request?.headers.get("origin");
  return origin && !policy.exact.includes(origin) && isTrustedOrigin(origin, policy) ? [...policy.exact, origin] : policy.exact;
}
