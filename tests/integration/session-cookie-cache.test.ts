import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as listKeys } from "@/app/api/keys/route";
import { dbQueryCount } from "@/db";
import { auth, SESSION_CACHE_SECONDS } from "@/lib/auth";
import { chatkit, chatkitStream, userInput } from "../helpers/chatkit";
import { uniqueEmail } from "../helpers/auth";

/**
 * Better Auth's session cookie cache (lib/auth.ts): a signed `session_data` cookie beside the
 * session token lets a request skip the session lookup. Revocation still bites: at once where
 * it matters (Better Auth's sensitive routes, our credential routes), and everywhere once the
 * cookie's max-age (SESSION_CACHE_SECONDS) has passed.
 */

const ORIGIN = "http://localhost:3000";

/** Every cookie a browser would keep from Better Auth's answer (name=value pairs). */
async function authCall(path: string, body: unknown, cookie = "") {
  const res = await auth.handler(
    new Request(`${ORIGIN}/api/auth${path}`, { method: "POST", headers: { origin: ORIGIN, "content-type": "application/json", ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) }),
  );
  const cookies = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .filter((c) => !c.endsWith("="));
  return { status: res.status, cookie: cookies.join("; "), cookies };
}

async function signUp(label: string) {
  const email = uniqueEmail(label);
  const password = "correct horse battery";
  const res = await authCall("/sign-up/email", { name: `Cache ${label}`, email, password });
  expect(res.status).toBe(200);
  return { email, password, cookie: res.cookie, tokenOnly: res.cookies.find((c) => c.includes("session_token="))! };
}

const turnQueries = async (cookie: string) => {
  const before = dbQueryCount();
  const res = await chatkitStream(cookie, { type: "threads.create", params: { input: userInput("hello") } });
  expect(res.status).toBe(200);
  return dbQueryCount() - before;
};

afterEach(() => vi.useRealTimers());

describe("the session cookie cache", () => {
  it("sign-up sets a signed session_data cookie beside the token", async () => {
    const u = await signUp("cookies");
    expect(u.cookie).toMatch(/session_token=/);
    expect(u.cookie).toMatch(/session_data=/);
  });

  it("saves the session lookup on a chat turn", async () => {
    const u = await signUp("turn");
    await turnQueries(u.cookie); // warm-up
    const withoutCache = await turnQueries(u.tokenOnly);
    const withCache = await turnQueries(u.cookie);
    console.log(`[round trips] one "hello" threads.create turn: ${withoutCache} queries with the session token only, ${withCache} with the cookie cache`);
    expect(withCache).toBeLessThan(withoutCache);
  });

  it("a session revoked elsewhere stops at once on credential routes, and everywhere after the max-age", async () => {
    const u = await signUp("revoke");
    const other = await authCall("/sign-in/email", { email: u.email, password: u.password });
    expect(other.status).toBe(200);
    expect((await authCall("/revoke-other-sessions", {}, u.cookie)).status).toBe(200);

    // Credential routes ask the database: the revoked session is refused at once.
    const keys = await listKeys(new Request(`${ORIGIN}/api/keys`, { headers: { cookie: other.cookie } }));
    expect(keys.status).toBe(401);
    // Ordinary requests may ride the signed cookie until it expires: the documented staleness.
    const stale = await chatkit(other.cookie, { type: "threads.list", params: {} });
    expect(stale.status).toBe(200);

    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + (SESSION_CACHE_SECONDS + 1) * 1000 });
    const expired = await chatkit(other.cookie, { type: "threads.list", params: {} });
    expect(expired.status).toBe(401);
  });

  it("sign-out clears both cookies, and the session is gone from the database", async () => {
    const u = await signUp("signout");
    const res = await auth.handler(new Request(`${ORIGIN}/api/auth/sign-out`, { method: "POST", headers: { origin: ORIGIN, "content-type": "application/json", cookie: u.cookie }, body: "{}" }));
    expect(res.status).toBe(200);
    const cleared = res.headers.getSetCookie().filter((c) => /Max-Age=0/i.test(c)).map((c) => c.split("=")[0]);
    expect(cleared).toEqual(expect.arrayContaining([expect.stringMatching(/session_token$/), expect.stringMatching(/session_data$/)]));
    expect((await chatkit(u.tokenOnly, { type: "threads.list", params: {} })).status).toBe(401);
  });
});
