import { and, desc, eq, sql } from "drizzle-orm";
import pg from "pg";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { conversations, messages, pausedRuns, toolCalls } from "@/db/schema";
import type { ChatKitEvent, Thread, ThreadItem } from "@/lib/chatkit/schemas";
import { listTasks } from "@/lib/tasks";
import { signUpUser } from "../helpers/auth";
import { chatkitJson, chatkitStream, userInput } from "../helpers/chatkit";

/**
 * ChatKit protocol conformance, following chatkit-python's server tests: create, add
 * message, retry, actions, list and paging, update, delete, and errors. Event sequences
 * and JSON shapes are asserted exactly where the protocol fixes them.
 */

type User = Awaited<ReturnType<typeof signUpUser>>;
let alice: User;

beforeAll(async () => {
  alice = await signUpUser("ck-alice");
});

/** The event sequence as `type` or `type:update.type`, to compare with the spec's canonical sequences. */
const shape = (events: ChatKitEvent[]) => events.map((e) => (e.type === "thread.item.updated" ? `updated:${e.update.type}` : e.type === "thread.item.done" || e.type === "thread.item.added" ? `${e.type}:${e.item.type}` : e.type));
const collapseDeltas = (s: string[]) => s.filter((x, i) => !(x === "updated:assistant_message.content_part.text_delta" && s[i - 1] === x));
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

async function newThread(cookie: string, text: string) {
  const { status, events } = await chatkitStream(cookie, { type: "threads.create", params: { input: userInput(text) } });
  expect(status).toBe(200);
  return { thread: (events[0] as { thread: Thread }).thread, events };
}

const say = (cookie: string, threadId: string, text: string) => chatkitStream(cookie, { type: "threads.add_user_message", params: { thread_id: threadId, input: userInput(text) } });
const itemsOf = async (cookie: string, threadId: string, params: Record<string, unknown> = {}) =>
  (await chatkitJson(cookie, { type: "items.list", params: { thread_id: threadId, limit: 100, order: "asc", ...params } })).json as { data: ThreadItem[]; has_more: boolean; after?: string };
const textOf = (item: ThreadItem | undefined) => (item && item.type === "assistant_message" ? item.content.map((c) => c.text).join("") : undefined);

describe("threads.create", () => {
  it("streams the canonical sequence: thread, user item, stream_options, tool workflow, streamed reply, title", async () => {
    const { events } = await newThread(alice.cookie, "add buy milk tomorrow");
    expect(collapseDeltas(shape(events))).toEqual([
      "thread.created",
      "thread.item.done:user_message",
      "stream_options",
      "thread.item.added:workflow",
      "progress_update",
      "updated:workflow.task.added",
      "updated:workflow.task.updated",
      "thread.item.done:workflow",
      "thread.item.added:assistant_message",
      "updated:assistant_message.content_part.added",
      "updated:assistant_message.content_part.text_delta",
      "updated:assistant_message.content_part.done",
      "thread.item.done:assistant_message",
      "thread.updated",
    ]);
    const [created, userDone, options] = events as [Extract<ChatKitEvent, { type: "thread.created" }>, Extract<ChatKitEvent, { type: "thread.item.done" }>, ChatKitEvent];
    expect(created.thread).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), created_at: expect.stringMatching(ISO), status: { type: "active" }, items: { data: [], has_more: false } });
    expect(userDone.item).toEqual({
      type: "user_message",
      id: expect.stringMatching(/^msg_/),
      thread_id: created.thread.id,
      created_at: expect.stringMatching(ISO),
      content: [{ type: "input_text", text: "add buy milk tomorrow" }],
      attachments: [],
      inference_options: {},
    });
    expect(options).toEqual({ type: "stream_options", stream_options: { allow_cancel: true } });
    const reply = events.filter((e) => e.type === "thread.item.done").at(-1) as Extract<ChatKitEvent, { type: "thread.item.done" }>;
    expect(reply.item).toEqual({ type: "assistant_message", id: expect.stringMatching(/^msg_/), thread_id: created.thread.id, created_at: expect.stringMatching(ISO), content: [{ type: "output_text", text: expect.stringMatching(/^Added “Buy milk” \(due tomorrow\)\.$/), annotations: [] }] });
    const deltas = events.flatMap((e) => (e.type === "thread.item.updated" && e.update.type === "assistant_message.content_part.text_delta" ? [e.update.delta] : []));
    expect(deltas.join("")).toBe(textOf(reply.item));
    // The activity row shows the tool's readable summary, not the JSON the model also reads.
    const finished = events.flatMap((e) => (e.type === "thread.item.updated" && e.update.type === "workflow.task.updated" ? [e.update.task] : []));
    expect(finished).toEqual([expect.objectContaining({ status_indicator: "complete", content: expect.stringMatching(/^Added #\d+ “Buy milk” \(due \d{4}-\d{2}-\d{2}\)\.$/) })]);
    expect(JSON.stringify(finished)).not.toContain("structuredContent");
    expect(finished[0]!.content).not.toMatch(/[{[]"/);
    expect(events.at(-1)).toEqual({ type: "thread.updated", thread: { ...created.thread, title: "Add buy milk tomorrow" } });
    expect((await listTasks(alice.id, { q: "Buy milk" })).tasks).toHaveLength(1);
  });

  it("stores the thread, its items in order, and the tool call", async () => {
    const { thread } = await newThread(alice.cookie, "add renew passport");
    const rows = await db.select().from(messages).where(eq(messages.conversationId, thread.id)).orderBy(messages.seq);
    expect(rows.map((r) => r.type)).toEqual(["user_message", "workflow", "assistant_message"]);
    expect(rows[0]!.agentItems).toEqual([{ type: "message", role: "user", content: [{ type: "input_text", text: "add renew passport" }] }]);
    expect(rows[2]!.agentItems?.map((i) => (i as { type: string }).type)).toEqual(["function_call", "function_call_result", "message"]);
    const calls = await db.select().from(toolCalls).where(eq(toolCalls.conversationId, thread.id));
    expect(calls).toEqual([expect.objectContaining({ toolName: "add_task", status: "completed", source: "agent", arguments: { title: "Renew passport" }, messageId: rows[2]!.id, durationMs: expect.any(Number) })]);
    const [conv] = await db.select().from(conversations).where(eq(conversations.id, thread.id));
    expect(conv).toMatchObject({ userId: alice.id, title: "Add renew passport", turnLockToken: null });
  });

  it("answers without tools with no workflow item", async () => {
    const { events } = await newThread(alice.cookie, "hello");
    expect(collapseDeltas(shape(events))).toEqual([
      "thread.created",
      "thread.item.done:user_message",
      "stream_options",
      "thread.item.added:assistant_message",
      "updated:assistant_message.content_part.added",
      "updated:assistant_message.content_part.text_delta",
      "updated:assistant_message.content_part.done",
      "thread.item.done:assistant_message",
      "thread.updated",
    ]);
  });
});

describe("threads.add_user_message", () => {
  it("sends the user item first, then stream_options, then the reply; keeps context across turns", async () => {
    const { thread } = await newThread(alice.cookie, "add order pizza");
    const { events } = await say(alice.cookie, thread.id, "mark it as done");
    const s = shape(events);
    expect(s.slice(0, 2)).toEqual(["thread.item.done:user_message", "stream_options"]);
    expect(s).not.toContain("thread.updated"); // the title is set once
    expect(textOf((events.at(-1) as { item: ThreadItem }).item)).toBe("Marked “Order pizza” as done. ✓");
    expect((await listTasks(alice.id, { q: "Order pizza" })).tasks[0]?.completed).toBe(true);
  });

  it("rejects a thread that does not exist with 404 JSON, before streaming", async () => {
    const { status, json } = await say(alice.cookie, "00000000-0000-4000-8000-000000000000", "hi");
    expect(status).toBe(404);
    expect(json).toEqual({ error: "not_found", message: "Thread not found." });
  });
});

describe("threads.get_by_id, items.list, threads.list", () => {
  it("get_by_id returns the thread with its first 20 items, oldest first", async () => {
    const { thread } = await newThread(alice.cookie, "hello");
    await say(alice.cookie, thread.id, "add a, b, c");
    const { json } = await chatkitJson(alice.cookie, { type: "threads.get_by_id", params: { thread_id: thread.id } });
    expect(json).toMatchObject({ id: thread.id, title: "Hello", status: { type: "active" }, created_at: thread.created_at });
    expect(json.items.has_more).toBe(false);
    expect(json.items.data.map((i: ThreadItem) => i.type)).toEqual(["user_message", "assistant_message", "user_message", "workflow", "assistant_message"]);
  });

  it("items.list pages with after/limit/order, newest first by default, never showing hidden items", async () => {
    const { thread } = await newThread(alice.cookie, "hello");
    for (const text of ["hi", "thanks", "help"]) await say(alice.cookie, thread.id, text);
    // A hidden item in the middle must not make a page short.
    await db.insert(messages).values({ id: "hid_test0001", conversationId: thread.id, userId: alice.id, type: "hidden_context_item", hidden: true, payload: { type: "hidden_context_item" } });
    await say(alice.cookie, thread.id, "hello");
    const all = (await itemsOf(alice.cookie, thread.id)).data.map((i) => i.id);
    expect(all).toHaveLength(10);

    const first = (await chatkitJson(alice.cookie, { type: "items.list", params: { thread_id: thread.id, limit: 4 } })).json;
    expect(first.data.map((i: ThreadItem) => i.id)).toEqual(all.slice(-4).reverse());
    expect(first).toMatchObject({ has_more: true, after: all.at(-4) });
    const second = (await chatkitJson(alice.cookie, { type: "items.list", params: { thread_id: thread.id, limit: 4, after: first.after } })).json;
    expect(second.data.map((i: ThreadItem) => i.id)).toEqual(all.slice(-8, -4).reverse());
    const third = (await chatkitJson(alice.cookie, { type: "items.list", params: { thread_id: thread.id, limit: 4, after: second.after } })).json;
    expect(third.data.map((i: ThreadItem) => i.id)).toEqual(all.slice(0, 2).reverse());
    expect(third.has_more).toBe(false);
    expect(third.after).toBeUndefined();

    const asc = (await chatkitJson(alice.cookie, { type: "items.list", params: { thread_id: thread.id, limit: 3, order: "asc" } })).json;
    expect(asc.data.map((i: ThreadItem) => i.id)).toEqual(all.slice(0, 3));
    expect(JSON.stringify(await itemsOf(alice.cookie, thread.id))).not.toContain("hidden_context_item");
  });

  it("threads.list pages newest first, with empty item pages and no server metadata", async () => {
    const bob = await signUpUser("ck-lister");
    const ids: string[] = [];
    for (const text of ["one", "two", "three"]) ids.push((await newThread(bob.cookie, `add ${text}`)).thread.id);
    const page1 = (await chatkitJson(bob.cookie, { type: "threads.list", params: { limit: 2 } })).json;
    expect(page1.data.map((t: Thread) => t.id)).toEqual([ids[2], ids[1]]);
    expect(page1).toMatchObject({ has_more: true, after: ids[1] });
    expect(page1.data[0]).toEqual({ id: ids[2], title: "Add three", created_at: expect.stringMatching(ISO), status: { type: "active" }, items: { data: [], has_more: false } });
    const page2 = (await chatkitJson(bob.cookie, { type: "threads.list", params: { limit: 2, after: page1.after } })).json;
    expect(page2).toEqual({ data: [expect.objectContaining({ id: ids[0] })], has_more: false });
    const asc = (await chatkitJson(bob.cookie, { type: "threads.list", params: { order: "asc" } })).json;
    expect(asc.data.map((t: Thread) => t.id)).toEqual(ids);
    expect((await chatkitJson(bob.cookie, { type: "threads.list" })).json.data).toHaveLength(3);
  });
});

describe("threads.update and threads.delete", () => {
  it("renames, and the new title is what lists show", async () => {
    const { thread } = await newThread(alice.cookie, "hello");
    const { status, json } = await chatkitJson(alice.cookie, { type: "threads.update", params: { thread_id: thread.id, title: "  Groceries  " } });
    expect(status).toBe(200);
    expect(json).toEqual({ ...thread, title: "Groceries" });
    expect((await chatkitJson(alice.cookie, { type: "threads.get_by_id", params: { thread_id: thread.id } })).json.title).toBe("Groceries");
  });

  it("deletes the thread and everything in it", async () => {
    const { thread } = await newThread(alice.cookie, "add something to forget");
    expect((await chatkitJson(alice.cookie, { type: "threads.delete", params: { thread_id: thread.id } })).json).toEqual({});
    expect((await chatkitJson(alice.cookie, { type: "threads.get_by_id", params: { thread_id: thread.id } })).status).toBe(404);
    expect(await db.select().from(messages).where(eq(messages.conversationId, thread.id))).toEqual([]);
    expect(await db.select().from(toolCalls).where(eq(toolCalls.conversationId, thread.id))).toEqual([]);
  });
});

describe("items.feedback", () => {
  it("stores the kind on the items", async () => {
    const { thread, events } = await newThread(alice.cookie, "hello");
    const reply = (events.filter((e) => e.type === "thread.item.done").at(-1) as { item: ThreadItem }).item;
    expect((await chatkitJson(alice.cookie, { type: "items.feedback", params: { thread_id: thread.id, item_ids: [reply.id], kind: "negative" } })).json).toEqual({});
    const [row] = await db.select().from(messages).where(eq(messages.id, reply.id));
    expect(row?.feedback).toBe("negative");
    expect((await chatkitJson(alice.cookie, { type: "items.feedback", params: { thread_id: thread.id, item_ids: ["msg_doesnotexist"], kind: "positive" } })).status).toBe(404);
  });
});

describe("threads.retry_after_item", () => {
  it("drops everything after the user message and answers it again", async () => {
    const { thread } = await newThread(alice.cookie, "hello");
    const { events } = await say(alice.cookie, thread.id, "what can you do?");
    const userItem = (events[0] as { item: ThreadItem }).item;
    const oldReply = (events.at(-1) as { item: ThreadItem }).item;
    const retried = await chatkitStream(alice.cookie, { type: "threads.retry_after_item", params: { thread_id: thread.id, item_id: userItem.id } });
    expect(collapseDeltas(shape(retried.events))).toEqual([
      "stream_options",
      "thread.item.added:assistant_message",
      "updated:assistant_message.content_part.added",
      "updated:assistant_message.content_part.text_delta",
      "updated:assistant_message.content_part.done",
      "thread.item.done:assistant_message",
    ]);
    const ids = (await itemsOf(alice.cookie, thread.id)).data.map((i) => i.id);
    expect(ids).not.toContain(oldReply.id);
    expect(ids.slice(0, 3)).toEqual([expect.any(String), expect.any(String), userItem.id]);
    expect(ids).toHaveLength(4);
  });

  it("refuses to retry an item that is not a user message, with 400 before streaming", async () => {
    const { thread, events } = await newThread(alice.cookie, "hello");
    const reply = (events.filter((e) => e.type === "thread.item.done").at(-1) as { item: ThreadItem }).item;
    const res = await chatkitStream(alice.cookie, { type: "threads.retry_after_item", params: { thread_id: thread.id, item_id: reply.id } });
    expect(res.status).toBe(400);
    expect(res.json.message).toBe("Only a user message can be retried.");
  });
});

describe("confirmations through threads.custom_action", () => {
  async function pendingDelete(title: string) {
    const { thread } = await newThread(alice.cookie, `add ${title}`);
    const { events } = await say(alice.cookie, thread.id, `delete ${title}`);
    const card = (events.at(-1) as { item: ThreadItem }).item;
    return { thread, card, events };
  }

  it("pauses with a card naming the task; Cancel keeps it and resolves the card", async () => {
    const { thread, card, events } = await pendingDelete("old newsletter");
    expect(card).toMatchObject({ type: "widget", copy_text: "Delete “Old newsletter”?" });
    expect(card.type === "widget" && card.widget).toEqual({
      type: "Card",
      size: "sm",
      status: { text: "Confirmation required", icon: "info" },
      children: [
        { type: "Title", value: "Delete “Old newsletter”?", size: "sm" },
        { type: "Text", value: "You can undo it afterwards.", color: "secondary", size: "sm" },
      ],
      confirm: { label: "Delete", action: { type: "tasks.confirm", payload: {} } },
      cancel: { label: "Cancel", action: { type: "tasks.cancel", payload: {} } },
    });
    expect(shape(events)).not.toContain("thread.item.done:assistant_message");
    const [paused] = await db.select().from(pausedRuns).where(eq(pausedRuns.conversationId, thread.id));
    expect(paused).toMatchObject({ widgetItemId: card.id, userId: alice.id });
    expect(await db.select().from(toolCalls).where(and(eq(toolCalls.conversationId, thread.id), eq(toolCalls.status, "awaiting_approval")))).toHaveLength(1);

    const cancel = await chatkitStream(alice.cookie, { type: "threads.custom_action", params: { thread_id: thread.id, item_id: card.id, action: { type: "tasks.cancel", payload: {} } } });
    expect(collapseDeltas(shape(cancel.events))).toEqual([
      "stream_options",
      "thread.item.added:assistant_message",
      "updated:assistant_message.content_part.added",
      "updated:assistant_message.content_part.text_delta",
      "updated:assistant_message.content_part.done",
      "thread.item.done:assistant_message",
      "thread.item.replaced",
      "updated:workflow.task.updated",
    ]);
    const replaced = cancel.events.find((e) => e.type === "thread.item.replaced") as Extract<ChatKitEvent, { type: "thread.item.replaced" }>;
    expect(replaced.item).toMatchObject({ id: card.id, type: "widget", widget: { status: { text: "Cancelled" }, children: [{ value: "Delete “Old newsletter”?" }, { value: "Okay, I kept “Old newsletter”. Nothing was deleted." }] } });
    expect(replaced.item.type === "widget" && replaced.item.widget.confirm).toBeUndefined();
    expect((await listTasks(alice.id, { q: "Old newsletter" })).tasks).toHaveLength(1);
    expect(await db.select().from(pausedRuns).where(eq(pausedRuns.conversationId, thread.id))).toEqual([]);
    expect(await db.select({ s: toolCalls.status }).from(toolCalls).where(and(eq(toolCalls.conversationId, thread.id), eq(toolCalls.toolName, "delete_task")))).toEqual([{ s: "rejected" }]);
    // A reload shows the outcome, not the buttons.
    const stored = (await itemsOf(alice.cookie, thread.id)).data.find((i) => i.id === card.id);
    expect(stored).toEqual(replaced.item);
  });

  it("Confirm deletes the task; a second click on the resolved card is refused", async () => {
    const { thread, card } = await pendingDelete("tax forms");
    const confirm = await chatkitStream(alice.cookie, { type: "threads.custom_action", params: { thread_id: thread.id, item_id: card.id, action: { type: "tasks.confirm" } } });
    expect(confirm.status).toBe(200);
    expect(textOf(confirm.events.find((e) => e.type === "thread.item.done")?.item as ThreadItem)).toBe("Deleted “Tax forms”.");
    expect((await listTasks(alice.id, { q: "Tax forms" })).tasks).toEqual([]);
    const again = await chatkitStream(alice.cookie, { type: "threads.custom_action", params: { thread_id: thread.id, item_id: card.id, action: { type: "tasks.confirm" } } });
    expect(again.status).toBe(409);
    expect(again.json.message).toBe("This confirmation has already been answered.");
  });

  it("a typed “yes” confirms, and a typed “no” cancels", async () => {
    const yes = await pendingDelete("yes task");
    await say(alice.cookie, yes.thread.id, "yes");
    expect((await listTasks(alice.id, { q: "Yes task" })).tasks).toEqual([]);
    const no = await pendingDelete("no task");
    const res = await say(alice.cookie, no.thread.id, "no");
    expect(shape(res.events)).toContain("thread.item.replaced");
    expect((await listTasks(alice.id, { q: "No task" })).tasks).toHaveLength(1);
  });

  it("another message while a card waits cancels the card and is answered normally", async () => {
    const { thread, card } = await pendingDelete("walk dog");
    const res = await say(alice.cookie, thread.id, "what's left?");
    const replaced = res.events.find((e) => e.type === "thread.item.replaced") as Extract<ChatKitEvent, { type: "thread.item.replaced" }>;
    expect(replaced.item.id).toBe(card.id);
    expect(textOf((res.events.at(-1) as { item: ThreadItem }).item)).toMatch(/open task/);
    expect((await listTasks(alice.id, { q: "Walk dog" })).tasks).toHaveLength(1);
  });

  it("refuses actions that are not from a pending card, before streaming", async () => {
    const { thread, events } = await newThread(alice.cookie, "hello");
    const reply = (events.filter((e) => e.type === "thread.item.done").at(-1) as { item: ThreadItem }).item;
    const fromMessage = await chatkitStream(alice.cookie, { type: "threads.custom_action", params: { thread_id: thread.id, item_id: reply.id, action: { type: "tasks.confirm" } } });
    expect(fromMessage.status).toBe(400);
    const noItem = await chatkitStream(alice.cookie, { type: "threads.custom_action", params: { thread_id: thread.id, item_id: null, action: { type: "tasks.confirm" } } });
    expect(noItem.status).toBe(400);
    const { card } = await pendingDelete("unknown action");
    const unknown = await chatkitStream(alice.cookie, { type: "threads.custom_action", params: { thread_id: (card as { thread_id: string }).thread_id, item_id: card.id, action: { type: "tasks.explode" } } });
    expect(unknown.status).toBe(400);
  });

  it("threads.sync_custom_action answers {} for a card and 400 for anything else", async () => {
    const { thread, card } = await pendingDelete("sync");
    expect((await chatkitJson(alice.cookie, { type: "threads.sync_custom_action", params: { thread_id: thread.id, item_id: card.id, action: { type: "tasks.confirm" } } })).json).toEqual({});
    const items = (await itemsOf(alice.cookie, thread.id)).data;
    const status = (await chatkitJson(alice.cookie, { type: "threads.sync_custom_action", params: { thread_id: thread.id, item_id: items[0]!.id, action: { type: "x" } } })).status;
    expect(status).toBe(400);
  });
});

describe("workflow tasks agree with what was streamed", () => {
  /** The workflow item as a client builds it: the added item with every streamed task update applied. */
  function streamedWorkflow(events: ChatKitEvent[], id: string) {
    const added = events.find((e) => e.type === "thread.item.added" && e.item.id === id) as Extract<ChatKitEvent, { type: "thread.item.added" }>;
    const tasks: unknown[] = added.item.type === "workflow" ? structuredClone(added.item.workflow.tasks) : [];
    for (const e of events) if (e.type === "thread.item.updated" && e.item_id === id && (e.update.type === "workflow.task.added" || e.update.type === "workflow.task.updated")) tasks[e.update.task_index] = e.update.task;
    return tasks;
  }
  const workflowDone = (events: ChatKitEvent[]) => (events.find((e) => e.type === "thread.item.done" && e.item.type === "workflow") as Extract<ChatKitEvent, { type: "thread.item.done" }>).item as Extract<ThreadItem, { type: "workflow" }>;

  it("a task that waits for a card is updated from loading before the done item, which says the same", async () => {
    const { thread } = await newThread(alice.cookie, "add consistent task");
    const { events } = await say(alice.cookie, thread.id, "delete consistent task");
    const done = workflowDone(events);
    // The offline model looks the task up, then asks to delete it: the second task waits.
    expect(done.workflow.tasks.map((t) => t.status_indicator)).toEqual(["complete", "none"]);
    expect(done.workflow.tasks[1]).toEqual({ type: "custom", title: "Deleting a task", icon: "empty-circle", status_indicator: "none", content: "Waiting for your confirmation." });
    expect(streamedWorkflow(events, done.id)).toEqual(done.workflow.tasks);
    const s = shape(events);
    expect(s.lastIndexOf("updated:workflow.task.updated")).toBeLessThan(s.indexOf("thread.item.done:workflow"));
  });

  it("a completed task's done item matches its updates", async () => {
    const { events } = await newThread(alice.cookie, "add matching task");
    const done = workflowDone(events);
    // Once done, the row says what happened, in the past tense and with the title, not an id.
    expect(done.workflow.tasks[0]).toMatchObject({ status_indicator: "complete", title: "Added “Matching task”" });
    expect(done.workflow.summary).toMatchObject({ title: "Added “Matching task”" });
    expect(streamedWorkflow(events, done.id)).toEqual(done.workflow.tasks);
  });

  it("a finished row names the task by its title, whatever the call named it by", async () => {
    const { thread } = await newThread(alice.cookie, "add label check");
    const { events } = await say(alice.cookie, thread.id, "mark label check as done");
    const titles = workflowDone(events).workflow.tasks.map((t) => t.title);
    expect(titles).toEqual(["Looked at your tasks", "Completed “Label check”"]);
    expect(JSON.stringify(workflowDone(events))).not.toMatch(/task #\d/);
  });

  async function resolvedBy(answer: (thread: Thread, card: ThreadItem) => Promise<{ events: ChatKitEvent[] }>, title: string) {
    const { thread } = await newThread(alice.cookie, `add ${title}`);
    const paused = await say(alice.cookie, thread.id, `delete ${title}`);
    const card = (paused.events.at(-1) as { item: ThreadItem }).item;
    const workflow = workflowDone(paused.events);
    const { events } = await answer(thread, card);
    const updates = events.filter((e) => e.type === "thread.item.updated" && e.item_id === workflow.id) as Array<Extract<ChatKitEvent, { type: "thread.item.updated" }>>;
    const stored = (await itemsOf(alice.cookie, thread.id)).data.find((i) => i.id === workflow.id) as Extract<ThreadItem, { type: "workflow" }>;
    expect(stored.workflow.tasks.slice(0, -1)).toEqual(workflow.workflow.tasks.slice(0, -1)); // only the waiting task changes
    return { updates, stored, task: stored.workflow.tasks.at(-1)!, index: stored.workflow.tasks.length - 1 };
  }

  it("Delete: the stored workflow says what happened, and the update is streamed (and survives a reload)", async () => {
    const { updates, stored, task, index } = await resolvedBy((t, card) => chatkitStream(alice.cookie, { type: "threads.custom_action", params: { thread_id: t.id, item_id: card.id, action: { type: "tasks.confirm" } } }), "outcome delete");
    expect(task).toMatchObject({ status_indicator: "complete", content: "Deleted “Outcome delete”." });
    expect(updates.map((u) => u.update)).toEqual([{ type: "workflow.task.updated", task_index: index, task }]);
    expect(JSON.stringify(stored)).not.toContain("Waiting for your confirmation");
  });

  it("Cancel: the stored workflow says it was cancelled", async () => {
    const { updates, task, index } = await resolvedBy((t, card) => chatkitStream(alice.cookie, { type: "threads.custom_action", params: { thread_id: t.id, item_id: card.id, action: { type: "tasks.cancel", payload: null } } }), "outcome cancel");
    expect(task).toMatchObject({ status_indicator: "none", content: expect.stringMatching(/^Cancelled\. .*Nothing was deleted\.$/) });
    expect(updates.map((u) => u.update)).toEqual([{ type: "workflow.task.updated", task_index: index, task }]);
  });

  it("typed yes / no and a new message resolve the workflow too", async () => {
    const yes = await resolvedBy((t) => say(alice.cookie, t.id, "yes"), "outcome typed yes");
    expect(yes.task).toMatchObject({ status_indicator: "complete", content: "Deleted “Outcome typed yes”." });
    expect(yes.updates).toHaveLength(1);
    const no = await resolvedBy((t) => say(alice.cookie, t.id, "no"), "outcome typed no");
    expect(no.task).toMatchObject({ status_indicator: "none", content: expect.stringMatching(/^Cancelled\./) });
    const other = await resolvedBy((t) => say(alice.cookie, t.id, "what's left?"), "outcome moved on");
    expect(other.task).toMatchObject({ status_indicator: "none", content: "Cancelled: you sent a new message. Nothing was changed." });
    expect(other.updates).toHaveLength(1);
  });
});

describe("null params are absent params (as in the pydantic reference)", () => {
  it("items.list and threads.list with limit/order/after null use the defaults", async () => {
    const { thread } = await newThread(alice.cookie, "hello");
    const nulls = { limit: null, order: null, after: null };
    const items = await chatkitJson(alice.cookie, { type: "items.list", params: { thread_id: thread.id, ...nulls }, metadata: null });
    expect(items.status).toBe(200);
    expect(items.json).toEqual((await chatkitJson(alice.cookie, { type: "items.list", params: { thread_id: thread.id } })).json);
    const threads = await chatkitJson(alice.cookie, { type: "threads.list", params: nulls });
    expect(threads.status).toBe(200);
    expect(threads.json).toEqual((await chatkitJson(alice.cookie, { type: "threads.list", params: {} })).json);
    expect((await chatkitJson(alice.cookie, { type: "threads.list", params: null })).status).toBe(200);
  });

  it("a message with null attachments, quoted_text, inference_options and tag data is accepted", async () => {
    const input = { content: [{ type: "input_text", text: "hello " }, { type: "input_tag", id: "t1", text: "me", data: null }], attachments: null, quoted_text: null, inference_options: null };
    const created = await chatkitStream(alice.cookie, { type: "threads.create", params: { input }, metadata: null });
    expect(created.status).toBe(200);
    const thread = (created.events[0] as { thread: Thread }).thread;
    expect((created.events[1] as { item: ThreadItem }).item).toMatchObject({ type: "user_message", attachments: [], inference_options: {} });
    expect((await chatkitStream(alice.cookie, { type: "threads.add_user_message", params: { thread_id: thread.id, input } })).status).toBe(200);
  });

  it("an action with a null payload and a null item_id are read as absent", async () => {
    const { thread } = await newThread(alice.cookie, "add null payload");
    const paused = await say(alice.cookie, thread.id, "delete null payload");
    const card = (paused.events.at(-1) as { item: ThreadItem }).item;
    const noItem = await chatkitStream(alice.cookie, { type: "threads.custom_action", params: { thread_id: thread.id, item_id: null, action: { type: "tasks.cancel", payload: null } } });
    expect(noItem.status).toBe(400); // absent: our actions need the card they came from
    const res = await chatkitStream(alice.cookie, { type: "threads.custom_action", params: { thread_id: thread.id, item_id: card.id, action: { type: "tasks.cancel", payload: null } }, metadata: null });
    expect(res.status).toBe(200);
  });
});

describe("an id that names nothing of yours is a 404, whatever its shape", () => {
  const input = userInput("hi");
  const requests = (threadId: string, itemId = "msg_nope0000") => [
    { type: "threads.get_by_id", params: { thread_id: threadId } },
    { type: "threads.update", params: { thread_id: threadId, title: "New" } },
    { type: "threads.delete", params: { thread_id: threadId } },
    { type: "items.list", params: { thread_id: threadId } },
    { type: "items.feedback", params: { thread_id: threadId, item_ids: [itemId], kind: "positive" } },
    { type: "threads.sync_custom_action", params: { thread_id: threadId, item_id: itemId, action: { type: "tasks.confirm" } } },
    { type: "threads.add_user_message", params: { thread_id: threadId, input } },
    { type: "threads.custom_action", params: { thread_id: threadId, item_id: itemId, action: { type: "tasks.confirm" } } },
    { type: "threads.retry_after_item", params: { thread_id: threadId, item_id: itemId } },
    { type: "threads.add_client_tool_output", params: { thread_id: threadId, result: {} } },
  ];

  it.each(["thr_abc", "hello", "00000000-0000-4000-8000-00000000abcd", "THR-1", "x".repeat(200), "'; drop table conversations; --", "é🙂"])("thread id %s → 404 for every request type, nothing written", async (id) => {
    const before = await db.select({ n: sql<number>`count(*)::int` }).from(messages);
    for (const body of requests(id)) {
      const { status, json } = await chatkitJson(alice.cookie, body);
      expect([body.type, status, json]).toEqual([body.type, 404, { error: "not_found", message: "Thread not found." }]);
    }
    expect(await db.select({ n: sql<number>`count(*)::int` }).from(messages)).toEqual(before);
  });

  it("an unknown item id of any shape in one of your threads is a 404", async () => {
    const { thread } = await newThread(alice.cookie, "hello");
    for (const itemId of ["msg_nope0000", "hello", "item-1", "../../etc"]) {
      for (const body of requests(thread.id, itemId).filter((b) => "item_id" in b.params || "item_ids" in b.params)) {
        const { status, json } = await chatkitJson(alice.cookie, body);
        expect([body.type, itemId, status, json.error]).toEqual([body.type, itemId, 404, "not_found"]);
      }
    }
  });

  it("an absurdly long id is a 400, not a 404 or a 5xx", async () => {
    for (const body of requests("x".repeat(201))) expect((await chatkitJson(alice.cookie, body)).status).toBe(400);
  });
});

describe("requests this server does not offer", () => {
  it.each([
    ["attachments.create", { name: "a.png", size: 10, mime_type: "image/png" }, "Attachments are not supported."],
    ["attachments.delete", { attachment_id: "atc_1" }, "Attachments are not supported."],
    ["input.transcribe", { audio_base64: "AAAA", mime_type: "audio/webm" }, "Dictation is not supported."],
    ["threads.add_structured_input", { thread_id: "x", item_id: "y", input: {} }, "Structured input is not supported."],
  ])("%s → 400 with a message the UI can show", async (type, params, message) => {
    const { status, json } = await chatkitJson(alice.cookie, { type, params });
    expect(status).toBe(400);
    expect(json.message).toBe(message);
  });

  it("threads.add_client_tool_output → 400: there is never a pending client tool call", async () => {
    const { thread } = await newThread(alice.cookie, "hello");
    const res = await chatkitStream(alice.cookie, { type: "threads.add_client_tool_output", params: { thread_id: thread.id, result: {} } });
    expect(res.status).toBe(400);
  });
});

describe("concurrency", () => {
  it("two messages posted at once are both stored, in order, with no interleaving", async () => {
    const { thread } = await newThread(alice.cookie, "hello");
    const [a, b] = await Promise.all([say(alice.cookie, thread.id, "add alpha"), say(alice.cookie, thread.id, "add beta")]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const items = (await itemsOf(alice.cookie, thread.id)).data;
    const turns = items.slice(2).map((i) => (i.type === "user_message" ? `U:${i.content.map((c) => c.text).join("")}` : i.type === "assistant_message" ? `A:${textOf(i)}` : i.type));
    const first = turns[0] === "U:add alpha" ? "Alpha" : "Beta";
    const second = first === "Alpha" ? "Beta" : "Alpha";
    expect(turns).toEqual([`U:add ${first.toLowerCase()}`, "workflow", `A:Added “${first}”.`, `U:add ${second.toLowerCase()}`, "workflow", `A:Added “${second}”.`]);
    const seqOrder = await db.execute<{ id: string }>(sql`select id from messages where conversation_id = ${thread.id} order by created_at, seq`);
    expect(seqOrder.rows.map((r) => r.id)).toEqual((await db.select({ id: messages.id }).from(messages).where(eq(messages.conversationId, thread.id)).orderBy(messages.seq)).map((r) => r.id));
  });

  // Only PostgreSQL has a second connection to hold the lock from; PGlite serves one at a time.
  it.skipIf(!process.env.DATABASE_URL)("a message whose statement waited for the thread is dated when it was stored, not when the statement began", async () => {
    const { thread } = await newThread(alice.cookie, "hello");
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    try {
      // The previous turn's last statement, still holding the thread's row.
      await holder.query("begin");
      await holder.query("select 1 from conversations where id = $1 for update", [thread.id]);
      const answer = say(alice.cookie, thread.id, "add gamma");
      await vi.waitFor(
        async () => {
          const { rows } = await holder.query("select 1 from pg_stat_activity where wait_event_type = 'Lock' and query like '%turn_lock_token%'");
          expect(rows.length).toBe(1);
        },
        { timeout: 10_000, interval: 20 },
      );
      const waiting = (await holder.query<{ at: Date }>("select clock_timestamp() as at")).rows[0]!.at;
      await new Promise((r) => setTimeout(r, 300));
      await holder.query("commit");
      expect((await answer).status).toBe(200);
      const [stored] = await db.select({ createdAt: messages.createdAt }).from(messages).where(and(eq(messages.conversationId, thread.id), eq(messages.type, "user_message"))).orderBy(desc(messages.seq)).limit(1);
      expect(stored!.createdAt.getTime()).toBeGreaterThanOrEqual(waiting.getTime() + 250);
    } finally {
      await holder.end();
    }
  });

  it("a lease left by a dead turn is taken over within its 4 s, and a live lease is renewed, not stolen", async () => {
    const { thread } = await newThread(alice.cookie, "hello");
    // What a SIGKILLed turn leaves: a token no process will release, freshly renewed.
    await db.update(conversations).set({ turnLockToken: "dead-turn", turnLockExpiresAt: sql`now() + interval '4 seconds'` }).where(eq(conversations.id, thread.id));
    const started = Date.now();
    const res = await say(alice.cookie, thread.id, "hello again");
    const waited = Date.now() - started;
    expect(res.status).toBe(200);
    expect(waited).toBeGreaterThan(3000);
    expect(waited).toBeLessThan(5000);
    expect((await db.select({ token: conversations.turnLockToken }).from(conversations).where(eq(conversations.id, thread.id)))[0]!.token).toBeNull();

    const { beginTurn, renewTurn, releaseTurn } = await import("@/lib/chatkit/store");
    const claim = async (token: string) => (await beginTurn({ userId: alice.id, threadId: thread.id, token, leaseSeconds: 4, limit: null })).status;
    expect(await claim("live-turn")).toBe("claimed");
    expect(await claim("other-turn")).toBe("busy");
    await db.update(conversations).set({ turnLockExpiresAt: sql`now() + interval '1 second'` }).where(eq(conversations.id, thread.id));
    expect(await renewTurn(thread.id, "live-turn", 4)).toBe(true);
    const [{ left }] = (await db.execute<{ left: number }>(sql`select extract(epoch from turn_lock_expires_at - now())::float as left from conversations where id = ${thread.id}`)).rows as [{ left: number }];
    expect(left).toBeGreaterThan(3);
    expect(await renewTurn(thread.id, "other-turn", 4)).toBe(false);
    await releaseTurn(thread.id, "live-turn");
    expect(await renewTurn(thread.id, "live-turn", 4)).toBe(false);
  });
});
