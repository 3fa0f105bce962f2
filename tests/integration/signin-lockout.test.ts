import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { signInLockoutLimit } from "@/lib/signin-lockout";
import { authRequest, signUpUser, uniqueEmail } from "../helpers/auth";

const { limit } = signInLockoutLimit();
const signIn = (email: string, password: string) => authRequest("/sign-in/email", { body: { email, password } });

async function failTimes(email: string, n: number) {
  for (let i = 0; i < n; i++) expect((await signIn(email, `wrong-password-${i}`)).status).toBe(401);
}

describe("per-account sign-in lockout", () => {
  it(`locks an account after ${limit} failures: even the right password gets 429 with Retry-After`, async () => {
    const u = await signUpUser("lock");
    await failTimes(u.email, limit);
    const res = await authRequest("/sign-in/email", { body: { email: u.email, password: u.password } });
    expect(res.status).toBe(429);
    expect(res.json.code).toBe("ACCOUNT_LOCKED");
    expect(res.json.message).toMatch(/Too many failed sign-ins for this account\. Try again in \d+ minutes\./);
    expect(res.cookie).toBeUndefined();

    // The raw handler, for the header.
    const raw = await (await import("@/lib/auth")).auth.handler(
      new Request("http://localhost:3000/api/auth/sign-in/email", {
        method: "POST",
        headers: { origin: "http://localhost:3000", "content-type": "application/json" },
        body: JSON.stringify({ email: u.email.toUpperCase(), password: u.password }),
      }),
    );
    expect(raw.status).toBe(429);
    expect(Number(raw.headers.get("retry-after"))).toBeGreaterThan(60);
  });

  it("counts the email as Better Auth looks it up (case and spaces do not make a new bucket)", async () => {
    const u = await signUpUser("case");
    for (let i = 0; i < limit; i++) expect((await signIn(i % 2 ? u.email.toUpperCase() : ` ${u.email} `, "wrong-password")).status).not.toBe(429);
    expect((await signIn(u.email, u.password)).status).toBe(429);
  });

  it("leaves other accounts alone", async () => {
    const victim = await signUpUser("victim");
    const other = await signUpUser("other");
    await failTimes(victim.email, limit);
    expect((await signIn(victim.email, victim.password)).status).toBe(429);
    expect((await signIn(other.email, other.password)).status).toBe(200);
  });

  it("answers an unknown email exactly like a real account, so the lockout reveals nothing", async () => {
    const ghost = uniqueEmail("ghost");
    await failTimes(ghost, limit);
    const res = await signIn(ghost, "anything-at-all");
    expect(res.status).toBe(429);
    expect(res.json.code).toBe("ACCOUNT_LOCKED");
  });

  it("forgets earlier failures once the right password is given", async () => {
    const u = await signUpUser("reset");
    await failTimes(u.email, limit - 1);
    expect((await signIn(u.email, u.password)).status).toBe(200);
    await failTimes(u.email, limit - 1);
    expect((await signIn(u.email, u.password)).status).toBe(200);
    const rows = await db.execute<{ n: number }>(sql`select count(*)::int as n from rate_limits where bucket = ${`signin-fail:${u.email}`}`);
    expect(Number(rows.rows[0]!.n)).toBe(0);
  });

  it("holds against a burst of parallel guesses", async () => {
    const u = await signUpUser("burst");
    const results = await Promise.all(Array.from({ length: limit * 3 }, (_, i) => signIn(u.email, `parallel-guess-${i}`)));
    expect(results.filter((r) => r.status === 401)).toHaveLength(limit);
    expect(results.filter((r) => r.status === 429)).toHaveLength(limit * 2);
  });
});
