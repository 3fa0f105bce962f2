import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatKitEvent, ThreadItem } from "@/lib/chatkit/schemas";
import { FakeOpenAI, type FakeTurn, type RecordedRequest } from "../helpers/fake-openai";
import { isTextDelta, SseReader } from "../helpers/sse-reader";
import { PORTS } from "./config";
import { App, log, signUp, SKIP, stats, threadOf, userInput, withPg, writeStats, type Client } from "./harness";

/**
 * `next start` on PostgreSQL (Neon driver) is SIGKILLed, whole process group, right after the
 * first text delta of a slow answer, then started again on the same database. Every item
 * and task that existed before the kill must still be there (a missing one is a "row lost"),
 * the interrupted user message too, with no half-written answer; and the next message on the
 * thread is answered once the dead turn's lease (15 s) has expired.
 *
 * The turn is slowed down without touching app code: this server's model is the loopback
 * fake of the OpenAI API (OPENAI_BASE_URL, AGENT_API=responses), pacing its deltas.
 */

const PORT = PORTS.kill;
const FIRST = "please add milk";
const SECOND = "hello again";
const SLOW = "tell me a long story";
const AFTER = "are you back?";
const SLOW_REPLY: FakeTurn = { text: Array.from({ length: 40 }, (_, i) => `s${String(i).padStart(3, "0")}. `).join(""), delayMs: 200 };

function lastUserText(body: RecordedRequest["body"]): string {
  const input = Array.isArray(body?.input) ? body.input : [{ role: "user", content: body?.input }];
  const content = input.filter((i: { role?: string }) => i.role === "user").at(-1)?.content;
  if (typeof content === "string") return content;
  return Array.isArray(content) ? content.map((c: { text?: string }) => c.text ?? "").join("") : "";
}

function script(body: RecordedRequest["body"]): FakeTurn {
  if (!body.stream) return { text: "Kill test" }; // the thread title
  const input = Array.isArray(body.input) ? body.input : [];
  if (input.at(-1)?.type === "function_call_output") return { text: "Added Milk to your list." };
  const text = lastUserText(body);
  if (text === FIRST) return { toolCalls: [{ name: "add_task", arguments: { title: "Milk" } }] };
  if (text === SECOND) return { text: "Hi again." };
  if (text === SLOW) return SLOW_REPLY;
  if (text === AFTER) return { text: "Yes, I'm back." };
  return { httpError: { status: 400, message: `no scripted reply for ${JSON.stringify(text)}` } };
}

let fake: FakeOpenAI;
let app: App;
let user: Client;
const timings: Record<string, number> = {};

const itemsOf = async (threadId: string) => {
  const res = await user.chatJson({ type: "items.list", params: { thread_id: threadId, limit: 100, order: "asc" } });
  expect(res.status, res.text).toBe(200);
  expect(res.json.has_more).toBe(false);
  return res.json.data as ThreadItem[];
};
const tasksOf = async () => {
  const res = await user.get("/api/tasks?limit=100");
  expect(res.status).toBe(200);
  return res.json.tasks as Array<{ id: number; title: string }>;
};
const textOf = (item: ThreadItem | undefined) => (item?.type === "assistant_message" ? item.content.map((c) => c.text).join("") : undefined);
const userText = (item: ThreadItem | undefined) => (item?.type === "user_message" ? item.content.map((c) => ("text" in c ? c.text : "")).join("") : undefined);

describe.skipIf(SKIP !== null)("kill -9 mid-stream, restart on the same database", () => {
  let threadId = "";
  let itemsBefore: ThreadItem[] = [];
  let tasksBefore: Array<{ id: number; title: string }> = [];
  let interrupted: ThreadItem | undefined;
  let rowsLost = 0;
  let messageRowsBefore = 0;
  const messageRows = () => withPg(async (c) => (await c.query("select count(*)::int as n from messages where conversation_id = $1", [threadId])).rows[0].n as number);

  beforeAll(async () => {
    fake = await FakeOpenAI.start(script, { port: PORT + 2 });
    app = new App(PORT, { env: { OPENAI_API_KEY: "test-key", OPENAI_BASE_URL: fake.baseURL, AGENT_API: "responses" } });
    await app.start();
    timings.firstReadyMs = app.readyMs;
    user = await signUp(app, "kill");
  });

  afterAll(async () => {
    stats.rowsLost += rowsLost;
    await app?.stop();
    await fake?.close();
    writeStats("kill-restart");
  });

  it("builds a thread with a tool call and a few tasks, then SIGKILLs the server after the first delta of a slow answer", async () => {
    for (const title of ["Kill test one", "Kill test two"]) expect((await user.post("/api/tasks", { title })).status).toBe(201);
    const created = await user.chatStream({ type: "threads.create", params: { input: userInput(FIRST) } });
    expect(created.status).toBe(200);
    threadId = threadOf(created.events).id;
    expect(created.events.map((e) => e.type)).not.toContain("error");
    const second = await user.chatStream({ type: "threads.add_user_message", params: { thread_id: threadId, input: userInput(SECOND) } });
    expect(second.events.map((e) => e.type)).not.toContain("error");

    itemsBefore = await itemsOf(threadId);
    tasksBefore = await tasksOf();
    expect(itemsBefore.map((i) => i.type)).toEqual(["user_message", "workflow", "assistant_message", "user_message", "assistant_message"]);
    expect(tasksBefore.map((t) => t.title).sort()).toEqual(["Kill test one", "Kill test two", "Milk"]);
    messageRowsBefore = await messageRows();

    const res = await user.chatOpen({ type: "threads.add_user_message", params: { thread_id: threadId, input: userInput(SLOW) } });
    expect(res.status).toBe(200);
    const reader = new SseReader(res.body!);
    await reader.until((events) => events.some(isTextDelta), 20_000, "the first text delta");
    const done = reader.events[0] as Extract<ChatKitEvent, { type: "thread.item.done" }>;
    expect(done.type).toBe("thread.item.done");
    interrupted = done.item;
    expect(userText(interrupted)).toBe(SLOW);

    const killedAt = Date.now();
    await app.kill();
    timings.killMs = Date.now() - killedAt;
    expect(app.running).toBe(false);
    await reader.cancel();
    const slow = fake.modelRequests.find((r) => r.body.stream && lastUserText(r.body) === SLOW)!;
    for (let i = 0; i < 100 && !slow.clientClosedEarly; i++) await new Promise((r) => setTimeout(r, 20));
    expect(slow.clientClosedEarly, "the model stream died with the server").toBe(true);
  });

  it("restarts on the same database: every earlier item and task, the interrupted message, no half answer", async () => {
    expect(interrupted, "the previous step reached the kill").toBeDefined();
    const started = Date.now();
    await app.start();
    timings.restartReadyMs = Date.now() - started;

    const items = await itemsOf(threadId);
    const tasks = await tasksOf();
    const ids = new Set(items.map((i) => i.id));
    const lostItems = [...itemsBefore, interrupted!].filter((i) => !ids.has(i.id));
    const lostTasks = tasksBefore.filter((t) => !tasks.some((x) => x.id === t.id && x.title === t.title));
    rowsLost = lostItems.length + lostTasks.length;
    const rows = await messageRows();
    log(
      `kill-restart: SIGKILL right after the first text delta (the group was gone in ${timings.killMs} ms); restarted in ${timings.restartReadyMs} ms; ` +
        `items before ${itemsBefore.length} + the interrupted message, after ${items.length} (${rows} message rows incl. hidden, ${messageRowsBefore} before); tasks before ${tasksBefore.length}, after ${tasks.length}; rows lost: ${rowsLost}`,
    );

    expect(lostItems.map((i) => `${i.type} ${i.id}`), "items lost").toEqual([]);
    expect(lostTasks, "tasks lost").toEqual([]);
    expect(items.map((i) => i.id)).toEqual([...itemsBefore, interrupted!].map((i) => i.id));
    expect(items.at(-1)!.type).toBe("user_message");
    expect(JSON.stringify(items)).not.toMatch(/s000\./);
    expect(rows, "the interrupted message is the only new row: no hidden half-written one").toBe(messageRowsBefore + 1);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(tasks.length).toBe(tasksBefore.length);
  });

  it("answers the next message once the dead turn's lease has expired", async () => {
    expect(interrupted, "the first step reached the kill").toBeDefined();
    const sent = Date.now();
    const turn = await user.chatStream({ type: "threads.add_user_message", params: { thread_id: threadId, input: userInput(AFTER) } }, 60_000);
    timings.nextTurnMs = Date.now() - sent;
    expect(turn.status, JSON.stringify(turn.json)).toBe(200);
    expect(turn.events.map((e) => e.type)).not.toContain("error");
    const reply = turn.events.flatMap((e) => (e.type === "thread.item.done" && e.item.type === "assistant_message" ? [e.item] : [])).at(-1);
    expect(textOf(reply)).toBe("Yes, I'm back.");
    // The lease lives 15 s and the server waits up to 20 s for it.
    expect(timings.nextTurnMs).toBeLessThan(25_000);

    const items = await itemsOf(threadId);
    expect(items.map((i) => i.type).slice(-3)).toEqual(["user_message", "user_message", "assistant_message"]);
    expect(userText(items.at(-2))).toBe(AFTER);
    // The model saw the interrupted message, unanswered, before the new one.
    const request = fake.modelRequests.filter((r) => r.body.stream).at(-1)!;
    expect(JSON.stringify(request.body.input)).toContain(SLOW);
    log(`kill-restart: next message answered ${timings.nextTurnMs} ms after it was sent (it waits for the dead turn's lease)`);
  });
});
