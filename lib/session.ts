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

/** For pages: the signed-in user, or a redirect to sign-in that comes back here afterwards. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (user) return user;
  const path = safeNextPath((await headers()).get("x-tasktalk-path"));
  redirect(path ? `/sign-in?next=${encodeURIComponent(path)}` : "/sign-in");
}

/** For route handlers: the signed-in user, or a 401. */
export async function requireApiUser(req: Request): Promise<SessionUser> {
  const session = await auth.api.getSession({ headers: req.headers });
  if (!session) throw new UnauthorizedError();
  const { id, name, email } = session.user;
  return { id, name, email };
}
