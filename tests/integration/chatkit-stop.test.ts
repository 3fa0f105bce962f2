import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { conversations, messages } from "@/db/schema";
import type { ChatKitEvent, Thread, ThreadItem } from "@/lib/chatkit/schemas";
import { signUpUser } from "../helpers/auth";
import { chatkit, chatkitJson, chatkitStream, userInput } from "../helpers/chatkit";
import { FakeOpenAI, type FakeTurn, type RecordedRequest } from "../helpers/fake-openai";
import { deltaText, eventShape, isTextDelta, SseReader } from "../helpers/sse-reader";

/**
 * The Stop button: the client hangs up in the middle of a streamed answer. The server must
 * notice, stop the model, keep the partial answer, tell the model next turn that it was cut
 * off (in a hidden item the client never sees), release the thread, and answer the next
 * message normally. The "model" is the loopback fake of the OpenAI API, through the Agents
 * SDK's real OpenAIProvider, streaming slowly enough to be interrupted.
 */

type User = Awaited<ReturnType<typeof signUpUser>>;

/** 30 deltas of 6 characters (the fake's delta size), 50 ms apart: 1.5 s for the whole answer. */
const SLOW_REPLY = Array.from({ length: 30 }, (_, i) => `w${String(i).padStart(3, "0")}. `).join("");
const SLOW: FakeTurn = { text: SLOW_REPLY, delayMs: 50 };
const STOP_NOTE = /stopped the previous answer before it finished/;

let fake: FakeOpenAI;
let alice: User;
/** What the fake answers to a streamed turn, by the user's last message. */
const replies = new Map<string, FakeTurn>();

/** The text of the last user message in a Responses API request. */
function lastUserText(body: RecordedRequest["body"]): string {
  const input = Array.isArray(body?.input) ? body.input : [{ role: "user", content: body?.input }];
  const last = input.filter((i: { role?: string }) => i.role === "user").at(-1);
  return contentText(last?.content);
}

function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((c: { text?: string }) => c.text ?? "").join("");
  return "";
}

beforeAll(async () => {
  alice = await signUpUser("stop");
  fake = await FakeOpenAI.start((body) => {
    // Title requests are the only non-streamed ones.
    if (!body.stream) return { text: "Stop test" };
    const text = lastUserText(body);
    return replies.get(text) ?? { httpError: { status: 400, message: `no scripted reply for ${JSON.stringify(text)}` } };
  });
});

afterAll(async () => {
  await fake?.close();
});

beforeEach(() => {
  vi.stubEnv("OPENAI_API_KEY", "test-key");
  vi.stubEnv("OPENAI_BASE_URL", fake.baseURL);
  vi.stubEnv("AGENT_API", "responses");
  vi.stubEnv("AGENT_MODEL", "gpt-stop-test");
});

afterEach(() => {
  vi.unstubAllEnvs();
});

const itemsOf = async (threadId: string) =>
  (await chatkitJson(alice.cookie, { type: "items.list", params: { thread_id: threadId, limit: 100, order: "asc" } })).json as { data: ThreadItem[]; has_more: boolean };
const textOf = (item: ThreadItem | undefined) => (item?.type === "assistant_message" ? item.content.map((c) => c.text).join("") : undefined);
const userText = (item: ThreadItem | undefined) => (item?.type === "user_message" ? item.content.map((c) => c.text).join("") : undefined);

async function lockOf(threadId: string) {
  const [row] = await db.select({ token: conversations.turnLockToken, expires: conversations.turnLockExpiresAt }).from(conversations).where(eq(conversations.id, threadId));
  return row!;
}

/** Polls until the thread's turn lease is released (the server's turn has fully ended); returns how long it took. */
async function waitForRelease(threadId: string, timeoutMs = 5000): Promise<number> {
  const started = Date.now();
  while ((await lockOf(threadId)).token !== null) {
    if (Date.now() - started > timeoutMs) throw new Error(`the turn lease on ${threadId} was still held ${timeoutMs} ms after the client stopped`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return Date.now() - started;
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 3000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Where each way of stopping comes from: ChatKit aborts its fetch (the Request's signal), or the body is cancelled. */
const HOW = [
  { name: "aborting the Request's signal (ChatKit's Stop: fetch abort)", stop: (abort: AbortController) => abort.abort() },
  { name: "cancelling the response body (the connection is gone)", stop: (_abort: AbortController, reader: SseReader) => reader.cancel() },
] as const;

describe("Stop: the client hangs up mid-answer", () => {
  it.each(HOW)("by $name: keeps the partial answer, hides a note for the model, releases the thread, and the next turn works", async ({ name, stop }) => {
    const tag = name.startsWith("aborting") ? "signal" : "cancel";
    const first = `hello ${tag}`;
    const second = `write a long answer ${tag}`;
    const third = `thanks ${tag}`;
    replies.set(first, { text: "Hi! What can I do?" });
    replies.set(second, SLOW);
    replies.set(third, { text: "You're welcome." });

    // A thread with one complete exchange.
    const created = await chatkitStream(alice.cookie, { type: "threads.create", params: { input: userInput(first) } });
    expect(created.status).toBe(200);
    const thread = (created.events[0] as { thread: Thread }).thread;
    expect(textOf((created.events.filter((e) => e.type === "thread.item.done").at(-1) as { item: ThreadItem }).item)).toBe("Hi! What can I do?");

    // The slow answer: read until three text deltas have arrived, then stop.
    const abort = new AbortController();
    const res = await chatkit(alice.cookie, { type: "threads.add_user_message", params: { thread_id: thread.id, input: userInput(second) } }, { signal: abort.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = new SseReader(res.body!);
    const seen = await reader.until((events) => events.filter(isTextDelta).length >= 3, 10_000, "three text deltas");
    const before = seen.length;
    expect((await lockOf(thread.id)).token).not.toBeNull(); // the turn is running
    const stoppedAt = Date.now();
    await stop(abort, reader);

    // The server notices, persists, and releases the lease.
    const releaseMs = await waitForRelease(thread.id);
    const releasedAfter = Date.now() - stoppedAt;
    expect(await lockOf(thread.id)).toEqual({ token: null, expires: null });

    if (!reader.done) {
      // Signal path: nobody cancelled the body, so the server must close it itself, and never complete the answer.
      const all = await reader.drain(2000);
      const after = all.slice(before).map(eventShape);
      expect(after.every((s) => s === "updated:assistant_message.content_part.text_delta"), `events after the stop: ${after.join(", ")}`).toBe(true);
    }
    const received = deltaText(reader.events);
    expect(reader.events.map(eventShape)).not.toContain("thread.item.done:assistant_message");

    // The model request was cut off too: the server hung up on the model instead of reading the answer to its end.
    const slowRequest = fake.modelRequests.find((r) => r.body.stream && lastUserText(r.body) === second)!;
    expect(slowRequest).toBeDefined();
    await until("the fake to see the model request closed early", () => slowRequest.clientClosedEarly || undefined);

    // items.list: the user message and the partial answer, nothing hidden.
    const { data: items } = await itemsOf(thread.id);
    expect(items.map((i) => i.type)).toEqual(["user_message", "assistant_message", "user_message", "assistant_message"]);
    expect(userText(items[2])).toBe(second);
    const partial = textOf(items[3])!;
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(SLOW_REPLY.length);
    expect(SLOW_REPLY.startsWith(partial), `"${partial}" is not a prefix of the scripted reply`).toBe(true);
    expect(partial.startsWith(received), `the stored "${partial}" does not start with what the client saw, "${received}"`).toBe(true);
    expect(JSON.stringify(items)).not.toMatch(/hidden_context|sdk_hidden|stopped the previous answer/);
    console.log(`[stop/${tag}] lease released ${releasedAfter} ms after the stop (${releaseMs} ms of polling); client saw ${received.length} chars, stored ${partial.length} of ${SLOW_REPLY.length}`);

    // The table: the hidden note for the model is there, after the partial answer.
    const rows = await db.select().from(messages).where(eq(messages.conversationId, thread.id)).orderBy(messages.seq);
    expect(rows.map((r) => `${r.type}${r.hidden ? " (hidden)" : ""}`)).toEqual(["user_message", "assistant_message", "user_message", "assistant_message", "sdk_hidden_context (hidden)"]);
    expect(rows.filter((r) => !r.hidden).map((r) => r.id)).toEqual(items.map((i) => i.id));
    const note = rows[4]!;
    expect(note.agentItems).toEqual([{ role: "system", content: expect.stringMatching(STOP_NOTE) }]);
    expect(note.payload).toMatchObject({ type: "sdk_hidden_context", thread_id: thread.id, content: expect.stringMatching(STOP_NOTE) });
    expect(rows[3]!.agentItems).toEqual([expect.objectContaining({ role: "assistant", type: "message", content: [{ type: "output_text", text: partial }] })]);

    // The next turn streams normally, and the model is told about the stop.
    const requestsBefore = fake.modelRequests.length;
    const next = await chatkitStream(alice.cookie, { type: "threads.add_user_message", params: { thread_id: thread.id, input: userInput(third) } });
    expect(next.status).toBe(200);
    const shapes = next.events.map(eventShape).filter((s, i, all) => !(s === "updated:assistant_message.content_part.text_delta" && all[i - 1] === s));
    expect(shapes).toEqual([
      "thread.item.done:user_message",
      "stream_options",
      "thread.item.added:assistant_message",
      "updated:assistant_message.content_part.added",
      "updated:assistant_message.content_part.text_delta",
      "updated:assistant_message.content_part.done",
      "thread.item.done:assistant_message",
    ]);
    expect(textOf((next.events.at(-1) as Extract<ChatKitEvent, { type: "thread.item.done" }>).item)).toBe("You're welcome.");

    const turnRequests = fake.modelRequests.slice(requestsBefore);
    expect(turnRequests).toHaveLength(1); // the thread has a title: no title request
    const input = turnRequests[0]!.body.input as Array<{ role?: string; content?: unknown }>;
    const noteAt = input.findIndex((i) => i.role === "system" && STOP_NOTE.test(contentText(i.content)));
    const partialAt = input.findIndex((i) => i.role === "assistant" && contentText(i.content) === partial);
    const newMessageAt = input.findIndex((i) => i.role === "user" && contentText(i.content) === third);
    expect(noteAt, `no system note about the stop in ${JSON.stringify(input)}`).toBeGreaterThan(-1);
    expect(partialAt, "the partial answer is part of the model's history").toBeGreaterThan(-1);
    expect(partialAt).toBeLessThan(noteAt);
    expect(noteAt).toBeLessThan(newMessageAt);
    expect(newMessageAt).toBe(input.length - 1);

    const after = (await itemsOf(thread.id)).data;
    expect(after.map((i) => i.type)).toEqual(["user_message", "assistant_message", "user_message", "assistant_message", "user_message", "assistant_message"]);
    expect(textOf(after[5])).toBe("You're welcome.");
    expect((await lockOf(thread.id)).token).toBeNull();
  });
});
