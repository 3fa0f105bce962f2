import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetLinkIn, SmtpInbox } from "../helpers/smtp-inbox";
import { App, Client, PASSWORD, signUp, SKIP, writeStats } from "../reliability/harness";

/**
 * Attacks on forgot password, against `next start` mailing through a real SMTP server: a reset
 * link sent towards another site (redirectTo, callbackURL, a forged Host), a token used twice,
 * and telling which addresses have accounts. Ports: 3870 (+1 proxy), SMTP on 3872; not in
 * config.ts's PORTS (owned elsewhere), picked from its free 3850–3899 half.
 */

const PORT = 3870;
const SMTP_PORT = PORT + 2;
const EVIL = ["https://evil.example/steal", "//evil.example/", "/\\evil.example", `http://localhost:${PORT}.evil.example/`, "javascript:alert(1)"];

let inbox: SmtpInbox;
const app = new App(PORT, { env: { SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`, MAIL_FROM: "Tasktalk <no-reply@tasktalk.test>" } });

/** Each request from an address of its own: Better Auth allows 3 reset requests a minute per address. */
const ask = (body: Record<string, unknown>, headers?: Record<string, string>) =>
  new Client(app).post("/api/auth/request-password-reset", body, { cookie: null, headers });

async function linkFor(email: string, count = 1): Promise<URL> {
  const link = resetLinkIn(await inbox.waitFor(email, count));
  expect(link).not.toBeNull();
  return link!;
}

describe.skipIf(SKIP !== null)("password reset attacks", () => {
  beforeAll(async () => {
    inbox = await SmtpInbox.start(SMTP_PORT);
    await app.start();
  });

  afterAll(async () => {
    await app.stop();
    await inbox?.stop();
    writeStats("password-reset");
  });

  it("a redirectTo on another site is refused and mails nothing", async () => {
    const victim = await signUp(app, "reset-redirect");
    for (const redirectTo of EVIL) {
      const res = await ask({ email: victim.email, redirectTo });
      expect(res.status, redirectTo).toBe(403);
      expect(res.json.code).toBe("INVALID_REDIRECT_URL");
    }
    await new Promise((r) => setTimeout(r, 1000));
    expect(inbox.to(victim.email)).toHaveLength(0);
  });

  it("the link points at this origin whatever the request's Host, X-Forwarded-Host or redirectTo say", async () => {
    const victim = await signUp(app, "reset-host");
    const res = await ask(
      { email: victim.email, redirectTo: `${app.origin}/tasks` },
      { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
    );
    expect(res.status).toBe(200);
    const link = await linkFor(victim.email);
    expect(link.origin).toBe(app.origin);
    expect(link.pathname).toBe("/reset-password");
    expect([...link.searchParams.keys()]).toEqual(["token"]);
  });

  it("Better Auth's token redirect never sends the token to another site", async () => {
    const victim = await signUp(app, "reset-callback");
    expect((await ask({ email: victim.email })).status).toBe(200);
    const token = (await linkFor(victim.email)).searchParams.get("token")!;
    for (const callbackURL of EVIL) {
      const res = await new Client(app).get(`/api/auth/reset-password/${token}?callbackURL=${encodeURIComponent(callbackURL)}`, { cookie: null });
      expect(res.status, callbackURL).toBe(403);
      expect(res.headers.get("location")).toBeNull();
    }
    // The token is still good for its owner.
    const reset = await new Client(app).post("/api/auth/reset-password", { token, newPassword: "owner-new-password" }, { cookie: null });
    expect(reset.status).toBe(200);
  });

  it("a token works once: replaying it cannot set the password again", async () => {
    const victim = await signUp(app, "reset-replay");
    expect((await ask({ email: victim.email })).status).toBe(200);
    const token = (await linkFor(victim.email)).searchParams.get("token")!;
    const first = await new Client(app).post("/api/auth/reset-password", { token, newPassword: "owner-new-password" }, { cookie: null });
    expect(first.status).toBe(200);
    const replays = await Promise.all(
      [1, 2, 3].map((i) => new Client(app).post("/api/auth/reset-password", { token, newPassword: `attacker-password-${i}` }, { cookie: null })),
    );
    expect(replays.map((r) => r.status)).toEqual([400, 400, 400]);
    for (const i of [1, 2, 3]) {
      const signIn = await new Client(app).post("/api/auth/sign-in/email", { email: victim.email, password: `attacker-password-${i}` }, { cookie: null });
      expect(signIn.status).toBe(401);
    }
    expect((await new Client(app).post("/api/auth/sign-in/email", { email: victim.email, password: "owner-new-password" }, { cookie: null })).status).toBe(200);
    // The page says so too.
    const page = await new Client(app).get(`/reset-password?token=${token}`, { cookie: null });
    expect(page.text).toContain("This reset link is not valid any more");
  });

  it("malformed tokens get 4xx, never a 5xx (a NUL once made PostgreSQL refuse the lookup)", async () => {
    for (const token of ["nul\u0000token", "\ud800", "x".repeat(10_000), "' or 1=1 --", "../../../etc/passwd"]) {
      const res = await new Client(app).post("/api/auth/reset-password", { token, newPassword: "attacker-password" }, { cookie: null });
      expect(res.status, JSON.stringify(token.slice(0, 20))).toBe(400);
    }
    for (const page of ["/reset-password?token=nul%00token", "/reset-password?token=%ff", "/reset-password?token=a&token=b"]) {
      const res = await new Client(app).get(page, { cookie: null });
      expect(res.status, page).toBe(200);
      expect(res.text).toContain("This reset link is not valid any more");
    }
  });

  it("known and unknown addresses get the same status, headers and body", async () => {
    const known = await signUp(app, "reset-known");
    const unknownEmail = `nobody-${randomUUID().slice(0, 8)}@example.com`;
    const a = await ask({ email: known.email });
    const b = await ask({ email: unknownEmail });
    expect(b.status).toBe(a.status);
    expect(b.text).toBe(a.text);
    const headerNames = (res: typeof a) => [...res.headers.keys()].filter((k) => k !== "date").sort();
    expect(headerNames(b)).toEqual(headerNames(a));
    await inbox.waitFor(known.email);
    await new Promise((r) => setTimeout(r, 500));
    expect(inbox.to(unknownEmail)).toHaveLength(0);
  });

  it("one address may ask 3 times a minute; the 4th gets 429 and mails nothing", async () => {
    const victim = await signUp(app, "reset-flood");
    const client = new Client(app);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await client.post("/api/auth/request-password-reset", { email: victim.email }, { cookie: null })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    await inbox.waitFor(victim.email, 3);
    await new Promise((r) => setTimeout(r, 500));
    expect(inbox.to(victim.email)).toHaveLength(3);
  });

  it("a reset ends the attacker's session and lifts a lockout the attacker caused", async () => {
    const victim = await signUp(app, "reset-lockout");
    const attacker = new Client(app);
    const stolen = await attacker.post("/api/auth/sign-in/email", { email: victim.email, password: PASSWORD }, { cookie: null });
    attacker.cookie = stolen.headers.getSetCookie().find((c) => c.includes("session_token="))!.split(";")[0]!;
    for (let i = 0; i < 5; i++) await new Client(app).post("/api/auth/sign-in/email", { email: victim.email, password: `guess-${i}` }, { cookie: null });
    expect((await new Client(app).post("/api/auth/sign-in/email", { email: victim.email, password: PASSWORD }, { cookie: null })).status).toBe(429);

    expect((await ask({ email: victim.email })).status).toBe(200);
    const token = (await linkFor(victim.email)).searchParams.get("token")!;
    expect((await new Client(app).post("/api/auth/reset-password", { token, newPassword: "owner-new-password" }, { cookie: null })).status).toBe(200);

    expect((await new Client(app).post("/api/auth/sign-in/email", { email: victim.email, password: "owner-new-password" }, { cookie: null })).status).toBe(200);
    // The session token alone asks the database (the signed cookie cache would hide the revocation for up to a minute).
    const session = await attacker.get("/api/auth/get-session");
    expect(session.json ?? null).toBeNull();
  });
});
