import { and, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as keysRoute from "@/app/api/keys/route";
import * as keyRoute from "@/app/api/keys/[id]/route";
import * as timeZoneRoute from "@/app/api/me/time-zone/route";
import * as mcpRoute from "@/app/api/mcp/route";
import { db } from "@/db";
import { apiKeys, tasks, toolCalls, userSettings } from "@/db/schema";
import { hashKey } from "@/lib/api-keys/service";
import { TOOL_NAMES } from "@/mcp/tools";
import { signUpUser } from "../helpers/auth";
import { jsonRequest, params, readJson } from "../helpers/http";
import { connectMcpHttp } from "../helpers/mcp-http";
import { textOf } from "../helpers/mcp";

const URL_ = "http://localhost:3000/api/mcp";
/** Routes the client's HTTP requests to the route handler itself, with no socket. */
const inProcessFetch: typeof fetch = async (input, init) => {
  const req = new Request(input instanceof Request ? input : String(input), init);
  const handler = req.method === "GET" ? mcpRoute.GET : req.method === "DELETE" ? mcpRoute.DELETE : mcpRoute.POST;
  return handler(req);
};

type User = Awaited<ReturnType<typeof signUpUser>>;
let alice: User;
let bob: User;

async function newKey(user: User, name = "Laptop") {
  const res = await keysRoute.POST(jsonRequest("/api/keys", { body: { name }, cookie: user.cookie }));
  expect(res.status).toBe(201);
  return (await readJson(res)) as { key: string; apiKey: { id: string; prefix: string } };
}

const rawPost = (key: string | null, body: string, headers: Record<string, string> = {}) =>
  mcpRoute.POST(
    new Request(URL_, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
      body,
    }),
  );

const snapshot = async () =>
  (await db.execute<{ s: string }>(sql`select (select count(*) from tasks) || '/' || (select count(*) from tool_calls) || '/' || coalesce((select string_agg(id || title || completed, ',' order by id) from tasks), '') as s`)).rows[0]!.s;

beforeAll(async () => {
  alice = await signUpUser("mcp-http-alice");
  bob = await signUpUser("mcp-http-bob");
});
afterEach(() => vi.unstubAllEnvs());

describe("personal API keys", () => {
  it("shows a key once, stores only its hash, lists and revokes", async () => {
    const { key, apiKey } = await newKey(alice, "  Claude Desktop ");
    expect(key).toMatch(/^ttk_[\w-]{43}$/);
    expect(apiKey).toMatchObject({ name: "Claude Desktop", prefix: key.slice(0, 10), lastUsedAt: null, revokedAt: null });
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(row?.hash).toBe(hashKey(key));
    expect(JSON.stringify(row)).not.toContain(key);
    const listed = await readJson(await keysRoute.GET(jsonRequest("/api/keys", { cookie: alice.cookie })));
    expect(listed.keys.find((k: { id: string }) => k.id === apiKey.id)).toEqual(apiKey);
    expect(JSON.stringify(listed)).not.toContain(key);
    expect((await keyRoute.DELETE(jsonRequest(`/api/keys/${apiKey.id}`, { method: "DELETE", cookie: bob.cookie }), params({ id: apiKey.id }))).status).toBe(404);
    expect((await keyRoute.DELETE(jsonRequest(`/api/keys/${apiKey.id}`, { method: "DELETE", cookie: alice.cookie }), params({ id: apiKey.id }))).status).toBe(200);
    expect((await readJson(await keysRoute.GET(jsonRequest("/api/keys", { cookie: alice.cookie })))).keys.map((k: { id: string }) => k.id)).not.toContain(apiKey.id);
  });

  it("validates the name", async () => {
    for (const body of [{}, { name: "" }, { name: "x".repeat(61) }, { name: 3 }, { name: "ok", extra: 1 }]) {
      const res = await keysRoute.POST(jsonRequest("/api/keys", { body, cookie: alice.cookie }));
      expect(res.status).toBe(400);
    }
  });
});

describe("MCP over Streamable HTTP with the SDK's client", () => {
  it("lists tools and runs every task tool for the key's owner, recording each call", async () => {
    const { key, apiKey } = await newKey(alice);
    const mcp = await connectMcpHttp(URL_, key, inProcessFetch);
    const { tools } = await mcp.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([...TOOL_NAMES].sort());
    expect(tools.find((t) => t.name === "delete_task")?.annotations).toMatchObject({ destructiveHint: true, readOnlyHint: false });

    const added = await mcp.call("add_task", { title: "From my MCP client", dueDate: "2031-01-01" });
    const id = (added.structuredContent as { task: { id: number } }).task.id;
    let [row] = await db.select().from(tasks).where(eq(tasks.id, id));
    expect(row).toMatchObject({ userId: alice.id, title: "From my MCP client", dueDate: "2031-01-01" });
    expect(textOf(await mcp.call("list_tasks", { search: "MCP client" }))).toContain(`#${id} “From my MCP client”`);
    await mcp.call("complete_task", { id });
    [row] = await db.select().from(tasks).where(eq(tasks.id, id));
    expect(row?.completed).toBe(true);
    await mcp.call("update_task", { id, title: "Renamed over MCP" });
    [row] = await db.select().from(tasks).where(eq(tasks.id, id));
    expect(row?.title).toBe("Renamed over MCP");
    await mcp.call("delete_task", { id });
    expect(await db.select().from(tasks).where(eq(tasks.id, id))).toEqual([]);
    await mcp.close();

    const audit = await db.select().from(toolCalls).where(and(eq(toolCalls.userId, alice.id), eq(toolCalls.source, "mcp")));
    expect(audit.map((c) => c.toolName)).toEqual(expect.arrayContaining(["add_task", "list_tasks", "complete_task", "update_task", "delete_task"]));
    expect(audit.every((c) => c.status === "completed" && c.conversationId === null && typeof c.durationMs === "number")).toBe(true);
    const [used] = await db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(used?.lastUsedAt).toBeInstanceOf(Date);
  });

  it("keeps each key to its owner's tasks", async () => {
    const { key: aliceKey } = await newKey(alice);
    const { key: bobKey } = await newKey(bob);
    const asAlice = await connectMcpHttp(URL_, aliceKey, inProcessFetch);
    const asBob = await connectMcpHttp(URL_, bobKey, inProcessFetch);
    const id = ((await asAlice.call("add_task", { title: "Alice only" })).structuredContent as { task: { id: number } }).task.id;
    expect((await asBob.call("list_tasks", { search: "Alice only" })).structuredContent).toEqual({ tasks: [], nextCursor: null });
    for (const [tool, args] of [["complete_task", { id }], ["update_task", { id, title: "x" }], ["delete_task", { id }]] as const) {
      const res = await asBob.call(tool, args);
      expect(res.isError).toBe(true);
      expect(textOf(res)).toBe(`Task ${id} not found.`);
    }
    const [row] = await db.select().from(tasks).where(eq(tasks.id, id));
    expect(row).toMatchObject({ userId: alice.id, title: "Alice only", completed: false });
    await asAlice.close();
    await asBob.close();
  });
});

describe("the user's time zone", () => {
  // Right now, one of these two zones is on another calendar day than UTC (as in tests/e2e/dashboard.spec.ts).
  const zone = new Date().getUTCHours() >= 10 ? "Pacific/Kiritimati" : "Pacific/Pago_Pago";
  const dayIn = (timeZone: string) => new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());
  const putZone = (body: unknown, cookie: string | undefined = alice.cookie) =>
    timeZoneRoute.PUT(jsonRequest("/api/me/time-zone", { method: "PUT", body, cookie }));
  const storedZone = async (userId: string) => (await db.select().from(userSettings).where(eq(userSettings.userId, userId)))[0]?.timeZone ?? null;

  it("is what an MCP client's “today” follows once the app has reported it: a task due on the earlier of the two days is overdue on one calendar only", async () => {
    const carol = await signUpUser("mcp-http-carol");
    const { key } = await newKey(carol);
    const mcp = await connectMcpHttp(URL_, key, inProcessFetch);
    const due = [dayIn("UTC"), dayIn(zone)].sort()[0]!;
    const id = ((await mcp.call("add_task", { title: "Edge of the day", dueDate: due })).structuredContent as { task: { id: number } }).task.id;
    const overdueIds = async () => ((await mcp.call("list_tasks", { status: "overdue" })).structuredContent as { tasks: Array<{ id: number }> }).tasks.map((t) => t.id);

    expect(await overdueIds()).toEqual(dayIn("UTC") > due ? [id] : []);
    const res = await putZone({ timeZone: zone }, carol.cookie);
    expect(res.status).toBe(200);
    expect(await readJson(res)).toEqual({ timeZone: zone });
    expect(await overdueIds()).toEqual(dayIn(zone) > due ? [id] : []);
    expect(await storedZone(carol.id)).toBe(zone);
    // Saying the same zone again changes nothing; another one replaces it.
    expect((await putZone({ timeZone: zone }, carol.cookie)).status).toBe(200);
    expect((await putZone({ timeZone: "UTC" }, carol.cookie)).status).toBe(200);
    expect(await overdueIds()).toEqual(dayIn("UTC") > due ? [id] : []);
    await mcp.close();
  });

  it("refuses what is not a time zone, and a request without a session, storing nothing", async () => {
    expect((await putZone({ timeZone: "Europe/Berlin" })).status).toBe(200);
    for (const body of [{}, { timeZone: "Mars/Olympus_Mons" }, { timeZone: "" }, { timeZone: "x".repeat(100) }, { timeZone: 3 }, { timeZone: "UTC", extra: 1 }, ["UTC"], null]) {
      const res = await putZone(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await readJson(res)).error).toBe("validation_error");
    }
    expect((await putZone({ timeZone: "Asia/Tokyo" }, "")).status).toBe(401);
    expect(await storedZone(alice.id)).toBe("Europe/Berlin");
    expect(await storedZone(bob.id)).toBeNull();
  });
});

describe("authentication", () => {
  const initialize = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } } });

  it.each([
    ["no key", null],
    ["a wrong key", "ttk_not-a-real-key-at-all-0000000000000000000"],
    ["a key without our prefix", "sk-something"],
  ])("%s gets 401 with WWW-Authenticate", async (_label, key) => {
    const res = await rawPost(key, initialize);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm="tasktalk"/);
    expect((await res.json()).error.code).toBe(-32001);
  });

  it("a revoked key stops working on the next request", async () => {
    const { key, apiKey } = await newKey(alice);
    const mcp = await connectMcpHttp(URL_, key, inProcessFetch);
    expect((await mcp.client.listTools()).tools).toHaveLength(TOOL_NAMES.length);
    await keyRoute.DELETE(jsonRequest(`/api/keys/${apiKey.id}`, { method: "DELETE", cookie: alice.cookie }), params({ id: apiKey.id }));
    await expect(mcp.client.listTools()).rejects.toThrow(/401|not valid or has been revoked/);
    expect((await rawPost(key, initialize)).status).toBe(401);
  });

  it("the SDK client without a key fails to connect", async () => {
    await expect(connectMcpHttp(URL_, null, inProcessFetch)).rejects.toThrow();
  });

  it("limits requests per key with 429", async () => {
    vi.stubEnv("MCP_RATE_LIMIT", "3");
    vi.stubEnv("MCP_RATE_WINDOW_SECONDS", "60");
    const { key } = await newKey(alice, "limited");
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await rawPost(key, initialize)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const res = await rawPost(key, initialize);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("malformed JSON-RPC and tool arguments get protocol errors, never 5xx, and write nothing", () => {
  let key: string;
  beforeAll(async () => {
    key = (await newKey(alice, "fuzz")).key;
  });
  const call = (name: unknown, args: unknown, id: unknown = 7) => JSON.stringify({ jsonrpc: "2.0", id, method: "tools/call", params: { name, arguments: args } });
  const cases: Array<[string, string]> = [
    ["not JSON", "{jsonrpc: 2.0"],
    ["an empty body", ""],
    ["a JSON string", '"tools/list"'],
    ["JSON null", "null"],
    ["an empty batch", "[]"],
    ["a request without jsonrpc", JSON.stringify({ id: 1, method: "tools/list" })],
    ["a wrong jsonrpc version", JSON.stringify({ jsonrpc: "1.0", id: 1, method: "tools/list" })],
    ["a numeric method", JSON.stringify({ jsonrpc: "2.0", id: 1, method: 5 })],
    ["an unknown method", JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tasks/nuke" })],
    ["an unknown tool", call("drop_database", {})],
    ["a tool name that is not a string", call(42, {})],
    ["arguments that are a string", call("add_task", "buy milk")],
    ["add_task without a title", call("add_task", {})],
    ["add_task with an empty title", call("add_task", { title: "" })],
    ["add_task with a 201-char title", call("add_task", { title: "t".repeat(201) })],
    ["add_task with a bad date", call("add_task", { title: "x", dueDate: "soon" })],
    ["add_task with an unknown priority", call("add_task", { title: "x", priority: "extreme" })],
    ["add_task with a user id", call("add_task", { title: "x", userId: "someone" })],
    ["complete_task with a string id", call("complete_task", { id: "1" })],
    ["complete_task with a negative id", call("complete_task", { id: -1 })],
    ["update_task with nothing to change", call("update_task", { id: 1 })],
    ["delete_task with a float id", call("delete_task", { id: 1.5 })],
    ["list_tasks with a limit of 1000", call("list_tasks", { limit: 1000 })],
    ["a body over the size limit", call("add_task", { title: "x", description: "d".repeat(300_000) })],
  ];

  it("has at least 20 cases", () => expect(cases.length).toBeGreaterThanOrEqual(20));

  it.each(cases)("%s", async (_label, body) => {
    const before = await snapshot();
    const res = await rawPost(key, body);
    expect(res.status).toBeLessThan(500);
    const text = await res.text();
    if (res.status === 200) {
      const json = JSON.parse(text);
      expect(json.error ?? json.result?.isError).toBeTruthy();
    } else {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(JSON.parse(text).error.message.length).toBeGreaterThan(3);
    }
    expect(await snapshot()).toBe(before);
  });

  it("GET is 405: the server is stateless", async () => {
    const res = await mcpRoute.GET(new Request(URL_, { headers: { authorization: `Bearer ${key}` } }));
    expect(res.status).toBe(405);
  });
});
