import { eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db, dbQueryCount } from "@/db";
import { conversations } from "@/db/schema";
import type { ChatKitEvent, Thread, ThreadItem } from "@/lib/chatkit/schemas";
import { signUpUser } from "../helpers/auth";
import { chatkit, chatkitJson, chatkitStream, parseSse, userInput } from "../helpers/chatkit";

type User = Awaited<ReturnType<typeof signUpUser>>;
let alice: User;
let bob: User;
let aliceThread: Thread;
let aliceCard: ThreadItem;
let aliceMessage: ThreadItem;

/** Row counts of everything a chat request could write. */
const snapshot = async () =>
  (
    await db.execute<{ s: string }>(
      sql`select (select count(*) from conversations) || '/' || (select count(*) from messages) || '/' || (select count(*) from tool_calls) || '/' || (select count(*) from tasks) || '/' || (select count(*) from paused_runs) || '/' || coalesce((select string_agg(coalesce(title, '') || feedback, ',') from conversations c left join messages m on m.conversation_id = c.id), '') as s`,
    )
  ).rows[0]!.s;

beforeAll(async () => {
  alice = await signUpUser("rob-alice");
  bob = await signUpUser("rob-bob");
  const created = await chatkitStream(alice.cookie, { type: "threads.create", params: { input: userInput("add secret plan") } });
  aliceThread = (created.events[0] as { thread: Thread }).thread;
  aliceMessage = (created.events[1] as { item: ThreadItem }).item;
  const paused = await chatkitStream(alice.cookie, { type: "threads.add_user_message", params: { thread_id: aliceThread.id, input: userInput("delete secret plan") } });
  aliceCard = (paused.events.at(-1) as { item: ThreadItem }).item;
  expect(aliceCard.type).toBe("widget");
});

afterEach(() => vi.unstubAllEnvs());

describe("malformed requests get 4xx JSON, never 5xx, and write nothing", () => {
  const T = () => aliceThread.id;
  const long = "x".repeat(4001);
  const cases: Array<[string, () => unknown, string?]> = [
    ["malformed JSON", () => "RAW:{type: threads.list"],
    ["an empty body", () => "RAW:"],
    ["a JSON array", () => []],
    ["a JSON string", () => "RAW:\"threads.list\""],
    ["JSON null", () => "RAW:null"],
    ["no type", () => ({ params: {} })],
    ["a numeric type", () => ({ type: 42, params: {} })],
    ["an unknown type", () => ({ type: "threads.explode", params: {} })],
    ["a ChatGPT-only type", () => ({ type: "threads.stop", params: { thread_id: T() } })],
    ["attachments.create", () => ({ type: "attachments.create", params: { name: "a", size: 1, mime_type: "text/plain" } })],
    ["input.transcribe", () => ({ type: "input.transcribe", params: { audio_base64: "", mime_type: "audio/webm" } })],
    ["create without params", () => ({ type: "threads.create" })],
    ["create without input", () => ({ type: "threads.create", params: {} })],
    ["create with string content", () => ({ type: "threads.create", params: { input: { content: "hi" } } })],
    ["create with empty content", () => ({ type: "threads.create", params: { input: { content: [] } } })],
    ["create with blank text", () => ({ type: "threads.create", params: { input: userInput("   ") } })],
    ["create with oversized text", () => ({ type: "threads.create", params: { input: userInput(long) } })],
    ["create with an attachment", () => ({ type: "threads.create", params: { input: { ...userInput("hi"), attachments: ["atc_1"] } } })],
    ["create with an unknown part type", () => ({ type: "threads.create", params: { input: { content: [{ type: "input_image", url: "x" }] } } })],
    ["create with a numeric text", () => ({ type: "threads.create", params: { input: { content: [{ type: "input_text", text: 5 }] } } })],
    ["add message without thread_id", () => ({ type: "threads.add_user_message", params: { input: userInput("hi") } })],
    // Any string that names none of your threads is a 404, as in the reference, whatever its shape.
    ["add message with a non-uuid thread_id (404)", () => ({ type: "threads.add_user_message", params: { thread_id: "thr_123", input: userInput("hi") } })],
    ["add message with a 201-character thread_id (400)", () => ({ type: "threads.add_user_message", params: { thread_id: "t".repeat(201), input: userInput("hi") } })],
    ["add message with a numeric thread_id", () => ({ type: "threads.add_user_message", params: { thread_id: 7, input: userInput("hi") } })],
    ["add message to a missing thread", () => ({ type: "threads.add_user_message", params: { thread_id: "00000000-0000-4000-8000-000000000001", input: userInput("hi") } })],
    ["add message with oversized text", () => ({ type: "threads.add_user_message", params: { thread_id: T(), input: userInput(long) } })],
    ["retry without item_id", () => ({ type: "threads.retry_after_item", params: { thread_id: T() } })],
    ["retry with a malformed item_id", () => ({ type: "threads.retry_after_item", params: { thread_id: T(), item_id: "../../etc" } })],
    ["retry with an unknown item_id", () => ({ type: "threads.retry_after_item", params: { thread_id: T(), item_id: "msg_000000000000" } })],
    ["retry of a widget", () => ({ type: "threads.retry_after_item", params: { thread_id: T(), item_id: aliceCard.id } })],
    ["action without action", () => ({ type: "threads.custom_action", params: { thread_id: T(), item_id: aliceCard.id } })],
    ["action with an empty action type", () => ({ type: "threads.custom_action", params: { thread_id: T(), item_id: aliceCard.id, action: { type: "" } } })],
    ["action with an unknown action type", () => ({ type: "threads.custom_action", params: { thread_id: T(), item_id: aliceCard.id, action: { type: "tasks.nuke" } } })],
    ["action from a user message", () => ({ type: "threads.custom_action", params: { thread_id: T(), item_id: aliceMessage.id, action: { type: "tasks.confirm" } } })],
    ["action with no item", () => ({ type: "threads.custom_action", params: { thread_id: T(), item_id: null, action: { type: "tasks.confirm" } } })],
    ["client tool output with nothing pending", () => ({ type: "threads.add_client_tool_output", params: { thread_id: T(), result: { ok: true } } })],
    ["sync action from a user message", () => ({ type: "threads.sync_custom_action", params: { thread_id: T(), item_id: aliceMessage.id, action: { type: "x" } } })],
    ["list with a limit of 0", () => ({ type: "threads.list", params: { limit: 0 } })],
    ["list with a limit of 1000", () => ({ type: "threads.list", params: { limit: 1000 } })],
    ["list with a bad order", () => ({ type: "threads.list", params: { order: "sideways" } })],
    ["list with an unknown cursor", () => ({ type: "threads.list", params: { after: "00000000-0000-4000-8000-000000000002" } })],
    ["items.list with a string limit", () => ({ type: "items.list", params: { thread_id: T(), limit: "ten" } })],
    ["items.list with an unknown cursor", () => ({ type: "items.list", params: { thread_id: T(), after: "msg_nope0000" } })],
    ["rename to an empty title", () => ({ type: "threads.update", params: { thread_id: T(), title: "   " } })],
    ["rename to a 201-char title", () => ({ type: "threads.update", params: { thread_id: T(), title: "t".repeat(201) } })],
    ["rename with a numeric title", () => ({ type: "threads.update", params: { thread_id: T(), title: 12 } })],
    ["feedback with a bad kind", () => ({ type: "items.feedback", params: { thread_id: T(), item_ids: [aliceMessage.id], kind: "meh" } })],
    ["feedback with no ids", () => ({ type: "items.feedback", params: { thread_id: T(), item_ids: [], kind: "positive" } })],
    ["delete a thread with a malformed id", () => ({ type: "threads.delete", params: { thread_id: "'; drop table messages; --" } })],
    ["a body over 64 KiB", () => ({ type: "threads.create", params: { input: userInput("y".repeat(70_000)) } })],
  ];

  it("has at least 40 cases", () => expect(cases.length).toBeGreaterThanOrEqual(40));

  it.each(cases)("%s", async (_label, build) => {
    const before = await snapshot();
    const body = build();
    const res = typeof body === "string" && body.startsWith("RAW:") ? await chatkit(alice.cookie, null, { raw: body.slice(4) }) : await chatkit(alice.cookie, body);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const json = await res.json();
    expect(typeof json.message).toBe("string");
    expect(json.message.length).toBeGreaterThan(3);
    expect(await snapshot()).toBe(before);
  });

  it("a wrong content type is 415", async () => {
    const res = await chatkit(alice.cookie, null, { raw: "type=threads.list", headers: { "content-type": "text/plain" } });
    expect(res.status).toBe(415);
  });

  it("no session is 401 JSON for every request type", async () => {
    for (const type of ["threads.list", "threads.create", "items.list"]) {
      const res = await chatkit("", { type, params: {} });
      expect(res.status).toBe(401);
      expect((await res.json()).message).toBe("Sign in to continue.");
    }
  });
});

describe("isolation: Bob with Alice's ids", () => {
  it("gets 404 for every request type and leaks nothing", async () => {
    const t = aliceThread.id;
    const probes: Array<[string, unknown]> = [
      ["threads.get_by_id", { type: "threads.get_by_id", params: { thread_id: t } }],
      ["threads.update", { type: "threads.update", params: { thread_id: t, title: "owned" } }],
      ["threads.delete", { type: "threads.delete", params: { thread_id: t } }],
      ["items.list", { type: "items.list", params: { thread_id: t } }],
      ["items.feedback", { type: "items.feedback", params: { thread_id: t, item_ids: [aliceMessage.id], kind: "negative" } }],
      ["threads.sync_custom_action", { type: "threads.sync_custom_action", params: { thread_id: t, item_id: aliceCard.id, action: { type: "tasks.confirm" } } }],
      ["threads.add_user_message", { type: "threads.add_user_message", params: { thread_id: t, input: userInput("show my tasks") } }],
      ["threads.retry_after_item", { type: "threads.retry_after_item", params: { thread_id: t, item_id: aliceMessage.id } }],
      ["threads.custom_action", { type: "threads.custom_action", params: { thread_id: t, item_id: aliceCard.id, action: { type: "tasks.confirm" } } }],
      ["threads.add_client_tool_output", { type: "threads.add_client_tool_output", params: { thread_id: t, result: {} } }],
    ];
    const before = await snapshot();
    let leaks = 0;
    for (const [label, body] of probes) {
      const res = await chatkit(bob.cookie, body);
      expect(res.status, label).toBe(404);
      const text = await res.text();
      expect(JSON.parse(text), label).toEqual({ error: "not_found", message: "Thread not found." });
      if (/secret|plan/i.test(text)) leaks++;
    }
    const list = await chatkitJson(bob.cookie, { type: "threads.list", params: {} });
    if (list.json.data.some((th: Thread) => th.id === t)) leaks++;
    expect(leaks).toBe(0);
    expect(await snapshot()).toBe(before);
    const [row] = await db.select().from(conversations).where(eq(conversations.id, t));
    expect(row?.title).toBe("Add secret plan");
  });
});

describe("rate limit", () => {
  it("answers 429 JSON with Retry-After before streaming, writes nothing, and recovers after the window", async () => {
    vi.stubEnv("CHAT_RATE_LIMIT", "2");
    vi.stubEnv("CHAT_RATE_WINDOW_SECONDS", "2");
    const carol = await signUpUser("rate");
    const create = async () => chatkit(carol.cookie, { type: "threads.create", params: { input: userInput("hello") } });
    for (let i = 0; i < 2; i++) {
      const ok = await create();
      expect(ok.status).toBe(200);
      await ok.text(); // the turn is stored by the time its stream ends
    }
    const before = await snapshot();
    const limited = await create();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await limited.json()).message).toMatch(/too fast/);
    expect(await snapshot()).toBe(before);
    await new Promise((r) => setTimeout(r, 2100));
    const after = await create();
    expect(after.status).toBe(200);
    await after.text();
  });
});

describe("database round trips per turn", () => {
  /**
   * One turn's statements through Drizzle (the session check included: the client sends the
   * session cache cookie, as a browser does), in total and by the time the first SSE chunk
   * arrives. The in-process stream is read chunk by chunk, so the first figure is what was
   * sent before the first byte could leave.
   */
  async function turnQueries(threadLength: number, text: string) {
    const dave = await signUpUser(`rt-${threadLength}`);
    const created = await chatkitStream(dave.cookie, { type: "threads.create", params: { input: userInput("hello") } });
    const thread = (created.events[0] as { thread: Thread }).thread;
    // Pad the thread to the wanted length with stored exchanges, as a long conversation would have.
    await db.execute(sql`insert into messages (id, conversation_id, user_id, type, payload, agent_items)
      select 'msg_pad' || substr(md5(random()::text), 1, 20), ${thread.id}, ${dave.id}, 'user_message', '{"type":"user_message"}'::jsonb,
             jsonb_build_array(jsonb_build_object('type', 'message', 'role', 'user', 'content', 'pad ' || g))
      from generate_series(1, ${threadLength}) g`);
    const before = dbQueryCount();
    const res = await chatkit(dave.cookie, { type: "threads.add_user_message", params: { thread_id: thread.id, input: userInput(text) } });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let body = "";
    let firstByte: number | undefined;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      firstByte ??= dbQueryCount() - before;
      body += decoder.decode(value, { stream: true });
    }
    const events = parseSse(body);
    expect(events.map((e: ChatKitEvent) => e.type)).toContain("thread.item.done");
    expect(events.map((e: ChatKitEvent) => e.type)).not.toContain("error");
    return { total: dbQueryCount() - before, firstByte: firstByte!, events };
  }

  it("a plain turn costs at most 4 statements, at most 2 before the first byte, at 10 and at 1,000 items", async () => {
    const short = await turnQueries(10, "hello");
    const long = await turnQueries(1000, "hello");
    console.log(`[round trips] one "hello" turn: ${short.total} statements (${short.firstByte} before the first byte) at 10 items, ${long.total} (${long.firstByte}) at 1,000 items`);
    expect(long).toMatchObject({ total: short.total, firstByte: short.firstByte });
    expect(short.total).toBeLessThanOrEqual(4);
    expect(short.firstByte).toBeLessThanOrEqual(2);
    const [{ count }] = (await db.execute<{ count: number }>(sql`select count(*)::int as count from messages where id like 'msg_pad%'`)).rows as [{ count: number }];
    expect(count).toBeGreaterThanOrEqual(1010);
  });

  it("a tool turn adds only the tool's own statements", async () => {
    const hello = await turnQueries(10, "hello");
    const short = await turnQueries(10, "add milk");
    const long = await turnQueries(1000, "add milk");
    expect(short.events.some((e) => e.type === "thread.item.done" && e.item.type === "workflow")).toBe(true);
    const tool = short.total - hello.total;
    console.log(`[round trips] one add_task turn: ${short.total} statements (${short.firstByte} before the first byte) at 10 items, ${long.total} (${long.firstByte}) at 1,000 items; the tool's own: ${tool}`);
    expect(long).toMatchObject({ total: short.total, firstByte: short.firstByte });
    expect(short.firstByte).toBeLessThanOrEqual(2);
    // add_task is one insert; the turn itself adds nothing for a tool call (its audit row rides the last statement).
    expect(tool).toBeLessThanOrEqual(1);
    expect(short.total).toBeLessThanOrEqual(4 + tool);
  });
});

