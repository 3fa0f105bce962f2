import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { App, Client, SKIP, withPg, writeStats } from "../reliability/harness";
import { PORTS } from "./config";

/**
 * Issue 12 #2: Better Auth trusted a client's X-Forwarded-For and `next start` passes it on,
 * so a new header value per request meant unlimited password guesses. Here no proxy is
 * declared (TRUSTED_PROXY_HEADER unset, as on a bare `next start`): the limit must follow the
 * TCP peer, which instrumentation stamps on each request (lib/client-ip.ts).
 */

// The harness declares X-Forwarded-For trusted for its clients; this server must not.
const app = new App(PORTS.clientIp, { env: { TRUSTED_PROXY_HEADER: "" } });

describe.skipIf(SKIP !== null)("client IP for the auth rate limit", () => {
  beforeAll(async () => {
    await app.start();
  });

  afterAll(async () => {
    await app.stop();
    writeStats("client-ip");
  });

  it("rotating X-Forwarded-For gets a 429 within Better Auth's sign-in limit (3 per 10 s)", async () => {
    const statuses: number[] = [];
    const retryAfter: (string | null)[] = [];
    for (let i = 0; i < 8; i++) {
      // A new "address" and a new email per guess: only the IP limit can stop this.
      const attacker = new Client(app, `203.0.113.${i + 1}`);
      const res = await attacker.post("/api/auth/sign-in/email", { email: `guess-${i}-${randomUUID().slice(0, 8)}@example.com`, password: `guess-${i}-password` }, { cookie: null });
      statuses.push(res.status);
      retryAfter.push(res.headers.get("x-retry-after"));
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429, 429, 429, 429]);
    expect(Number(retryAfter[3])).toBeGreaterThan(0);
  });

  it("keys that limit by the TCP peer stamped under `next start`, not the header and not the shared fallback bucket", async () => {
    const keys = await withPg(async (c) => (await c.query<{ key: string }>(`select key from rate_limit where key like '%|/sign-in/email'`)).rows.map((r) => r.key));
    expect(keys).toContain("127.0.0.1|/sign-in/email");
    expect(keys.filter((k) => k.startsWith("203.0.113.") || k.startsWith("no-trusted-ip"))).toEqual([]);
  });
});
