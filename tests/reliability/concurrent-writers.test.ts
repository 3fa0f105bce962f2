import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ThreadItem } from "@/lib/chatkit/schemas";
import { PORTS } from "./config";
import { App, log, signUp, SKIP, stats, threadOf, userInput, writeStats, type Client } from "./harness";

/**
 * Twenty `threads.add_user_message` requests posted at once to one thread ("add item 01" …
 * "add item 20", offline model): the thread's turn lease serializes them, so every one is
 * answered, each user message is stored once and followed by its own reply before the next
 * user message, and each task is created exactly once.
 */

const N = 20;
const app = new App(PORTS.writers);
let user: Client;
let threadId = "";

const pad = (i: number) => String(i).padStart(2, "0");
const textOf = (item: ThreadItem) =>
  item.type === "user_message" ? item.content.map((c) => ("text" in c ? c.text : "")).join("") : item.type === "assistant_message" ? item.content.map((c) => c.text).join("") : "";

describe.skipIf(SKIP !== null)(`${N} concurrent writers on one thread`, () => {
  beforeAll(async () => {
    await app.start();
    user = await signUp(app, "writers");
    const created = await user.chatStream({ type: "threads.create", params: { input: userInput("hello") } });
    expect(created.status).toBe(200);
    threadId = threadOf(created.events).id;
  });

  afterAll(async () => {
    await app.stop();
    writeStats("concurrent-writers");
  });

  it("answers all 20, stores each message once, each followed by its own reply, and creates each task once", async () => {
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: N }, async (_, i) => {
        const text = `add item ${pad(i + 1)}`;
        const sent = Date.now();
        const res = await user.chatStream({ type: "threads.add_user_message", params: { thread_id: threadId, input: userInput(text) } }, 90_000);
        return { text, ...res, ms: Date.now() - sent };
      }),
    );
    const elapsed = Date.now() - started;
    const failed = results.filter((r) => r.status !== 200 || r.events.some((e) => e.type === "error") || !r.events.some((e) => e.type === "thread.item.done" && e.item.type === "assistant_message"));
    for (const f of failed) log(`  writer “${f.text}” failed: ${f.status} ${JSON.stringify(f.json ?? f.events.filter((e) => e.type === "error")).slice(0, 200)}`);

    const page = await user.chatJson({ type: "items.list", params: { thread_id: threadId, limit: 100, order: "asc" } });
    expect(page.status).toBe(200);
    expect(page.json.has_more).toBe(false);
    const items = (page.json.data as ThreadItem[]).slice(2); // after the opening "hello" exchange
    const users = items.filter((i) => i.type === "user_message").map(textOf);
    const expected = Array.from({ length: N }, (_, i) => `add item ${pad(i + 1)}`);

    // Between one user message and the next: exactly one assistant reply, and it is this message's.
    const interleaving: string[] = [];
    const order: string[] = [];
    items.forEach((item, index) => {
      if (item.type !== "user_message") return;
      const next = items.findIndex((x, j) => j > index && x.type === "user_message");
      const turn = items.slice(index + 1, next === -1 ? undefined : next);
      const replies = turn.filter((x) => x.type === "assistant_message");
      const n = textOf(item).slice(-2);
      order.push(n);
      if (replies.length !== 1) interleaving.push(`“${textOf(item)}” is followed by ${replies.length} replies before the next message`);
      // The offline model names the task after the number ("Added “07”."): the reply must carry this message's number, no other.
      else if (!new RegExp(`(^|\\D)${n}(\\D|$)`).test(textOf(replies[0]!))) interleaving.push(`“${textOf(item)}” is answered by “${textOf(replies[0]!)}”`);
    });

    const tasks = (await user.get("/api/tasks?limit=100")).json.tasks as Array<{ title: string }>;
    const titles = tasks.map((t) => t.title).sort();
    const slowest = Math.max(...results.map((r) => r.ms));
    log(
      `concurrent-writers: ${N} messages posted at once to one thread: ${N - failed.length} answered 200 in ${(elapsed / 1000).toFixed(1)} s (slowest ${slowest} ms); ` +
        `stored user messages ${users.length} (${new Set(users).size} distinct), interleavings ${interleaving.length}, tasks ${tasks.length} (${new Set(titles).size} distinct); turn order ${order.join(" ")}`,
    );
    for (const line of interleaving) log(`  ${line}`);
    if (failed.length) stats.details.push(...failed.map((f) => `writer “${f.text}” → ${f.status}`));

    expect(failed.map((f) => `${f.text}: ${f.status}`)).toEqual([]);
    expect([...users].sort()).toEqual(expected);
    expect(interleaving).toEqual([]);
    // One task per message, each created once, named by its number.
    expect(tasks.length).toBe(N);
    expect(new Set(titles).size).toBe(N);
    for (let i = 1; i <= N; i++) expect(titles.filter((t) => new RegExp(`(^|\\D)${pad(i)}$`).test(t)), `the task for item ${pad(i)}`).toHaveLength(1);
  });
});
