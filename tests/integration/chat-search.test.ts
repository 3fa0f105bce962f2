import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as searchRoute from "@/app/api/chat/search/route";
import { db } from "@/db";
import { conversations, messages } from "@/db/schema";
import type { ChatKitEvent, ThreadItem } from "@/lib/chatkit/schemas";
import { SEARCH_QUERY_MAX, SEARCH_RESULTS_MAX } from "@/lib/chatkit/search";
import { toStoredPayload } from "@/lib/chatkit/stored";
import { signUpUser } from "../helpers/auth";
import { chatkitStream, userInput } from "../helpers/chatkit";
import { jsonRequest, readJson } from "../helpers/http";

/**
 * Conversation search (GET /api/chat/search) on the real route and database: by title and by
 * message text, only the signed-in user's threads, LIKE wildcards taken literally, bounded,
 * and bad input refused with a 400 that writes nothing.
 */

type User = Awaited<ReturnType<typeof signUpUser>>;
type Hit = { id: string; title: string | null; created_at: string; status: { type: string }; snippet: string | null };
let alice: User;
let bob: User;

const search = (query: string, cookie = alice.cookie) => searchRoute.GET(jsonRequest(`/api/chat/search?${query}`, { cookie }));
const hits = async (q: string, cookie = alice.cookie): Promise<Hit[]> => {
  const res = await search(`q=${encodeURIComponent(q)}`, cookie);
  expect(res.status).toBe(200);
  return (await readJson(res)).data;
};

/** A thread stored directly, with one user message and one answer. */
async function storedThread(user: User, title: string | null, said: string, answered: string, createdAt = new Date()): Promise<string> {
  const id = randomUUID();
  await db.insert(conversations).values({ id, userId: user.id, title, createdAt });
  const items: ThreadItem[] = [
    { type: "user_message", id: `msg_${randomUUID()}`, thread_id: id, created_at: createdAt.toISOString(), content: [{ type: "input_text", text: said }], attachments: [], inference_options: {} },
    { type: "assistant_message", id: `msg_${randomUUID()}`, thread_id: id, created_at: createdAt.toISOString(), content: [{ type: "output_text", text: answered, annotations: [] }] },
  ];
  for (const item of items) await db.insert(messages).values({ id: item.id, conversationId: id, userId: user.id, type: item.type, payload: toStoredPayload(item) });
  return id;
}

let viaChat: string;
let percent: string;
let underscore: string;
let plain: string;
let titled: string;
let hiddenOnly: string;

beforeAll(async () => {
  alice = await signUpUser("search-alice");
  bob = await signUpUser("search-bob");
  // A real conversation through the chat endpoint (the offline model answers).
  const { status, events } = await chatkitStream(alice.cookie, { type: "threads.create", params: { input: userInput("add water the ferns tomorrow") } });
  expect(status).toBe(200);
  viaChat = (events.find((e) => e.type === "thread.created") as Extract<ChatKitEvent, { type: "thread.created" }>).thread.id;
  percent = await storedThread(alice, "Budget", "we are 100% done with the budget", "Great.");
  underscore = await storedThread(alice, "Files", "rename report_final please", "Done.");
  plain = await storedThread(alice, "Groceries", "we need 100 apples and a reportXfinal", "Noted.");
  titled = await storedThread(alice, "Trip to Lisbon", "what should I pack", "A jacket.");
  hiddenOnly = await storedThread(alice, "Hidden", "nothing to see", "Nothing.");
  await db.insert(messages).values({
    id: `msg_${randomUUID()}`,
    conversationId: hiddenOnly,
    userId: alice.id,
    type: "hidden_context_item",
    hidden: true,
    payload: { type: "hidden_context_item", id: "x", thread_id: hiddenOnly, created_at: new Date().toISOString(), content: "secretword" },
  });
  // Bob's thread says the same words as Alice's.
  await storedThread(bob, "Bob's ferns", "water the ferns and 100% of the report_final", "ok");
});

describe("finding conversations", () => {
  it("finds a thread by words in its messages, with the matching snippet, case-insensitively", async () => {
    const found = await hits("WATER THE FERNS");
    expect(found.map((h) => h.id)).toEqual([viaChat]);
    expect(found[0]!.snippet?.toLowerCase()).toContain("water the ferns");
  });

  it("finds a thread by its title alone (no snippet when no message matches)", async () => {
    const found = await hits("lisbon");
    expect(found).toEqual([{ id: titled, title: "Trip to Lisbon", created_at: expect.any(String), status: { type: "active" }, snippet: null }]);
  });

  it("matches % and _ literally, not as wildcards", async () => {
    expect((await hits("100%")).map((h) => h.id)).toEqual([percent]);
    expect((await hits("report_final")).map((h) => h.id)).toEqual([underscore]);
    // Without escaping, `_` would match any character and `%` anything at all.
    expect((await hits("%")).map((h) => h.id)).toEqual([percent]);
    expect((await hits("_")).map((h) => h.id)).toEqual([underscore]);
    expect(await hits("\\")).toEqual([]);
    expect((await hits("reportXfinal")).map((h) => h.id)).toEqual([plain]);
  });

  it("never matches hidden items or JSON keys", async () => {
    expect(await hits("secretword")).toEqual([]);
    expect(await hits("input_text")).toEqual([]);
    expect(await hits("assistant_message")).toEqual([]);
  });

  it("never returns another user's threads", async () => {
    expect(await hits("Bob's ferns")).toEqual([]);
    const bobs = await hits("ferns", bob.cookie);
    expect(bobs).toHaveLength(1);
    expect(bobs[0]!.title).toBe("Bob's ferns");
    expect(bobs.map((h) => h.id)).not.toContain(viaChat);
  });

  it("is newest first and bounded by limit", async () => {
    const many = `bulk-${randomUUID().slice(0, 6)}`;
    const base = Date.now();
    for (let i = 0; i < SEARCH_RESULTS_MAX + 3; i++) await storedThread(alice, `${many} ${i}`, "x", "y", new Date(base + i * 1000));
    const all = await hits(many);
    expect(all).toHaveLength(SEARCH_RESULTS_MAX);
    expect(all[0]!.title).toBe(`${many} ${SEARCH_RESULTS_MAX + 2}`);
    const three = await readJson(await search(`q=${many}&limit=3`));
    expect(three.data.map((h: Hit) => h.title)).toEqual([`${many} ${SEARCH_RESULTS_MAX + 2}`, `${many} ${SEARCH_RESULTS_MAX + 1}`, `${many} ${SEARCH_RESULTS_MAX}`]);
  });

  it("cuts a long message down to the words around the match", async () => {
    const id = await storedThread(alice, null, `${"lorem ipsum ".repeat(40)}needle-in-a-haystack${" dolor sit".repeat(40)}`, "ok");
    const [hit] = await hits("needle-in-a-haystack");
    expect(hit!.id).toBe(id);
    expect(hit!.snippet).toMatch(/^….*needle-in-a-haystack.*…$/);
    expect(hit!.snippet!.length).toBeLessThan(160);
  });
});

describe("bad input", () => {
  const count = async () => Number((await db.execute<{ n: string }>(sql`select count(*) as n from conversations`)).rows[0]!.n);

  it.each([
    ["no query", ""],
    ["an empty query", "q="],
    ["only spaces", "q=%20%20"],
    ["a query over the limit", `q=${"a".repeat(SEARCH_QUERY_MAX + 1)}`],
    ["a NUL character", "q=a%00b"],
    ["a limit of 0", "q=a&limit=0"],
    ["a limit over the maximum", `q=a&limit=${SEARCH_RESULTS_MAX + 1}`],
    ["a limit that is not a number", "q=a&limit=lots"],
  ])("refuses %s with a 400", async (_label, query) => {
    const before = await count();
    const res = await search(query);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect((await readJson(res)).error).toBe("validation_error");
    expect(await count()).toBe(before);
  });

  it("asks for a session: 401 without one", async () => {
    const res = await searchRoute.GET(jsonRequest("/api/chat/search?q=milk"));
    expect(res.status).toBe(401);
  });

  it("accepts exactly the longest query", async () => {
    expect((await search(`q=${"a".repeat(SEARCH_QUERY_MAX)}`)).status).toBe(200);
  });
});

