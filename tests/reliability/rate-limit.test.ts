import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PORTS } from "./config";
import { App, Client, freshIp, log, PASSWORD, signUp, sleep, SKIP, tableCounts, threadOf, userDigest, userInput, writeStats } from "./harness";

/**
 * The limits trigger and recover, on a server started with small ones: chat turns
 * (CHAT_RATE_LIMIT=5 per 8 s per user), MCP requests (MCP_RATE_LIMIT=5 per 8 s per key), and
 * Better Auth's sign-up limit (3 per 10 s per client address). Over the limit: a 429 JSON,
 * with when to come back, and nothing written; after the window: accepted again.
 */

const LIMIT = 5;
const WINDOW_S = 8;
const app = new App(PORTS.limits, {
  env: { CHAT_RATE_LIMIT: String(LIMIT), CHAT_RATE_WINDOW_SECONDS: String(WINDOW_S), MCP_RATE_LIMIT: String(LIMIT), MCP_RATE_WINDOW_SECONDS: String(WINDOW_S) },
});

const mcpHeaders = (key: string) => ({ authorization: `Bearer ${key}`, accept: "application/json, text/event-stream", "content-type": "application/json" });
const toolsList = { jsonrpc: "2.0", id: 1, method: "tools/list" };

describe.skipIf(SKIP !== null)("rate limits trigger and recover", () => {
  const sharedIp = freshIp();
  const signUps: Client[] = [];
  let authLimitedAt = 0;
  /** When each limit's window is over (both waits overlap, to keep the test short). */
  let chatOpensAt = 0;
  let mcpOpensAt = 0;
  let chatThread = "";
  let mcpKey = "";

  beforeAll(async () => {
    await app.start();
  });

  afterAll(async () => {
    await app.stop();
    writeStats("rate-limit");
  });

  it("Better Auth: the 4th sign-up from one address within 10 s is a 429 JSON and creates no user", async () => {
    for (let i = 0; i < 3; i++) signUps.push(await signUp(app, `limit-${i}`, sharedIp));
    const users = (await tableCounts()).user;
    const limited = await new Client(app, sharedIp).post("/api/auth/sign-up/email", { name: "Too Many", email: `too-many-${Date.now()}@example.com`, password: PASSWORD });
    authLimitedAt = Date.now();
    log(`rate-limit: sign-up #4 from one address → ${limited.status}, X-Retry-After ${limited.headers.get("x-retry-after")}: ${limited.text.slice(0, 100)}`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("content-type")).toMatch(/application\/json/);
    expect(typeof limited.json?.message).toBe("string");
    expect((await tableCounts()).user).toBe(users);
  });

  it(`chat: turn ${LIMIT + 1} within ${WINDOW_S} s is a 429 JSON with Retry-After and writes nothing`, async () => {
    const user = signUps[0]!;
    const started = Date.now();
    const first = await user.chatStream({ type: "threads.create", params: { input: userInput("hello") } });
    expect(first.status).toBe(200);
    const threadId = threadOf(first.events).id;
    for (let i = 2; i <= LIMIT; i++) {
      const turn = await user.chatStream({ type: "threads.add_user_message", params: { thread_id: threadId, input: userInput(`add limit task ${i}`) } });
      expect(turn.status, `turn ${i}`).toBe(200);
    }
    const within = Date.now() - started;
    expect(within, `${LIMIT} turns must fit in the ${WINDOW_S} s window for this test to mean anything`).toBeLessThan(WINDOW_S * 1000 - 500);

    const counts = await tableCounts();
    const digest = await userDigest(user.userId);
    const limited = await user.chatJson({ type: "threads.add_user_message", params: { thread_id: threadId, input: userInput("add one too many") } });
    const created = await user.chatJson({ type: "threads.create", params: { input: userInput("a new thread, too many") } });
    const retryAfter = Number(limited.headers.get("retry-after"));
    log(`rate-limit: chat turn ${LIMIT + 1} → ${limited.status}, Retry-After ${retryAfter} s: ${limited.text.slice(0, 120)}; a new thread → ${created.status}`);
    for (const res of [limited, created]) {
      expect(res.status).toBe(429);
      expect(res.headers.get("content-type")).toMatch(/application\/json/);
      expect(res.json.message).toMatch(/too fast/i);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(Number(res.headers.get("retry-after"))).toBeLessThanOrEqual(WINDOW_S);
    }
    expect(await tableCounts(), "nothing written by the refused turns").toEqual(counts);
    expect(await userDigest(user.userId)).toEqual(digest);
    chatOpensAt = Date.now() + retryAfter * 1000 + 300;
    chatThread = threadId;
  });

  it(`MCP: request ${LIMIT + 1} within ${WINDOW_S} s for one key is a 429 JSON-RPC error with Retry-After and writes nothing`, async () => {
    const user = signUps[1]!;
    const key = (mcpKey = (await user.post("/api/keys", { name: "Limited key" })).json.key as string);
    const mcp = new Client(app);
    for (let i = 1; i <= LIMIT; i++) expect((await mcp.post("/api/mcp", toolsList, { headers: mcpHeaders(key) })).status, `request ${i}`).toBe(200);
    const counts = await tableCounts();
    const limited = await mcp.post("/api/mcp", { jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "add_task", arguments: { title: "One too many" } } }, { headers: mcpHeaders(key) });
    const retryAfter = Number(limited.headers.get("retry-after"));
    log(`rate-limit: MCP request ${LIMIT + 1} → ${limited.status}, Retry-After ${retryAfter} s: ${limited.text.slice(0, 120)}`);
    expect(limited.status).toBe(429);
    expect(limited.json.error.message).toMatch(/too many/i);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(await tableCounts(), "the refused add_task wrote nothing").toEqual(counts);
    mcpOpensAt = Date.now() + retryAfter * 1000 + 300;
  });

  it("after their windows, chat turns and MCP requests are accepted again", async () => {
    expect(chatOpensAt && mcpOpensAt, "both limits were reached").toBeTruthy();
    await sleep(Math.max(0, chatOpensAt - Date.now()));
    const again = await signUps[0]!.chatStream({ type: "threads.add_user_message", params: { thread_id: chatThread, input: userInput("add after the window") } });
    expect(again.status, JSON.stringify(again.json)).toBe(200);
    expect(again.events.some((e) => e.type === "thread.item.done" && e.item.type === "assistant_message")).toBe(true);
    await sleep(Math.max(0, mcpOpensAt - Date.now()));
    expect((await new Client(app).post("/api/mcp", toolsList, { headers: mcpHeaders(mcpKey) })).status).toBe(200);
  });

  it("Better Auth: the same address can sign up again after its 10 s window", async () => {
    const wait = authLimitedAt + 10_500 - Date.now();
    if (wait > 0) await sleep(wait);
    const again = await signUp(app, "limit-again", sharedIp);
    expect(again.userId).toBeTruthy();
  });
});
