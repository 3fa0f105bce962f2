import { getSessionCookie } from "better-auth/cookies";
import { NextResponse, type NextRequest } from "next/server";

const PROTECTED = ["/dashboard", "/tasks", "/upcoming", "/lists", "/chat", "/profile"];

/**
 * An optimistic gate only: it sees that a session cookie exists, not that it is valid.
 * The signed-in layout checks the session for real. It also passes the path on, so that
 * layout can send the visitor back here after signing in.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const target = pathname + search;
  const isProtected = PROTECTED.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  if (isProtected && !getSessionCookie(request)) {
    const url = new URL("/sign-in", request.url);
    url.searchParams.set("next", target);
    return NextResponse.redirect(url);
  }
  const headers = new Headers(request.headers);
  headers.set("x-tasktalk-path", target);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/((?!api/|_next/|favicon.ico|.*\\.(?:png|svg|ico|txt)$).*)"],
};
