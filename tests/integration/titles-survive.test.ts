import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as listRoute from "@/app/api/tasks/route";
import { db } from "@/db";
import { tasks } from "@/db/schema";
import type { ChatKitEvent, Thread, ThreadItem, WidgetItem } from "@/lib/chatkit/schemas";
import { signUpUser } from "../helpers/auth";
import { chatkitJson, chatkitStream, userInput } from "../helpers/chatkit";
import { jsonRequest, readJson } from "../helpers/http";
import { connectTaskClient, textOf } from "../helpers/mcp";

/**
 * Titles with quotes, apostrophes, # and Markdown are data: added through the chat (the
 * offline model, the real ChatKit route), each must come back character for character in every
 * place that shows it: replies, the activity row, a list, the confirmation card and its
 * resolved form, the MCP tools' summaries and structured content, the REST list, and the undo.
 */

const TITLES = [
  `Say “hi” to "Ann", it's #3 * ok`,
  "**bold** move",
  "[link](http://x)",
  "`code` review",
  "# heading",
  "Fix a_b_c",
  "#12 “x”",
];

type User = Awaited<ReturnType<typeof signUpUser>>;
let user: User;
let mcp: Awaited<ReturnType<typeof connectTaskClient>>;

beforeAll(async () => {
  user = await signUpUser("titles");
  mcp = await connectTaskClient(user.id);
});
afterAll(() => mcp.close());

const done = (events: ChatKitEvent[]) => events.flatMap((e) => (e.type === "thread.item.done" ? [e.item as ThreadItem] : []));
const replyText = (events: ChatKitEvent[]) =>
  done(events)
    .flatMap((i) => (i.type === "assistant_message" ? i.content.map((c) => c.text) : []))
    .join("\n");
const activity = (events: ChatKitEvent[]) =>
  events.flatMap((e) => (e.type === "thread.item.updated" && e.update.type === "workflow.task.updated" ? [(e.update.task as { content?: string }).content ?? ""] : []));
const replaced = (events: ChatKitEvent[]) => events.flatMap((e) => (e.type === "thread.item.replaced" ? [e.item as ThreadItem] : []));
const widgetTexts = (item: WidgetItem) => ((item.widget.children as Array<{ type: string; value?: string }>) ?? []).map((c) => c.value);

async function say(threadId: string, text: string) {
  const res = await chatkitStream(user.cookie, { type: "threads.add_user_message", params: { thread_id: threadId, input: userInput(text) } });
  expect(res.status).toBe(200);
  return res.events;
}

async function action(threadId: string, itemId: string, act: { type: string; payload?: unknown }) {
  const res = await chatkitStream(user.cookie, { type: "threads.custom_action", params: { thread_id: threadId, item_id: itemId, action: act } });
  expect(res.status).toBe(200);
  return res.events;
}

describe.each(TITLES)("the title %s", (title) => {
  it("survives the chat, the card, the undo, the MCP tools and the REST list unchanged", async () => {
    // Added in the chat, in quotes as a user would write a title like this.
    const created = await chatkitStream(user.cookie, { type: "threads.create", params: { input: userInput(`add “${title}”`) } });
    expect(created.status).toBe(200);
    const thread = (created.events[0] as { thread: Thread }).thread;
    const [row] = await db.select().from(tasks).where(eq(tasks.userId, user.id)).orderBy(tasks.id).then((rows) => rows.filter((r) => r.title === title));
    expect(row, `a task titled exactly ${title}`).toBeDefined();
    const id = row!.id;
    expect(replyText(created.events)).toBe(`Added “${title}”.`);
    expect(activity(created.events)).toEqual([`Added #${id} “${title}”.`]);

    // A list in the chat shows it whole.
    const listed = replyText(await say(thread.id, "show my tasks"));
    expect(listed).toContain(`. ${title}\n`.trimEnd());

    // MCP tools: the summary and the structured content.
    const mcpList = await mcp.call("list_tasks", { search: title.slice(0, 6) });
    expect(textOf(mcpList)).toContain(`#${id} “${title}”`);
    expect((mcpList.structuredContent as { tasks: Array<{ id: number; title: string }> }).tasks).toContainEqual(expect.objectContaining({ id, title }));
    const mcpUpdate = await mcp.call("update_task", { id, priority: "high" });
    expect(textOf(mcpUpdate)).toBe(`Updated #${id} “${title}” (high priority).`);
    expect((mcpUpdate.structuredContent as { task: { title: string } }).task.title).toBe(title);

    // The REST list.
    const rest = await readJson(await listRoute.GET(jsonRequest("/api/tasks?limit=100", { cookie: user.cookie })));
    expect(rest.tasks).toContainEqual(expect.objectContaining({ id, title }));

    // The confirmation card asks about it by its whole title.
    const asked = await say(thread.id, `delete task #${id}`);
    const card = done(asked).find((i): i is WidgetItem => i.type === "widget");
    expect(card, "a confirmation card").toBeDefined();
    expect(card!.copy_text).toBe(`Delete “${title}”?`);
    expect(widgetTexts(card!)[0]).toBe(`Delete “${title}”?`);

    // Confirmed: the reply and the resolved card keep it.
    const confirmed = await action(thread.id, card!.id, { type: "tasks.confirm" });
    expect(replyText(confirmed)).toBe(`Deleted “${title}”.`);
    const resolved = replaced(confirmed).find((i): i is WidgetItem => i.id === card!.id && i.type === "widget");
    expect(widgetTexts(resolved!)).toEqual([`Delete “${title}”?`, `Deleted “${title}”.`]);
    expect((resolved!.widget.confirm as { label?: string } | undefined)?.label).toBe("Undo");
    expect(await db.select().from(tasks).where(eq(tasks.id, id))).toEqual([]);

    // Undone from the card: the summary names it whole, and it is back with its id.
    const undone = await action(thread.id, card!.id, (resolved!.widget.confirm as { action: { type: string; payload?: unknown } }).action);
    expect(replyText(undone)).toBe(`Undone: deleted “${title}”.`);
    const undoneCard = replaced(undone).find((i): i is WidgetItem => i.id === card!.id && i.type === "widget");
    expect(widgetTexts(undoneCard!)).toEqual([`Delete “${title}”?`, `Undone: deleted “${title}”.`]);
    expect(await db.select({ title: tasks.title }).from(tasks).where(eq(tasks.id, id))).toEqual([{ title }]);

    // A reload shows the same texts.
    const stored = (await chatkitJson(user.cookie, { type: "items.list", params: { thread_id: thread.id, limit: 100, order: "asc" } })).json as { data: ThreadItem[] };
    expect(stored.data.find((i) => i.id === card!.id)).toEqual(undoneCard);
  });
});
