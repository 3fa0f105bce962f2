import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { App, Client, PASSWORD, SKIP, withPg, writeStats } from "../reliability/harness";
import { PORTS } from "./config";

/**
 * `next start` with the system variables Vercel gives a preview, and then production, and no
 * BETTER_AUTH_URL on the preview: sign-up and sign-in work from the preview's own origin, with
 * Secure cookies; a foreign origin gets 403; production still trusts only BETTER_AUTH_URL.
 */

const PREVIEW_URL = "tasktalk-git-feature-team.vercel.app";
const DEPLOYMENT_URL = "tasktalk-abc123def-team.vercel.app";
const PRODUCTION = "https://tasks.example.com";

const preview = new App(PORTS.preview, { env: { VERCEL: "1", VERCEL_ENV: "preview", VERCEL_URL: PREVIEW_URL, BETTER_AUTH_URL: "" } });
const production = new App(PORTS.production, { env: { VERCEL: "1", VERCEL_ENV: "production", VERCEL_URL: DEPLOYMENT_URL, BETTER_AUTH_URL: PRODUCTION } });

/** As Vercel's edge would forward it: the client address in a header the client cannot set. */
function from(app: App, origin: string): Client {
  const client = new Client(app);
  const headers = client.headers.bind(client);
  client.headers = (extra = {}, cookie) => ({ ...headers(extra, cookie), origin, "x-vercel-forwarded-for": client.ip });
  return client;
}

async function signUp(client: Client) {
  client.email = `deploy-${randomUUID().slice(0, 8)}@example.com`;
  return client.post("/api/auth/sign-up/email", { name: "Deploy Check", email: client.email, password: PASSWORD }, { cookie: null });
}

const usersNamed = (email: string) => withPg(async (c) => (await c.query("select count(*)::int as n from \"user\" where email = $1", [email])).rows[0].n as number);

describe.skipIf(SKIP !== null)("a preview deployment (VERCEL_ENV=preview, no BETTER_AUTH_URL)", () => {
  beforeAll(() => preview.start());
  afterAll(async () => {
    await preview.stop();
    writeStats("deploy-origins-preview");
  });

  it("signs up and in from its own URL, with Secure __Secure- cookies", async () => {
    const client = from(preview, `https://${PREVIEW_URL}`);
    const up = await signUp(client);
    expect(up.status, up.text).toBe(200);
    const session = up.headers.getSetCookie().find((c) => c.includes("session_token="));
    expect(session).toMatch(/^__Secure-better-auth\.session_token=/);
    expect(session).toMatch(/;\s*Secure/i);

    const me = await client.get("/api/me", { cookie: session!.split(";")[0]! });
    expect(me.status, me.text).toBe(200);
    expect(me.json.email ?? me.json.user?.email).toBe(client.email);

    const inAgain = await client.post("/api/auth/sign-in/email", { email: client.email, password: PASSWORD }, { cookie: null });
    expect(inAgain.status, inAgain.text).toBe(200);
  });

  it("refuses a foreign origin with 403 and creates no user", async () => {
    for (const origin of ["https://evil.example", `http://${PREVIEW_URL}`, "https://attacker.vercel.app", `https://${PREVIEW_URL}.evil.example`]) {
      const client = from(preview, origin);
      const res = await signUp(client);
      expect(res.status, `${origin}: ${res.text}`).toBe(403);
      expect(await usersNamed(client.email)).toBe(0);
    }
  });
});

describe.skipIf(SKIP !== null)("production (VERCEL_ENV=production) trusts BETTER_AUTH_URL only", () => {
  beforeAll(() => production.start());
  afterAll(async () => {
    await production.stop();
    writeStats("deploy-origins-production");
  });

  it("accepts BETTER_AUTH_URL's origin", async () => {
    const res = await signUp(from(production, PRODUCTION));
    expect(res.status, res.text).toBe(200);
    expect(res.headers.getSetCookie().join("\n")).toMatch(/__Secure-better-auth\.session_token=.*;\s*Secure/i);
  });

  it("refuses its deployment URL, a preview's URL and a foreign origin", async () => {
    for (const origin of [`https://${DEPLOYMENT_URL}`, `https://${PREVIEW_URL}`, "https://evil.example"]) {
      const client = from(production, origin);
      const res = await signUp(client);
      expect(res.status, `${origin}: ${res.text}`).toBe(403);
      expect(await usersNamed(client.email)).toBe(0);
    }
  });
});
