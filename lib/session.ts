import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "./auth";
import { UnauthorizedError } from "./errors";
import { safeNextPath } from "./redirects";

export type SessionUser = { id: string; name: string; email: string };

/** The signed-in user for a server component, or null. Cached per render. */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth.api.getSession({ headers: await headers() });
  if (!session) return null;
  const { id, name, email } = session.user;
  return { id, name, email };
});

/** The signed-in user from the database, never the cookie cache (lib/auth.ts). Cached per render. */
const getFreshUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth.api.getSession({ headers: await headers(), query: { disableCookieCache: true } });
  if (!session) return null;
  const { id, name, email } = session.user;
  return { id, name, email };
});

/**
 * For pages: the signed-in user, or a redirect to sign-in that comes back here afterwards.
 * `fresh` for pages that manage credentials (/profile), where a revoked session must stop at once.
 */
export async function requireUser(opts: { fresh?: boolean } = {}): Promise<SessionUser> {
  const user = await (opts.fresh ? getFreshUser() : getCurrentUser());
  if (user) return user;
  const path = safeNextPath((await headers()).get("x-tasktalk-path"));
  redirect(path ? `/sign-in?next=${encodeURIComponent(path)}` : "/sign-in");
}

/**
 * For route handlers: the signed-in user, or a 401. The session may come from the signed
 * cookie cache (lib/auth.ts), up to SESSION_CACHE_SECONDS stale; `fresh` asks the database, for
 * routes where a revoked session must stop at once (creating or revoking credentials).
 */
export async function requireApiUser(req: Request, opts: { fresh?: boolean } = {}): Promise<SessionUser> {
  const session = await auth.api.getSession({ headers: req.headers, ...(opts.fresh ? { query: { disableCookieCache: true } } : {}) });
  if (!session) throw new UnauthorizedError();
  const { id, name, email } = session.user;
  return { id, name, email };
}
