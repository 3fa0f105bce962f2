import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { App, Client, log, signUp, SKIP, tableCounts, threadOf, userInput, writeStats, diffCounts } from "../reliability/harness";
import { createKey, mcpHeaders, rpc } from "./attack";
import { PORTS } from "./config";

/**
 * Issue 12 #7: a malformed `tz` cookie (`tz=%`) made decodeURIComponent throw on /api/tasks
 * and /api/chat (500s), and a 5,000-deep `inference_options` overflowed JSON.stringify after
 * the thread was created, leaving an empty thread each time. Each must now be a 4xx (or, for
 * the cookie, an ordinary answer) that writes no row.
 */

const app = new App(PORTS.boundedInput);

/**
 * A body whose `"__DEEP__"` placeholder becomes `{"a":{"a":…}}` nested `depth` levels, written
 * as text: building it as an object would overflow JSON.stringify here, before the server saw it.
 */
const DEEP = "__DEEP__";
function withDeep(template: unknown, depth = 5000): string {
  const deep = `${'{"a":'.repeat(depth - 1)}{}${"}".repeat(depth - 1)}`;
  return JSON.stringify(template).replace(JSON.stringify(DEEP), deep);
}
const jsonHeaders = { "content-type": "application/json" };

function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let i = 1; i < depth; i++) value = { a: value };
  return value;
}

describe.skipIf(SKIP !== null)("bounded input and safely decoded cookies", () => {
  let user: Client;
  let threadId: string;

  beforeAll(async () => {
    await app.start();
    user = await signUp(app, "bounded");
    const first = await user.chatStream({ type: "threads.create", params: { input: userInput("hello") } });
    expect(first.status).toBe(200);
    threadId = threadOf(first.events).id;
  });

  afterAll(async () => {
    await app.stop();
    writeStats("bounded-input");
  });

  it.each(["%", "%E0%A4%A", "%ZZ", "Europe%2FParis%"])("a tz=%s cookie: /api/tasks and /api/chat answer without a 5xx", async (tz) => {
    const cookie = `${user.cookie}; tz=${tz}`;
    const tasks = await user.get("/api/tasks", { cookie });
    expect(tasks.status).toBe(200);
    const threads = await user.chatJson({ type: "threads.list", params: {} }, { cookie });
    expect(threads.status).toBe(200);
    const page = await user.get("/tasks", { cookie });
    expect(page.status).toBe(200);
  });

  const deepBodies: Array<[string, () => string]> = [
    ["threads.create with 5,000-deep inference_options", () => withDeep({ type: "threads.create", params: { input: { ...userInput("add milk"), inference_options: DEEP } } })],
    ["threads.create with 9-deep inference_options", () => JSON.stringify({ type: "threads.create", params: { input: { ...userInput("add milk"), inference_options: nested(9) } } })],
    ["threads.create with 5 KiB inference_options", () => JSON.stringify({ type: "threads.create", params: { input: { ...userInput("add milk"), inference_options: { model: "x".repeat(5 * 1024) } } } })],
    ["threads.create with 5,000-deep input_tag data", () => withDeep({ type: "threads.create", params: { input: { content: [{ type: "input_tag", id: "t1", text: "milk", data: DEEP }], attachments: [] } } })],
    ["threads.create with 5,000-deep metadata", () => withDeep({ type: "threads.create", params: { input: userInput("add milk") }, metadata: DEEP })],
    ["threads.create with a 5,000-deep unknown field", () => withDeep({ type: "threads.create", params: { input: { ...userInput("add milk"), extra: DEEP } } })],
    ["threads.add_user_message with 5,000-deep inference_options", () => withDeep({ type: "threads.add_user_message", params: { thread_id: threadId, input: { ...userInput("add milk"), inference_options: DEEP } } })],
  ];

  it.each(deepBodies)("%s → 4xx, no conversation or message written", async (label, body) => {
    const before = await tableCounts();
    const res = await user.post("/api/chat", undefined, { raw: body(), headers: jsonHeaders });
    log(`bounded-input: ${label} → ${res.status} ${res.text.slice(0, 100)}`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(diffCounts(before, await tableCounts())).toEqual([]);
  });

  it("an ordinary inference_options still works", async () => {
    const res = await user.chatStream({ type: "threads.add_user_message", params: { thread_id: threadId, input: { ...userInput("list my tasks"), inference_options: { tool_choice: null, model: "default" } } } });
    expect(res.status).toBe(200);
  });

  it("MCP tool arguments nested 5,000 deep → 400, nothing run or recorded", async () => {
    const key = await createKey(user);
    const before = await tableCounts();
    const res = await user.post("/api/mcp", undefined, { raw: withDeep(rpc("add_task", { title: "Deep", extra: DEEP })), headers: mcpHeaders(key) });
    expect(res.status).toBe(400);
    expect(diffCounts(before, await tableCounts())).toEqual([]);
  });
});
