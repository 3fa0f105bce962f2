import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatKitEvent, ThreadItem } from "@/lib/chatkit/schemas";
import { PORTS } from "./config";
import { App, Client, log, signUp, SKIP, stats, threadOf, userDigest, userInput, writeStats, type Res } from "./harness";

/**
 * User B probes every route and every ChatKit request type with user A's ids (task ids,
 * thread id, item ids, the pending card, the API key id), with a session cookie and, for
 * MCP, B's own API key. A leak is a 2xx that returns A's data, any answer that contains A's
 * text, or any status but 404 where an id is A's (a 400/401 is reported, and a 400 must be
 * the same answer a made-up id gets, so it confirms nothing). A's rows must not change.
 */

const app = new App(PORTS.isolation);
let a: Client;
let b: Client;
let anon: Client;

const SECRET = `zq${Math.random().toString(36).slice(2, 10)}`;
const A = {
  titles: [`Secret ${SECRET} alpha`, `Secret ${SECRET} beta`],
  taskIds: [] as number[],
  threadId: "",
  userItemId: "",
  assistantItemId: "",
  cardItemId: "",
  keyId: "",
  keyName: `Key ${SECRET}`,
  key: "",
  changeSetId: "",
};
let bKey = "";
let bThreadId = "";

type Probe = { label: string; res: Res; usesAId: boolean; /** A's data may legitimately be absent from a 2xx list. */ list?: boolean; mcp?: boolean; random?: () => Promise<Res> };
const probes: Probe[] = [];
const reported: string[] = [];
const leaks: string[] = [];

const aSecrets = () => [SECRET, ...A.titles, A.keyName, A.key.slice(0, 12)];

function judge(p: Probe) {
  const where = `${p.label} → ${p.res.status}`;
  const body = p.res.text;
  // Whatever the status, A's words must never come back.
  for (const s of aSecrets()) if (s && body.includes(s)) leaks.push(`${where}: the answer contains “${s}”`);
  if (p.mcp) {
    // MCP answers 200 with a tool error: the call must fail as "not found", or find nothing.
    const result = p.res.json?.result;
    // A batch call answers item by item: no item on A's ids may have succeeded.
    const batch = result?.structuredContent?.results as Array<{ ok: boolean }> | undefined;
    const succeeded = batch ? batch.some((r) => r.ok) : result && !result.isError;
    if (p.res.status === 200 && succeeded && p.usesAId) leaks.push(`${where}: the tool call on A's id succeeded: ${body.slice(0, 200)}`);
    if (p.res.status >= 500) leaks.push(`${where}: ${body.slice(0, 200)}`);
    return;
  }
  if (!p.usesAId) return;
  if (p.res.status === 404) return;
  if (p.res.status >= 200 && p.res.status < 300) {
    if (!p.list) leaks.push(`${where}: a 2xx for A's id: ${body.slice(0, 200)}`);
    return;
  }
  if (p.res.status === 400 || p.res.status === 401) {
    reported.push(where);
    return;
  }
  leaks.push(`${where}: status ${p.res.status} for A's id (only 404 hides whether it exists): ${body.slice(0, 200)}`);
}

async function probe(label: string, usesAId: boolean, send: () => Promise<Res>, opts: Partial<Probe> = {}) {
  const res = await send();
  const p: Probe = { label, res, usesAId, ...opts };
  probes.push(p);
  judge(p);
  // A 400 for A's id must be exactly what the same request with a made-up id gets.
  if (usesAId && res.status === 400 && opts.random) {
    const other = await opts.random();
    if (other.status !== res.status || other.text !== res.text) leaks.push(`${label}: 400 differs from a made-up id's answer (${other.status} ${other.text.slice(0, 120)} vs ${res.text.slice(0, 120)})`);
  }
  return res;
}

const NO_ONE = "00000000-0000-4000-8000-00000000f00d";
const NO_ITEM = "msg_000000000000000000000000";
const mcpHeaders = (key: string) => ({ authorization: `Bearer ${key}`, accept: "application/json, text/event-stream", "content-type": "application/json" });
const rpc = (name: string, args: unknown) => ({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name, arguments: args } });

describe.skipIf(SKIP !== null)("isolation: user B with user A's ids", () => {
  let before: Record<string, string>;

  beforeAll(async () => {
    await app.start();
    a = await signUp(app, "iso-a");
    b = await signUp(app, "iso-b");
    anon = new Client(app);
    for (const title of A.titles) {
      const res = await a.post("/api/tasks", { title, description: `notes ${SECRET}` });
      expect(res.status).toBe(201);
      A.taskIds.push(res.json.task.id);
      A.changeSetId = res.json.changeSetId;
    }
    const created = await a.chatStream({ type: "threads.create", params: { input: userInput(`add ${SECRET} gamma`) } });
    expect(created.status).toBe(200);
    A.threadId = threadOf(created.events).id;
    const done = (events: ChatKitEvent[]) => events.flatMap((e) => (e.type === "thread.item.done" ? [e.item as ThreadItem] : []));
    A.userItemId = done(created.events).find((i) => i.type === "user_message")!.id;
    A.assistantItemId = done(created.events).find((i) => i.type === "assistant_message")!.id;
    const paused = await a.chatStream({ type: "threads.add_user_message", params: { thread_id: A.threadId, input: userInput(`delete task #${A.taskIds[0]}`) } });
    const card = done(paused.events).find((i) => i.type === "widget");
    expect(card, "A has a pending confirmation card").toBeDefined();
    A.cardItemId = card!.id;
    const key = await a.post("/api/keys", { name: A.keyName });
    expect(key.status).toBe(201);
    A.key = key.json.key;
    A.keyId = key.json.apiKey.id;

    const bk = await b.post("/api/keys", { name: "B's key" });
    bKey = bk.json.key;
    const bThread = await b.chatStream({ type: "threads.create", params: { input: userInput("hello") } });
    bThreadId = threadOf(bThread.events).id;
    before = await userDigest(a.userId);
  });

  afterAll(async () => {
    stats.leaks += leaks.length;
    stats.details.push(...leaks.slice(0, 10).map((l) => `leak: ${l}`));
    await app.stop();
    writeStats("isolation");
  });

  it("answers every probe with 404 (or a list without A's data) and leaks nothing", async () => {
    const t0 = A.taskIds[0]!;
    const t1 = A.taskIds[1]!;
    // ---- the task REST API
    for (const id of A.taskIds) {
      await probe(`GET /api/tasks/${id}`, true, () => b.get(`/api/tasks/${id}`));
      await probe(`PATCH /api/tasks/${id}`, true, () => b.request("PATCH", `/api/tasks/${id}`, { body: { title: "Taken over", completed: true } }));
      await probe(`DELETE /api/tasks/${id}`, true, () => b.request("DELETE", `/api/tasks/${id}`));
    }
    for (const action of ["complete", "uncomplete", "delete"]) {
      await probe(`POST /api/tasks/bulk ${action} A's ids`, true, () => b.post("/api/tasks/bulk", { action, ids: [t0, t1] }));
    }
    await probe("GET /api/tasks (B's list)", false, () => b.get("/api/tasks?limit=100"), { list: true });
    await probe("GET /api/tasks?q=<A's title>", false, () => b.get(`/api/tasks?q=${encodeURIComponent(A.titles[0]!)}`), { list: true });
    await probe("GET /api/tasks?status=overdue", false, () => b.get("/api/tasks?status=overdue"), { list: true });
    await probe("GET /api/me", false, () => b.get("/api/me"), { list: true });

    // ---- API keys
    await probe(`DELETE /api/keys/${A.keyId}`, true, () => b.request("DELETE", `/api/keys/${A.keyId}`));
    await probe("GET /api/keys (B's list)", false, () => b.get("/api/keys"), { list: true });

    // ---- ChatKit, every request type with A's thread and item ids
    const T = A.threadId;
    const chat = (body: unknown) => () => b.chatJson(body);
    const withThread = (body: (thread: string) => unknown) => ({ random: () => b.chatJson(body(NO_ONE)) });
    const requests: Array<[string, (thread: string) => unknown]> = [
      ["threads.get_by_id", (t) => ({ type: "threads.get_by_id", params: { thread_id: t } })],
      ["threads.update", (t) => ({ type: "threads.update", params: { thread_id: t, title: "Owned by B" } })],
      ["threads.delete", (t) => ({ type: "threads.delete", params: { thread_id: t } })],
      ["items.list", (t) => ({ type: "items.list", params: { thread_id: t, limit: 100 } })],
      ["items.feedback", (t) => ({ type: "items.feedback", params: { thread_id: t, item_ids: [A.userItemId, A.assistantItemId], kind: "negative" } })],
      ["threads.sync_custom_action", (t) => ({ type: "threads.sync_custom_action", params: { thread_id: t, item_id: A.cardItemId, action: { type: "tasks.confirm" } } })],
      ["threads.add_user_message", (t) => ({ type: "threads.add_user_message", params: { thread_id: t, input: userInput("show my tasks") } })],
      ["threads.add_user_message (yes to A's card)", (t) => ({ type: "threads.add_user_message", params: { thread_id: t, input: userInput("yes") } })],
      ["threads.retry_after_item", (t) => ({ type: "threads.retry_after_item", params: { thread_id: t, item_id: A.userItemId } })],
      ["threads.custom_action confirm", (t) => ({ type: "threads.custom_action", params: { thread_id: t, item_id: A.cardItemId, action: { type: "tasks.confirm" } } })],
      ["threads.custom_action cancel", (t) => ({ type: "threads.custom_action", params: { thread_id: t, item_id: A.cardItemId, action: { type: "tasks.cancel" } } })],
      ["threads.add_client_tool_output", (t) => ({ type: "threads.add_client_tool_output", params: { thread_id: t, result: { ok: true } } })],
    ];
    for (const [label, body] of requests) await probe(`chat ${label} on A's thread`, true, chat(body(T)), withThread(body));

    // A's item ids on B's own thread, and A's ids as cursors.
    const onB: Array<[string, (item: string) => unknown]> = [
      ["items.feedback", (item) => ({ type: "items.feedback", params: { thread_id: bThreadId, item_ids: [item], kind: "positive" } })],
      ["threads.retry_after_item", (item) => ({ type: "threads.retry_after_item", params: { thread_id: bThreadId, item_id: item } })],
      ["threads.custom_action", (item) => ({ type: "threads.custom_action", params: { thread_id: bThreadId, item_id: item, action: { type: "tasks.confirm" } } })],
      ["threads.sync_custom_action", (item) => ({ type: "threads.sync_custom_action", params: { thread_id: bThreadId, item_id: item, action: { type: "tasks.confirm" } } })],
      ["items.list after", (item) => ({ type: "items.list", params: { thread_id: bThreadId, after: item } })],
    ];
    for (const [label, body] of onB) {
      for (const item of [A.userItemId, A.assistantItemId, A.cardItemId]) {
        await probe(`chat ${label} on B's thread with A's item ${item.slice(0, 8)}…`, true, chat(body(item)), { random: () => b.chatJson(body(NO_ITEM)) });
      }
    }
    await probe("chat threads.list after A's thread", true, chat({ type: "threads.list", params: { after: T } }), {
      random: () => b.chatJson({ type: "threads.list", params: { after: NO_ONE } }),
    });
    const list = await probe("chat threads.list (B's)", false, chat({ type: "threads.list", params: { limit: 100 } }), { list: true });
    if (list.json?.data?.some((t: { id: string }) => t.id === T)) leaks.push("threads.list: B's list shows A's thread");

    // ---- the agent's tools, driven through B's own chat with A's task ids
    for (const say of [`complete task #${t0}`, `rename task #${t1} to Owned by B`, `delete task #${t0}`, `set task #${t1} to high priority`, "show all my tasks"]) {
      const turn = await b.chatStream({ type: "threads.add_user_message", params: { thread_id: bThreadId, input: userInput(say) } });
      const text = JSON.stringify(turn.events);
      probes.push({ label: `B's chat: “${say}”`, res: { status: turn.status, headers: turn.headers, text, json: null, ms: 0 }, usesAId: false });
      judge(probes.at(-1)!);
      // A delete asks for confirmation: B confirms, and the tool must still not find A's task.
      const card = turn.events.flatMap((e) => (e.type === "thread.item.done" && e.item.type === "widget" ? [e.item] : []))[0];
      if (card) {
        const confirmed = await b.chatStream({ type: "threads.custom_action", params: { thread_id: bThreadId, item_id: card.id, action: { type: "tasks.confirm" } } });
        probes.push({ label: `B confirms “${say}”`, res: { status: confirmed.status, headers: confirmed.headers, text: JSON.stringify(confirmed.events), json: null, ms: 0 }, usesAId: false });
        judge(probes.at(-1)!);
      }
    }

    // ---- MCP with B's own key
    const mcp = (label: string, body: unknown, usesAId = true) => probe(`MCP ${label}`, usesAId, () => anon.post("/api/mcp", body, { headers: mcpHeaders(bKey) }), { mcp: true });
    await mcp(`complete_task A's #${t0}`, rpc("complete_task", { id: t0 }));
    await mcp(`complete_task A's #${t0} (reopen)`, rpc("complete_task", { id: t0, completed: false }));
    await mcp(`update_task A's #${t1}`, rpc("update_task", { id: t1, title: "Owned by B", priority: "low" }));
    await mcp(`delete_task A's #${t1}`, rpc("delete_task", { id: t1 }));
    await mcp("complete_tasks with A's ids", rpc("complete_tasks", { ids: A.taskIds }));
    await mcp("update_tasks with A's ids", rpc("update_tasks", { ids: A.taskIds, changes: { title: "Owned by B" } }));
    await mcp("delete_tasks with A's ids", rpc("delete_tasks", { ids: A.taskIds }));
    await mcp("undo_last_change of A's change set", rpc("undo_last_change", { changeSetId: A.changeSetId }));
    await probe("POST /api/changes/<A's change set>/undo", true, () => b.post(`/api/changes/${A.changeSetId}/undo`, {}), {
      random: () => b.post(`/api/changes/${NO_ONE}/undo`, {}),
    });
    // "Secret" matches A's titles; the tool echoes the search text, so the probe must not search for the secret itself.
    const search = await mcp("list_tasks search for words of A's titles", rpc("list_tasks", { search: "Secret" }), false);
    if ((search.json?.result?.structuredContent?.tasks ?? []).length) leaks.push("MCP list_tasks found A's tasks");
    const all = await mcp("list_tasks (everything B sees)", rpc("list_tasks", { limit: 100 }), false);
    if ((all.json?.result?.structuredContent?.tasks ?? []).some((t: { id: number }) => A.taskIds.includes(t.id))) leaks.push("MCP list_tasks lists A's tasks");

    // ---- no session at all, with A's ids (expected 401; reported, not a leak)
    await probe(`GET /api/tasks/${t0} with no session`, true, () => anon.get(`/api/tasks/${t0}`));
    await probe("chat items.list on A's thread with no session", true, () => anon.chatJson({ type: "items.list", params: { thread_id: T } }));
    await probe(`DELETE /api/keys/${A.keyId} with no session`, true, () => anon.request("DELETE", `/api/keys/${A.keyId}`));

    const after = await userDigest(a.userId);
    const changed = Object.keys(before).filter((k) => before[k] !== after[k]);
    const statuses = new Map<number, number>();
    for (const p of probes) statuses.set(p.res.status, (statuses.get(p.res.status) ?? 0) + 1);
    log(
      `isolation: ${probes.length} probes by B with A's ids (statuses ${[...statuses].sort().map(([s, n]) => `${s}×${n}`).join(" ")}); ` +
        `leaks: ${leaks.length}; reported (400/401, not leaks): ${reported.length}; A's rows changed: ${changed.length ? changed.join(", ") : "none"}`,
    );
    for (const r of reported) log(`  reported: ${r}`);
    for (const l of leaks) log(`  LEAK: ${l}`);

    expect(probes.length).toBeGreaterThanOrEqual(50);
    expect(leaks).toEqual([]);
    expect(changed, "A's rows (tasks, thread, items, card, key, tool calls)").toEqual([]);
  });
});
