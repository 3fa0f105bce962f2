import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { App, Client, PASSWORD, signUp, SKIP, writeStats } from "../reliability/harness";
import { PORTS } from "./config";

/**
 * Issue 12 #2: no limit per account, so guesses spread over many addresses were never
 * stopped. Every guess here comes from its own address, trusted as if a proxy had set it
 * (the harness declares X-Forwarded-For trusted), so Better Auth's per-IP limit never fires:
 * only the per-account lockout (5 failures per 15 minutes) can.
 */

const LIMIT = 5;
const app = new App(PORTS.signInLockout);

const signIn = (email: string, password: string) => new Client(app).post("/api/auth/sign-in/email", { email, password }, { cookie: null });

async function guessWrong(email: string, times: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < times; i++) statuses.push((await signIn(email, `wrong-guess-${i}`)).status);
  return statuses;
}

describe.skipIf(SKIP !== null)("per-account sign-in lockout", () => {
  let victim: Client;
  let bystander: Client;

  beforeAll(async () => {
    await app.start();
    victim = await signUp(app, "lockout-victim");
    bystander = await signUp(app, "lockout-bystander");
  });

  afterAll(async () => {
    await app.stop();
    writeStats("signin-lockout");
  });

  it(`after ${LIMIT} wrong passwords from ${LIMIT} addresses, even the right password gets 429 with Retry-After`, async () => {
    expect(await guessWrong(victim.email, LIMIT)).toEqual(Array(LIMIT).fill(401));
    const res = await signIn(victim.email, PASSWORD);
    expect(res.status).toBe(429);
    expect(res.json).toMatchObject({ code: "ACCOUNT_LOCKED" });
    expect(res.json.message).toMatch(/^Too many failed sign-ins for this account\. Try again in \d+ minutes\.$/);
    const retryAfter = Number(res.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(res.headers.getSetCookie().filter((c) => c.includes("session_token="))).toEqual([]);
  });

  it("the victim's existing session still works, and another account signs in as usual", async () => {
    expect((await victim.get("/api/me")).status).toBe(200);
    expect((await signIn(bystander.email, PASSWORD)).status).toBe(200);
  });

  it("an unknown email is answered exactly like a real account", async () => {
    const ghost = `ghost-${randomUUID().slice(0, 8)}@example.com`;
    expect(await guessWrong(ghost, LIMIT)).toEqual(Array(LIMIT).fill(401));
    const res = await signIn(ghost, PASSWORD);
    expect(res.status).toBe(429);
    expect(res.json).toMatchObject({ code: "ACCOUNT_LOCKED" });
  });
});
