import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as getMe } from "@/app/api/me/route";
import { db } from "@/db";
import { account, session, user } from "@/db/schema";
import { authRequest, signUpUser, uniqueEmail } from "../helpers/auth";

const countUsers = async (email: string) => (await db.select().from(user).where(eq(user.email, email))).length;

describe("sign-up", () => {
  it("creates the user, a hashed credential and a session", async () => {
    const email = uniqueEmail("signup");
    const res = await authRequest("/sign-up/email", { body: { name: "Ada", email, password: "a-good-password" } });
    expect(res.status).toBe(200);
    expect(res.cookie).toMatch(/^better-auth\.session_token=/);
    const [row] = await db.select().from(user).where(eq(user.email, email));
    expect(row?.name).toBe("Ada");
    const [cred] = await db.select().from(account).where(eq(account.userId, row!.id));
    expect(cred?.providerId).toBe("credential");
    expect(cred?.password).not.toContain("a-good-password");
    expect(await db.select().from(session).where(eq(session.userId, row!.id))).toHaveLength(1);
  });

  it("rejects an email that is already taken, and writes nothing", async () => {
    const existing = await signUpUser("taken");
    const res = await authRequest("/sign-up/email", { body: { name: "Copy", email: existing.email, password: "another-password" } });
    expect(res.status).toBe(422);
    expect(res.json.code).toMatch(/^USER_ALREADY_EXISTS/);
    expect(await countUsers(existing.email)).toBe(1);
  });

  it.each([
    ["an invalid email", { name: "X", email: "not-an-email", password: "long-enough-pw" }, "VALIDATION_ERROR"],
    ["a short password", { name: "X", email: "short@example.com", password: "short" }, "PASSWORD_TOO_SHORT"],
    ["a password over 128 chars", { name: "X", email: "long@example.com", password: "x".repeat(129) }, "PASSWORD_TOO_LONG"],
  ])("rejects %s with 400 and writes nothing", async (_label, body, code) => {
    const res = await authRequest("/sign-up/email", { body });
    expect(res.status).toBe(400);
    expect(res.json.code).toBe(code);
    if (code === "VALIDATION_ERROR") expect(res.json.message).toMatch(/email/i);
    expect(await countUsers(body.email)).toBe(0);
  });
});

describe("sign-in", () => {
  it("signs in with the right password", async () => {
    const u = await signUpUser("signin");
    const res = await authRequest("/sign-in/email", { body: { email: u.email, password: u.password } });
    expect(res.status).toBe(200);
    expect(res.cookie).toBeTruthy();
    const me = await authRequest("/get-session", { cookie: res.cookie });
    expect(me.json.user.email).toBe(u.email);
  });

  it("rejects a wrong password with 401 and no session", async () => {
    const u = await signUpUser("wrongpw");
    const res = await authRequest("/sign-in/email", { body: { email: u.email, password: "not-the-password" } });
    expect(res.status).toBe(401);
    expect(res.json.code).toBe("INVALID_EMAIL_OR_PASSWORD");
    expect(res.cookie).toBeUndefined();
  });

  it("gives an unknown email the same answer as a wrong password", async () => {
    const res = await authRequest("/sign-in/email", { body: { email: uniqueEmail("nobody"), password: "whatever-password" } });
    expect(res.status).toBe(401);
    expect(res.json.code).toBe("INVALID_EMAIL_OR_PASSWORD");
  });

  it("ends the session on sign-out", async () => {
    const u = await signUpUser("signout");
    const out = await authRequest("/sign-out", { method: "POST", body: {}, cookie: u.cookie });
    expect(out.status).toBe(200);
    // The session token alone: the session is gone from the database (sign-out also clears the
    // browser's cache cookie; tests/integration/session-cookie-cache.test.ts covers that).
    const me = await authRequest("/get-session", { cookie: u.tokenCookie });
    expect(me.json).toBeNull();
  });
});

describe("profile", () => {
  it("changes the name", async () => {
    const u = await signUpUser("rename");
    const res = await authRequest("/update-user", { body: { name: "New Name" }, cookie: u.cookie });
    expect(res.status).toBe(200);
    const [row] = await db.select().from(user).where(eq(user.id, u.id));
    expect(row?.name).toBe("New Name");
  });

  it("changes the password only with the current one", async () => {
    const u = await signUpUser("passwd");
    const wrong = await authRequest("/change-password", {
      body: { currentPassword: "wrong-current", newPassword: "brand-new-password" },
      cookie: u.cookie,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json.code).toBe("INVALID_PASSWORD");

    const ok = await authRequest("/change-password", { body: { currentPassword: u.password, newPassword: "brand-new-password" }, cookie: u.cookie });
    expect(ok.status).toBe(200);
    expect((await authRequest("/sign-in/email", { body: { email: u.email, password: u.password } })).status).toBe(401);
    expect((await authRequest("/sign-in/email", { body: { email: u.email, password: "brand-new-password" } })).status).toBe(200);
  });
});

describe("API session check", () => {
  it("answers a request without a session with 401 JSON", async () => {
    const res = await getMe(new Request("http://localhost:3000/api/me"));
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(await res.json()).toEqual({ error: "unauthorized", message: "Sign in to continue." });
  });

  it("answers a forged session cookie with 401", async () => {
    const res = await getMe(new Request("http://localhost:3000/api/me", { headers: { cookie: "better-auth.session_token=forged.value" } }));
    expect(res.status).toBe(401);
  });

  it("returns the signed-in user", async () => {
    const u = await signUpUser("me");
    const res = await getMe(new Request("http://localhost:3000/api/me", { headers: { cookie: u.cookie } }));
    expect(res.status).toBe(200);
    expect((await res.json()).user).toMatchObject({ id: u.id, email: u.email });
  });
});
