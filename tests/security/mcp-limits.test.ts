import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { App, Client, log, signUp, SKIP, writeStats } from "../reliability/harness";
import { countRows, createKey, mcpHeaders, rpc } from "./attack";
import { PORTS } from "./config";

/**
 * Issue 12 #5: one JSON-RPC batch of 100 add_task calls counted as one request. Now a batch
 * holds at most 20 messages (refused whole, before any runs) and each message counts
 * against MCP_RATE_LIMIT, so a batch over the limit is a 429 that writes nothing.
 */

const batch = (n: number, label: string) => Array.from({ length: n }, (_, i) => rpc("add_task", { title: `${label} ${i}` }, i + 1));

describe.skipIf(SKIP !== null)("MCP batches: size cap", () => {
  const app = new App(PORTS.mcpLimits);
  let user: Client;
  let key: string;

  beforeAll(async () => {
    await app.start();
    user = await signUp(app, "mcp-batch");
    key = await createKey(user);
  });

  afterAll(async () => {
    await app.stop();
    writeStats("mcp-batch");
  });

  it("a batch of 21 add_task calls is refused with a JSON-RPC error and writes no task", async () => {
    const res = await user.post("/api/mcp", batch(21, "Batch21"), { headers: mcpHeaders(key) });
    log(`mcp-limits: batch of 21 → ${res.status} ${res.text.slice(0, 120)}`);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ jsonrpc: "2.0", error: { code: -32600 } });
    expect(await countRows("tasks", user.userId)).toBe(0);
    expect(await countRows("tool_calls", user.userId)).toBe(0);
  });

  it("a batch of 20 still runs every call", async () => {
    const res = await user.post("/api/mcp", batch(20, "Batch20"), { headers: mcpHeaders(key) });
    expect(res.status).toBe(200);
    expect(Array.isArray(res.json) && res.json.length).toBe(20);
    expect(await countRows("tasks", user.userId)).toBe(20);
  });
});

describe.skipIf(SKIP !== null)("MCP batches: each message counts against the rate limit", () => {
  const app = new App(PORTS.mcpRate, { env: { MCP_RATE_LIMIT: "10", MCP_RATE_WINDOW_SECONDS: "60" } });
  let user: Client;

  beforeAll(async () => {
    await app.start();
    user = await signUp(app, "mcp-rate");
  });

  afterAll(async () => {
    await app.stop();
    writeStats("mcp-rate");
  });

  it("with MCP_RATE_LIMIT=10, a batch of 11 add_task calls is a 429 and writes nothing", async () => {
    const key = await createKey(user, "Rate key 1");
    const res = await user.post("/api/mcp", batch(11, "Rate11"), { headers: mcpHeaders(key) });
    log(`mcp-limits: batch of 11 with a limit of 10 → ${res.status} ${res.text.slice(0, 120)}`);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await countRows("tasks", user.userId)).toBe(0);
  });

  it("a batch of 10 uses up the window: the next single request is a 429", async () => {
    const key = await createKey(user, "Rate key 2");
    const full = await user.post("/api/mcp", batch(10, "Rate10"), { headers: mcpHeaders(key) });
    expect(full.status).toBe(200);
    expect(await countRows("tasks", user.userId)).toBe(10);
    const next = await user.post("/api/mcp", rpc("add_task", { title: "One too many" }), { headers: mcpHeaders(key) });
    expect(next.status).toBe(429);
    expect(await countRows("tasks", user.userId)).toBe(10);
  });
});
