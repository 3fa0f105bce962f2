import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { App, Client, log, PASSWORD, signUp, SKIP, writeStats, type Res } from "../reliability/harness";
import { chunkedBody, createKey, mcpHeaders, peakRssDuring, serverRss } from "./attack";
import { PORTS } from "./config";

/**
 * Issue 12 #3: Better Auth buffered a whole chunked body before refusing it (two 200 MB
 * POSTs took the server from 0.7 to 2 GB), and /api/mcp read the whole body before its 413.
 * Two concurrent 50 MB chunked bodies (no Content-Length) to each must get a 413 JSON while
 * the server's resident memory grows by less than 50 MB.
 */

const MB = 1024 * 1024;
const app = new App(PORTS.bodyCaps);

async function twoAtOnce(send: () => Promise<Res>) {
  const before = serverRss(app);
  const { result, peak } = await peakRssDuring(app, () => Promise.all([send(), send()]));
  return { responses: result, growthMb: (peak - before) / MB, rss: `${Math.round(before / MB)} → peak ${Math.round(peak / MB)} MB` };
}

describe.skipIf(SKIP !== null)("streaming body caps", () => {
  let user: Client;
  let key: string;

  beforeAll(async () => {
    await app.start();
    user = await signUp(app, "caps");
    key = await createKey(user);
    // Warm the routes up, so compiling and first-use allocations are not counted as the attack's.
    await new Client(app).post("/api/auth/sign-in/email", { email: user.email, password: "wrong password" }, { cookie: null });
    await user.post("/api/mcp", { jsonrpc: "2.0", id: 1, method: "tools/list" }, { headers: mcpHeaders(key) });
  });

  afterAll(async () => {
    await app.stop();
    writeStats("body-caps");
  });

  it("Better Auth sign-in: 2 × 50 MB chunked → 413 JSON, RSS grows < 50 MB", async () => {
    const attacker = new Client(app);
    const { responses, growthMb, rss } = await twoAtOnce(() =>
      attacker.request("POST", "/api/auth/sign-in/email", { raw: chunkedBody(50 * MB), headers: { "content-type": "application/json" }, cookie: null, timeoutMs: 60_000 }),
    );
    log(`body-caps: auth 2 × 50 MB → ${responses.map((r) => r.status).join(", ")}, RSS +${growthMb.toFixed(1)} MB (${rss})`);
    for (const res of responses) {
      expect(res.status, res.text.slice(0, 200)).toBe(413);
      expect(res.json?.error).toBeTruthy();
    }
    expect(growthMb).toBeLessThan(50);
  });

  it("MCP with a valid key: 2 × 50 MB chunked → 413 JSON-RPC error, RSS grows < 50 MB", async () => {
    const { responses, growthMb, rss } = await twoAtOnce(() => user.request("POST", "/api/mcp", { raw: chunkedBody(50 * MB), headers: mcpHeaders(key), timeoutMs: 60_000 }));
    log(`body-caps: MCP 2 × 50 MB → ${responses.map((r) => r.status).join(", ")}, RSS +${growthMb.toFixed(1)} MB (${rss})`);
    for (const res of responses) {
      expect(res.status, res.text.slice(0, 200)).toBe(413);
      expect(res.json?.error?.message).toMatch(/larger than/);
    }
    expect(growthMb).toBeLessThan(50);
  });

  it("the routes still work after the attack", async () => {
    const signIn = await new Client(app).post("/api/auth/sign-in/email", { email: user.email, password: PASSWORD }, { cookie: null });
    expect(signIn.status).toBe(200);
    const list = await user.post("/api/mcp", { jsonrpc: "2.0", id: 1, method: "tools/list" }, { headers: mcpHeaders(key) });
    expect(list.status).toBe(200);
  });
});
