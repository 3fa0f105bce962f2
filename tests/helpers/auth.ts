import { randomUUID } from "node:crypto";
import { auth } from "@/lib/auth";

const ORIGIN = "http://localhost:3000";

/** Calls Better Auth's HTTP handler exactly as the route at /api/auth/[...all] does. */
export async function authRequest(path: string, init: { method?: string; body?: unknown; cookie?: string; headers?: Record<string, string> } = {}) {
  const headers = new Headers({ origin: ORIGIN, ...init.headers });
  if (init.body !== undefined) headers.set("content-type", "application/json");
  if (init.cookie) headers.set("cookie", init.cookie);
  const res = await auth.handler(
    new Request(`${ORIGIN}/api/auth${path}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    }),
  );
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null, cookie: sessionCookie(res), browserCookie: browserCookies(res) };
}

/** Every cookie a browser keeps from the answer: the session token and the signed session cache (lib/auth.ts). */
function browserCookies(res: Response): string | undefined {
  const cookies = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .filter((c) => !c.endsWith("="));
  return cookies.length ? cookies.join("; ") : undefined;
}

function sessionCookie(res: Response): string | undefined {
  const set = res.headers.getSetCookie().find((c) => c.includes("session_token="));
  return set?.split(";")[0];
}

export function uniqueEmail(label = "user"): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.com`;
}

/**
 * A new user with the cookies a browser would send (`cookie`: the session token and the signed
 * session cache, so a request costs no session lookup, as in a browser) and the session token
 * alone (`tokenCookie`: every request asks the database).
 */
export async function signUpUser(label = "user") {
  const email = uniqueEmail(label);
  const password = "correct horse battery";
  const res = await authRequest("/sign-up/email", { body: { name: `Test ${label}`, email, password } });
  if (res.status !== 200 || !res.cookie) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.json)}`);
  return { id: res.json.user.id as string, email, password, cookie: res.browserCookie ?? res.cookie, tokenCookie: res.cookie };
}
