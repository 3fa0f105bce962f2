import { and, asc, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { messages, pausedRuns } from "@/db/schema";
import type { ThreadItem, Thread } from "@/lib/chatkit/schemas";
import { ITEM_SCHEMA_VERSION } from "@/lib/chatkit/stored";
import { listTasks } from "@/lib/tasks";
import { signUpUser } from "../helpers/auth";
import { chatkitJson, chatkitStream, userInput } from "../helpers/chatkit";

/**
 * Typed storage through the real route and store (decision record 10): rows written the way
 * the table held them before `schema_version` are read back upgraded, a damaged row is left out
 * of what the client sees with a log line instead of failing the request, and a paused run is
 * resumed from its own `prior_item_count`. Rows are planted with SQL, as an older server or a
 * damaged database would have left them.
 */

type User = Awaited<ReturnType<typeof signUpUser>>;
let alice: User;

beforeAll(async () => {
  alice = await signUpUser("stored-items");
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function newThread(text: string) {
  const { status, events } = await chatkitStream(alice.cookie, { type: "threads.create", params: { input: userInput(text) } });
  expect(status).toBe(200);
  return (events[0] as { thread: Thread }).thread;
}

const say = (threadId: string, text: string) => chatkitStream(alice.cookie, { type: "threads.add_user_message", params: { thread_id: threadId, input: userInput(text) } });
const itemsOf = async (threadId: string, params: Record<string, unknown> = {}) => {
  const res = await chatkitJson(alice.cookie, { type: "items.list", params: { thread_id: threadId, limit: 100, order: "asc", ...params } });
  expect(res.status).toBe(200);
  return res.json as { data: ThreadItem[]; has_more: boolean; after?: string };
};

let planted = 0;
/** Writes a row straight into `messages`, bypassing the store's writer. */
async function plant(threadId: string, payload: Record<string, unknown>, extra: { hidden?: boolean; agentItems?: unknown[] } = {}) {
  const id = (payload.id as string | undefined) ?? `planted_${++planted}`;
  await db.insert(messages).values({ id, conversationId: threadId, userId: alice.id, type: String(payload.type), hidden: extra.hidden ?? false, payload, agentItems: extra.agentItems ?? null });
  return id;
}

const logged = () => vi.spyOn(console, "error").mockImplementation(() => {});
const logLines = (spy: ReturnType<typeof logged>) => spy.mock.calls.map((c) => String(c[0]));

describe("stored items through the store", () => {
  it("writes new items with the current schema_version, and the client never sees it", async () => {
    const thread = await newThread("hello");
    const rows = await db.select({ type: messages.type, payload: messages.payload }).from(messages).where(eq(messages.conversationId, thread.id)).orderBy(asc(messages.seq));
    expect(rows.map((r) => r.type)).toEqual(["user_message", "assistant_message"]);
    for (const row of rows) expect(row.payload.schema_version).toBe(ITEM_SCHEMA_VERSION);
    for (const item of (await itemsOf(thread.id)).data) expect(item).not.toHaveProperty("schema_version");
  });

  it("reads version-0 rows (no schema_version, fields an old writer left out) back upgraded", async () => {
    const thread = await newThread("hello");
    const common = { thread_id: thread.id, created_at: "2026-01-01T00:00:00.000Z" };
    await plant(thread.id, { ...common, id: "v0_user", type: "user_message", content: [{ type: "input_text", text: "from before" }] });
    await plant(thread.id, { ...common, id: "v0_wf", type: "workflow", workflow: { type: "custom", tasks: [{ type: "custom", title: "Adding a task", status_indicator: "complete" }] } });
    await plant(thread.id, { ...common, id: "v0_reply", type: "assistant_message", content: [{ type: "output_text", text: "Added it." }] });
    const items = (await itemsOf(thread.id)).data;
    expect(items.slice(-3)).toEqual([
      { ...common, id: "v0_user", type: "user_message", content: [{ type: "input_text", text: "from before" }], attachments: [], inference_options: {} },
      { ...common, id: "v0_wf", type: "workflow", workflow: { type: "custom", tasks: [{ type: "custom", title: "Adding a task", status_indicator: "complete" }], expanded: false } },
      { ...common, id: "v0_reply", type: "assistant_message", content: [{ type: "output_text", text: "Added it.", annotations: [] }] },
    ]);
    // The thread view (threads.get_by_id) reads through the same parser.
    const got = (await chatkitJson(alice.cookie, { type: "threads.get_by_id", params: { thread_id: thread.id } })).json as Thread;
    expect(got.items.data.find((i) => i.id === "v0_user")).toMatchObject({ attachments: [], inference_options: {} });
    // Rows are upgraded as they are read, not rewritten.
    const [raw] = await db.select({ payload: messages.payload }).from(messages).where(eq(messages.id, "v0_user"));
    expect(raw!.payload).not.toHaveProperty("schema_version");
  });

  it("a version-0 user message can still be retried", async () => {
    const thread = await newThread("hello");
    await plant(thread.id, { id: "v0_retry", type: "user_message", thread_id: thread.id, created_at: "2026-01-01T00:00:00.000Z", content: [{ type: "input_text", text: "hello again" }] });
    const res = await chatkitStream(alice.cookie, { type: "threads.retry_after_item", params: { thread_id: thread.id, item_id: "v0_retry" } });
    expect(res.status).toBe(200);
    expect(res.events.some((e) => e.type === "thread.item.done" && e.item.type === "assistant_message")).toBe(true);
  });

  it("leaves a corrupt row out of items.list with a log line, and paging goes on past it", async () => {
    const thread = await newThread("hello");
    const before = (await itemsOf(thread.id)).data.map((i) => i.id);
    const common = { thread_id: thread.id, created_at: "2026-01-01T00:00:00.000Z" };
    await plant(thread.id, { ...common, id: "bad_reply", type: "assistant_message", content: "not a list", schema_version: ITEM_SCHEMA_VERSION });
    await plant(thread.id, { ...common, id: "bad_future", type: "assistant_message", content: [], schema_version: ITEM_SCHEMA_VERSION + 1 });
    await plant(thread.id, { ...common, id: "good_after", type: "assistant_message", content: [{ type: "output_text", text: "still here", annotations: [] }], schema_version: ITEM_SCHEMA_VERSION });
    const spy = logged();

    expect((await itemsOf(thread.id)).data.map((i) => i.id)).toEqual([...before, "good_after"]);
    expect(logLines(spy)).toEqual([expect.stringMatching(/stored assistant_message bad_reply is unreadable: content/), expect.stringMatching(/bad_future is unreadable: schema_version 2 is newer/)]);

    // A page that ends on the corrupt row still names it as the cursor, so the next page starts after it.
    const first = await itemsOf(thread.id, { limit: before.length + 1 });
    expect(first).toEqual({ data: (await itemsOf(thread.id)).data.slice(0, before.length), has_more: true, after: "bad_reply" });
    const second = await itemsOf(thread.id, { limit: 2, after: first.after });
    expect(second.data.map((i) => i.id)).toEqual(["good_after"]);
    expect(second.has_more).toBe(false);
  });

  it("a turn skips a row whose agent items are corrupt, and answers", async () => {
    const thread = await newThread("add water the plants");
    await plant(thread.id, { id: "hid_bad", type: "sdk_hidden_context", thread_id: thread.id, created_at: "2026-01-01T00:00:00.000Z", content: "x" }, { hidden: true, agentItems: [{ nonsense: true }] });
    const spy = logged();
    const res = await say(thread.id, "list my tasks");
    expect(res.status).toBe(200);
    expect(res.events.some((e) => e.type === "error")).toBe(false);
    expect(res.events.some((e) => e.type === "thread.item.done" && e.item.type === "assistant_message")).toBe(true);
    // The row's id is named where the history read returns it (the merged turn statement returns only the items).
    expect(logLines(spy).some((l) => /stored agent items (hid_bad )?is unreadable/.test(l))).toBe(true);
  });
});

describe("paused runs and prior_item_count", () => {
  /** A thread with one earlier exchange, then a delete that waits for the card. */
  async function pendingDelete(title: string) {
    const thread = await newThread(`add ${title}`);
    const { events } = await say(thread.id, `delete ${title}`);
    const card = (events.at(-1) as { item: ThreadItem }).item;
    expect(card.type).toBe("widget");
    return { thread, card };
  }

  /** The agent items stored on the rows before the last user message: what the paused run started from. */
  async function historyLength(threadId: string) {
    const rows = await db.select({ type: messages.type, agentItems: messages.agentItems }).from(messages).where(eq(messages.conversationId, threadId)).orderBy(asc(messages.seq));
    const lastUser = rows.map((r) => r.type).lastIndexOf("user_message");
    return rows.slice(0, lastUser).reduce((n, r) => n + (r.agentItems?.length ?? 0), 0);
  }

  /** The agent items the resumed turn stored (on its reply), as roles/types. */
  async function resumedAgentItems(threadId: string) {
    const [row] = await db
      .select({ agentItems: messages.agentItems })
      .from(messages)
      .where(and(eq(messages.conversationId, threadId), eq(messages.type, "assistant_message")))
      .orderBy(sql`${messages.seq} desc`)
      .limit(1);
    return (row?.agentItems ?? []) as Array<{ role?: string; type?: string; content?: unknown }>;
  }

  const confirm = (threadId: string, cardId: string) => chatkitStream(alice.cookie, { type: "threads.custom_action", params: { thread_id: threadId, item_id: cardId, action: { type: "tasks.confirm" } } });

  it("a pause writes the run's own prior_item_count; the resume stores only what it added", async () => {
    const { thread, card } = await pendingDelete("old receipts");
    const [paused] = await db.select().from(pausedRuns).where(eq(pausedRuns.conversationId, thread.id));
    const prior = await historyLength(thread.id);
    expect(prior).toBeGreaterThan(0);
    expect(paused!.priorItemCount).toBe(prior);

    expect((await confirm(thread.id, card.id)).status).toBe(200);
    expect((await listTasks(alice.id, { q: "Old receipts" })).tasks).toEqual([]);
    // Nothing of the earlier exchange (its add_task call) is stored again with the resumed turn.
    expect(JSON.stringify(await resumedAgentItems(thread.id))).not.toContain("add_task");
  });

  it("the resume reads the column, not the count in the SDK's state", async () => {
    const { thread, card } = await pendingDelete("stale flyers");
    // A wrong count in the column shows in what the resume stores: here, the whole earlier history again.
    await db.update(pausedRuns).set({ priorItemCount: 0 }).where(eq(pausedRuns.conversationId, thread.id));
    expect((await confirm(thread.id, card.id)).status).toBe(200);
    expect(JSON.stringify(await resumedAgentItems(thread.id))).toContain('"name":"add_task"');
  });

  it("a version-0 paused run (no prior_item_count: paused before the column) resumes with the count from its state", async () => {
    const { thread, card } = await pendingDelete("expired coupons");
    await db.update(pausedRuns).set({ priorItemCount: null }).where(eq(pausedRuns.conversationId, thread.id));
    const res = await confirm(thread.id, card.id);
    expect(res.status).toBe(200);
    expect(res.events.some((e) => e.type === "thread.item.replaced")).toBe(true);
    expect((await listTasks(alice.id, { q: "Expired coupons" })).tasks).toEqual([]);
    expect(JSON.stringify(await resumedAgentItems(thread.id))).not.toContain("add_task");
  });

  it("a corrupt paused run is logged and read as none: no 500, and the thread goes on", async () => {
    const { thread, card } = await pendingDelete("broken thing");
    await db.update(pausedRuns).set({ state: "garbage" }).where(eq(pausedRuns.conversationId, thread.id));
    const spy = logged();
    const res = await confirm(thread.id, card.id);
    expect(res.status).toBeLessThan(500);
    expect(res.events.some((e) => e.type === "error")).toBe(false);
    expect(logLines(spy).some((l) => /stored paused run .* is unreadable: state/.test(l))).toBe(true);
    expect((await listTasks(alice.id, { q: "Broken thing" })).tasks).toHaveLength(1);
    const next = await say(thread.id, "hello");
    expect(next.status).toBe(200);
    expect(next.events.some((e) => e.type === "thread.item.done" && e.item.type === "assistant_message")).toBe(true);
  });
});
