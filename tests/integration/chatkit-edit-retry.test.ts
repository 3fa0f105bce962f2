import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { messages } from "@/db/schema";
import { EDIT_USER_MESSAGE, type ChatKitEvent, type Thread, type ThreadItem } from "@/lib/chatkit/schemas";
import { listTasks } from "@/lib/tasks";
import { signUpUser } from "../helpers/auth";
import { chatkitJson, chatkitStream, userInput } from "../helpers/chatkit";
import type { FakeOpenAI } from "../helpers/fake-openai";
import { startScriptedModel, stopScriptedModel } from "../helpers/scripted-model";

/**
 * The message actions' server side: Retry (ChatKit's `threads.retry_after_item`) and Edit (our
 * `tasktalk.threads.edit_user_message`, decision 0016). Both replace what came after the user's
 * message, and the model must see the thread as it now is: the edited text, not the old one,
 * and never the answer that was thrown away. Foreign threads and items are 404; bad input is a
 * 4xx with nothing written.
 */

type User = Awaited<ReturnType<typeof signUpUser>>;
let alice: User;
let bob: User;

const doneItems = (events: ChatKitEvent[]) => events.flatMap((e) => (e.type === "thread.item.done" ? [e.item] : []));
const textOf = (item: ThreadItem | undefined) =>
  item?.type === "assistant_message" ? item.content.map((c) => c.text).join("") : item?.type === "user_message" ? item.content.map((c) => c.text).join("") : undefined;
const itemsOf = async (cookie: string, threadId: string) =>
  ((await chatkitJson(cookie, { type: "items.list", params: { thread_id: threadId, limit: 100, order: "asc" } })).json as { data: ThreadItem[] }).data;
/** The thread as text: `user: …` / `assistant: …`, tool rows and cards left out. */
const transcript = (items: ThreadItem[]) => items.flatMap((i) => (i.type === "user_message" ? [`user: ${textOf(i)}`] : i.type === "assistant_message" ? [`assistant: ${textOf(i)}`] : []));
const edit = (cookie: string, threadId: string, itemId: string, text: string) =>
  chatkitStream(cookie, { type: EDIT_USER_MESSAGE, params: { thread_id: threadId, item_id: itemId, input: userInput(text) } });
const retry = (cookie: string, threadId: string, itemId: string) => chatkitStream(cookie, { type: "threads.retry_after_item", params: { thread_id: threadId, item_id: itemId } });

async function create(cookie: string, text: string) {
  const res = await chatkitStream(cookie, { type: "threads.create", params: { input: userInput(text) } });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return { thread: (res.events[0] as { thread: Thread }).thread, events: res.events };
}
async function say(cookie: string, threadId: string, text: string) {
  const res = await chatkitStream(cookie, { type: "threads.add_user_message", params: { thread_id: threadId, input: userInput(text) } });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.events;
}

beforeAll(async () => {
  alice = await signUpUser("edit-alice");
  bob = await signUpUser("edit-bob");
});

describe("with a scripted model: the history the model reads", () => {
  let fake: FakeOpenAI;
  /** Each agent request's conversation, as `role: text` lines. */
  const seen: string[][] = [];
  let answers = 0;

  beforeAll(async () => {
    fake = await startScriptedModel();
    fake.script((body) => {
      if (!body?.tools?.length) return { text: "Scripted title" };
      const input = (body.input ?? []) as Array<{ role?: string; content?: unknown }>;
      const lines = input.flatMap((m) => {
        if (m.role !== "user" && m.role !== "assistant") return [];
        const text = typeof m.content === "string" ? m.content : ((m.content as Array<{ text?: string }> | undefined) ?? []).map((c) => c.text ?? "").join("");
        return [`${m.role}: ${text}`];
      });
      seen.push(lines);
      answers += 1;
      return { text: `answer ${answers}` };
    });
  });
  afterAll(async () => {
    await stopScriptedModel(fake);
  });

  it("edit: the message and everything after it are replaced; the model reads the edited text and not the old answer", async () => {
    const { thread } = await create(alice.cookie, "first question");
    const second = doneItems(await say(alice.cookie, thread.id, "second question")).find((i) => i.type === "user_message")!;
    await say(alice.cookie, thread.id, "third question");
    const before = transcript(await itemsOf(alice.cookie, thread.id));
    expect(before).toHaveLength(6);
    const oldSecondAnswer = before[3]!;

    seen.length = 0;
    const res = await edit(alice.cookie, thread.id, second.id, "second question, edited");
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    // The old message is removed, the new one stored, then the answer streams.
    expect(res.events.slice(0, 3).map((e) => e.type)).toEqual(["thread.item.removed", "thread.item.done", "stream_options"]);
    expect(res.events[0]).toEqual({ type: "thread.item.removed", item_id: second.id });
    const newUser = doneItems(res.events)[0]!;
    expect(newUser.type).toBe("user_message");
    expect(newUser.id).not.toBe(second.id);
    expect(textOf(newUser)).toBe("second question, edited");

    // The model read: the first exchange, then the edited message. Not the old text, not its old answer, not the third.
    expect(seen).toHaveLength(1);
    expect(seen[0]).toEqual([before[0], before[1], "user: second question, edited"]);
    const after = transcript(await itemsOf(alice.cookie, thread.id));
    const newAnswer = `assistant: ${textOf(doneItems(res.events).at(-1))}`;
    expect(after).toEqual([before[0], before[1], "user: second question, edited", newAnswer]);
    expect(after).not.toContain(oldSecondAnswer);

    // The next turn builds on the edited thread.
    seen.length = 0;
    await say(alice.cookie, thread.id, "fourth");
    expect(seen[0]).toEqual([...after, "user: fourth"]);
  });

  it("retry: the answers after the message go, and the model reads the thread up to that message", async () => {
    const { thread } = await create(alice.cookie, "one");
    const two = doneItems(await say(alice.cookie, thread.id, "two")).find((i) => i.type === "user_message")!;
    const before = transcript(await itemsOf(alice.cookie, thread.id));

    seen.length = 0;
    const res = await retry(alice.cookie, thread.id, two.id);
    expect(res.status).toBe(200);
    expect(seen).toEqual([[before[0], before[1], "user: two"]]);
    const after = transcript(await itemsOf(alice.cookie, thread.id));
    expect(after.slice(0, 3)).toEqual(before.slice(0, 3));
    expect(after).toHaveLength(4);
    expect(after[3]).not.toBe(before[3]);
    expect(after[3]).toBe(`assistant: ${textOf(doneItems(res.events).at(-1))}`);
  });

  it("edit of the thread's first message: no history at all, only the new text", async () => {
    const { thread, events } = await create(alice.cookie, "original first");
    const first = doneItems(events)[0]!;
    seen.length = 0;
    const res = await edit(alice.cookie, thread.id, first.id, "rewritten first");
    expect(res.status).toBe(200);
    expect(seen).toEqual([["user: rewritten first"]]);
    expect(transcript(await itemsOf(alice.cookie, thread.id))).toEqual(["user: rewritten first", `assistant: ${textOf(doneItems(res.events).at(-1))}`]);
  });
});

describe("with the offline model", () => {
  it("an edit keeps the task changes the old answer made (they happened) and runs the edited message", async () => {
    const u = await signUpUser("edit-tasks");
    const { thread, events } = await create(u.cookie, "add buy milk tomorrow");
    const first = doneItems(events)[0]!;
    expect((await listTasks(u.id, { q: "Buy milk" })).tasks).toHaveLength(1);
    const res = await edit(u.cookie, thread.id, first.id, "add buy bread tomorrow");
    expect(res.status).toBe(200);
    expect(textOf(doneItems(res.events).at(-1))).toMatch(/^Added “Buy bread”/);
    expect((await listTasks(u.id, { q: "Buy milk" })).tasks).toHaveLength(1);
    expect((await listTasks(u.id, { q: "Buy bread" })).tasks).toHaveLength(1);
    const items = await itemsOf(u.cookie, thread.id);
    expect(transcript(items)).toEqual(["user: add buy bread tomorrow", expect.stringMatching(/^assistant: Added “Buy bread”/)]);
  });

  it("two edits of the same message at once: one runs, the other is refused (no second run)", async () => {
    const { thread, events } = await create(alice.cookie, "hello");
    const first = doneItems(events)[0]!;
    const [a, b] = await Promise.all([edit(alice.cookie, thread.id, first.id, "what's left?"), edit(alice.cookie, thread.id, first.id, "thanks")]);
    expect([a.status, b.status].filter((s) => s === 200)).toHaveLength(1);
    const refused = a.status === 200 ? b : a;
    // 409 when it waited for the lease while the first ran (Postgres); 404 when it arrived after the first was done (PGlite's one connection).
    if (refused.status === 409) expect(refused.json.message).toMatch(/changed meanwhile/);
    else expect(refused.status).toBe(404);
    expect(refused.events).toEqual([]);
    const users = (await itemsOf(alice.cookie, thread.id)).filter((i) => i.type === "user_message");
    expect(users).toHaveLength(1);
    expect(["what's left?", "thanks"]).toContain(textOf(users[0]));
  });

  it("refuses foreign threads and items (404), other item types and bad input (400), and writes nothing", async () => {
    const { thread, events } = await create(alice.cookie, "add water plants");
    const mine = doneItems(events);
    const userItem = mine.find((i) => i.type === "user_message")!;
    const reply = mine.find((i) => i.type === "assistant_message")!;
    const other = await create(alice.cookie, "hello");
    const bobs = await create(bob.cookie, "hello from bob");
    const bobItem = doneItems(bobs.events)[0]!;
    const rowsBefore = await db.select({ id: messages.id, payload: messages.payload }).from(messages).where(eq(messages.conversationId, thread.id));

    const cases: Array<[string, Awaited<ReturnType<typeof chatkitStream>>, number]> = [
      ["bob edits alice's message", await edit(bob.cookie, thread.id, userItem.id, "hijack"), 404],
      ["bob retries alice's message", await retry(bob.cookie, thread.id, userItem.id), 404],
      ["alice edits bob's message in bob's thread", await edit(alice.cookie, bobs.thread.id, bobItem.id, "hijack"), 404],
      ["alice edits bob's message through her own thread", await edit(alice.cookie, thread.id, bobItem.id, "hijack"), 404],
      ["an item of another of her threads", await edit(alice.cookie, thread.id, doneItems(other.events)[0]!.id, "x"), 404],
      ["an unknown item", await edit(alice.cookie, thread.id, "msg_doesnotexist", "x"), 404],
      ["an assistant message", await edit(alice.cookie, thread.id, reply.id, "x"), 400],
      ["an empty text", await edit(alice.cookie, thread.id, userItem.id, "   "), 400],
      ["a text over the limit", await edit(alice.cookie, thread.id, userItem.id, "x".repeat(4001)), 400],
      ["no input", await chatkitStream(alice.cookie, { type: EDIT_USER_MESSAGE, params: { thread_id: thread.id, item_id: userItem.id } }), 400],
      ["no item_id", await chatkitStream(alice.cookie, { type: EDIT_USER_MESSAGE, params: { thread_id: thread.id, input: userInput("x") } }), 400],
      ["an item_id that is not a string", await chatkitStream(alice.cookie, { type: EDIT_USER_MESSAGE, params: { thread_id: thread.id, item_id: 42, input: userInput("x") } }), 400],
    ];
    for (const [name, res, status] of cases) {
      expect(res.status, name).toBe(status);
      expect(res.events, name).toEqual([]);
      expect(typeof res.json?.message, name).toBe("string");
    }
    const rowsAfter = await db.select({ id: messages.id, payload: messages.payload }).from(messages).where(eq(messages.conversationId, thread.id));
    expect(rowsAfter).toEqual(rowsBefore);
    expect(transcript(await itemsOf(bob.cookie, bobs.thread.id))[0]).toBe("user: hello from bob");
  });
});
