import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db";
import type { ChatKitEvent, Thread, ThreadItem, WidgetItem } from "@/lib/chatkit/schemas";
import { createTask, setTaskCompleted, updateTask } from "@/lib/tasks";
import { signUpUser } from "../helpers/auth";
import { chatkitStream, userInput } from "../helpers/chatkit";
import type { FakeOpenAI } from "../helpers/fake-openai";
import { scriptAgentTurns, startScriptedModel, stopScriptedModel } from "../helpers/scripted-model";

/**
 * Undo in the chat, through the real ChatKit route: typed ("undo that", the offline model's
 * grammar) after each kind of change, and the resolved card's Undo button. Judged by the rows:
 * after an undo they must be exactly what they were before the change.
 */

type User = Awaited<ReturnType<typeof signUpUser>>;

async function rowsOf(userId: string) {
  const { rows } = await db.execute(sql`
    select id, title, description, completed, completed_at::text as completed_at, priority::text as priority,
      due_date::text as due_date, created_at::text as created_at, updated_at::text as updated_at
    from tasks where user_id = ${userId} order by id`);
  return rows as Array<Record<string, unknown> & { id: number; title: string; completed: boolean }>;
}

const doneItems = (events: ChatKitEvent[]) => events.flatMap((e) => (e.type === "thread.item.done" ? [e.item as ThreadItem] : []));
const replyOf = (events: ChatKitEvent[]) =>
  doneItems(events)
    .flatMap((i) => (i.type === "assistant_message" ? i.content.map((c) => c.text) : []))
    .join("\n");
const cardOf = (events: ChatKitEvent[]) => doneItems(events).find((i): i is WidgetItem => i.type === "widget");
const replacedCard = (events: ChatKitEvent[], id: string) => events.flatMap((e) => (e.type === "thread.item.replaced" && e.item.id === id && e.item.type === "widget" ? [e.item] : []))[0];
const texts = (card: WidgetItem | undefined) => ((card?.widget.children as Array<{ value?: string }> | undefined) ?? []).map((c) => c.value);
const undoAction = (card: WidgetItem | undefined) => (card?.widget.confirm as { label?: string; action?: { type: string; payload?: unknown } } | undefined);

/** A chat thread for one user, spoken to through the route handler. */
class Chat {
  threadId: string | null = null;
  constructor(readonly user: User) {}

  async say(text: string) {
    const res = this.threadId
      ? await chatkitStream(this.user.cookie, { type: "threads.add_user_message", params: { thread_id: this.threadId, input: userInput(text) } })
      : await chatkitStream(this.user.cookie, { type: "threads.create", params: { input: userInput(text) } });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    this.threadId ??= (res.events[0] as { thread: Thread }).thread.id;
    return res.events;
  }

  async act(itemId: string, action: { type: string; payload?: unknown }) {
    const res = await chatkitStream(this.user.cookie, { type: "threads.custom_action", params: { thread_id: this.threadId, item_id: itemId, action } });
    return res;
  }

  /** Says `text`, expects a card, and presses its confirm button. */
  async confirm(text: string) {
    const card = cardOf(await this.say(text));
    expect(card, `a confirmation card for “${text}”`).toBeDefined();
    const res = await this.act(card!.id, { type: "tasks.confirm" });
    expect(res.status).toBe(200);
    return { card: card!, events: res.events, resolved: replacedCard(res.events, card!.id) };
  }
}

describe("typed “undo that” after each kind of change (offline model)", () => {
  it("after an add", async () => {
    const u = await signUpUser("undo-chat");
    const before = await rowsOf(u.id);
    const chat = new Chat(u);
    await chat.say("add buy stamps");
    expect((await rowsOf(u.id)).map((r) => r.title)).toEqual(["Buy stamps"]);
    // Undoing an add deletes the task, so the card asks first, and says so.
    const { card, events } = await chat.confirm("undo that");
    expect(card.type === "widget" && card.copy_text).toBe("Undo: added “Buy stamps”?");
    expect(JSON.stringify(card)).toContain("“Buy stamps” will be deleted.");
    expect(replyOf(events)).toContain("“Buy stamps”");
    expect(await rowsOf(u.id)).toEqual(before);
  });

  it("after a completion (completedAt cleared again)", async () => {
    const u = await signUpUser("undo-chat");
    await createTask(u.id, { title: "Pay rent" });
    const before = await rowsOf(u.id);
    const chat = new Chat(u);
    await chat.say("mark pay rent as done");
    expect((await rowsOf(u.id))[0]?.completed).toBe(true);
    expect(replyOf(await chat.say("undo"))).toContain("“Pay rent”");
    expect(await rowsOf(u.id)).toEqual(before);
  });

  it("after a rename", async () => {
    const u = await signUpUser("undo-chat");
    await createTask(u.id, { title: "Call mum" });
    const before = await rowsOf(u.id);
    const chat = new Chat(u);
    await chat.say("rename call mum to call mom");
    expect((await rowsOf(u.id))[0]?.title).toBe("Call mom");
    expect(replyOf(await chat.say("undo that"))).toContain("“Call mum”");
    expect(await rowsOf(u.id)).toEqual(before);
  });

  it("after a reschedule", async () => {
    const u = await signUpUser("undo-chat");
    await createTask(u.id, { title: "Dentist", dueDate: "2030-01-10" });
    const before = await rowsOf(u.id);
    const chat = new Chat(u);
    await chat.say("change the due date of dentist to 2030-02-03");
    expect((await rowsOf(u.id))[0]?.due_date).toBe("2030-02-03");
    expect(replyOf(await chat.say("undo that"))).toContain("“Dentist”");
    expect(await rowsOf(u.id)).toEqual(before);
  });

  it("after a confirmed delete (same id, created_at, completedAt)", async () => {
    const u = await signUpUser("undo-chat");
    const task = await setTaskCompleted(u.id, (await createTask(u.id, { title: "Old receipt", priority: "high" })).id, true);
    await createTask(u.id, { title: "Bystander" });
    const before = await rowsOf(u.id);
    const chat = new Chat(u);
    await chat.confirm("delete old receipt");
    expect((await rowsOf(u.id)).map((r) => r.id)).not.toContain(task.id);
    expect(replyOf(await chat.say("undo that"))).toContain("“Old receipt”");
    expect(await rowsOf(u.id)).toEqual(before);
  });

  it("after a confirmed bulk delete of the completed tasks", async () => {
    const u = await signUpUser("undo-chat");
    for (const title of ["Old flyer", "Old memo", "Old note"]) await setTaskCompleted(u.id, (await createTask(u.id, { title })).id, true);
    await createTask(u.id, { title: "Still open" });
    const before = await rowsOf(u.id);
    const chat = new Chat(u);
    await chat.confirm("delete completed tasks");
    expect((await rowsOf(u.id)).map((r) => r.title)).toEqual(["Still open"]);
    // Bringing back three tasks changes more than one task: the card asks first.
    const { card } = await chat.confirm("undo that");
    expect(card.type === "widget" && card.copy_text).toBe("Undo: deleted 3 tasks?");
    expect(await rowsOf(u.id)).toEqual(before);
  });

  it("a second “undo” changes nothing more", async () => {
    const u = await signUpUser("undo-chat");
    await createTask(u.id, { title: "Water plants" });
    const chat = new Chat(u);
    await chat.say("rename water plants to water the ferns");
    await chat.say("undo that");
    const once = await rowsOf(u.id);
    const reply = replyOf(await chat.say("undo that"));
    expect(reply.toLowerCase()).toContain("already");
    expect(await rowsOf(u.id)).toEqual(once);
  });
});

describe("the resolved card's Undo button", () => {
  it("undoes a confirmed delete, marks the card undone, and a second press changes nothing", async () => {
    const u = await signUpUser("undo-card");
    const task = await createTask(u.id, { title: "Tax forms", dueDate: "2030-04-15" });
    const before = await rowsOf(u.id);
    const chat = new Chat(u);
    const { card, resolved } = await chat.confirm("delete tax forms");
    expect(resolved?.widget.status).toMatchObject({ text: "Confirmed" });
    const undo = undoAction(resolved);
    expect(undo).toMatchObject({ label: "Undo", action: { type: "tasks.undo", payload: { changeSetIds: [expect.any(String)] } } });
    expect(await rowsOf(u.id)).toEqual([]);

    const pressed = await chat.act(card.id, undo!.action!);
    expect(pressed.status).toBe(200);
    expect(replyOf(pressed.events)).toBe("Undone: deleted “Tax forms”.");
    const undone = replacedCard(pressed.events, card.id);
    expect(undone?.widget.status).toMatchObject({ text: "Undone" });
    expect(texts(undone)).toEqual(["Delete “Tax forms”?", "Undone: deleted “Tax forms”."]);
    expect(undoAction(undone)).toBeUndefined();
    expect(await rowsOf(u.id)).toEqual(before);
    expect((await rowsOf(u.id))[0]?.id).toBe(task.id);

    // The button is gone; a replayed press finds nothing to undo and changes nothing.
    const replay = await chat.act(card.id, undo!.action!);
    if (replay.status === 200) expect(replyOf(replay.events)).toBe("There is nothing on that card to undo.");
    else expect(replay.status).toBeGreaterThanOrEqual(400);
    expect(await rowsOf(u.id)).toEqual(before);
  });

  it("refuses when a task changed since, says why, keeps the button, and changes nothing", async () => {
    const u = await signUpUser("undo-card");
    const a = await createTask(u.id, { title: "Wash car" });
    await createTask(u.id, { title: "Mow lawn" });
    const chat = new Chat(u);
    const { card, resolved } = await chat.confirm("mark all as done");
    expect((await rowsOf(u.id)).every((r) => r.completed)).toBe(true);
    await updateTask(u.id, a.id, { title: "Wash the car" });
    const before = await rowsOf(u.id);

    const pressed = await chat.act(card.id, undoAction(resolved)!.action!);
    expect(pressed.status).toBe(200);
    expect(replyOf(pressed.events)).toMatch(/^Can't undo \(.*\): “Wash car” was changed after that\. Nothing was undone\.$/);
    expect(replacedCard(pressed.events, card.id)).toBeUndefined();
    expect(await rowsOf(u.id)).toEqual(before);
  });
});

describe("typed undo, then the card's Undo", () => {
  it("the card finds its change already undone, changes nothing more, and says so", async () => {
    const u = await signUpUser("undo-card");
    await createTask(u.id, { title: "Spare key" });
    const before = await rowsOf(u.id);
    const chat = new Chat(u);
    const { card, resolved } = await chat.confirm("delete spare key");
    await chat.say("undo that");
    expect(await rowsOf(u.id)).toEqual(before);

    const pressed = await chat.act(card.id, undoAction(resolved)!.action!);
    expect(pressed.status).toBe(200);
    expect(replyOf(pressed.events)).toBe("Already undone: deleted “Spare key”. Nothing else was changed.");
    expect(await rowsOf(u.id)).toEqual(before);
  });
});

describe("a card that confirmed several calls (scripted model)", () => {
  let fake: FakeOpenAI;
  beforeEach(async () => {
    fake = await startScriptedModel();
  });
  afterEach(() => stopScriptedModel(fake));

  it("its Undo undoes every change set it made, newest first", async () => {
    const u = await signUpUser("undo-card-many");
    const a = await createTask(u.id, { title: "Wash car" });
    const b = await createTask(u.id, { title: "Mow lawn" });
    const before = await rowsOf(u.id);
    const chat = new Chat(u);
    scriptAgentTurns(fake, [{ toolCalls: [{ name: "complete_task", arguments: { id: a.id } }, { name: "complete_task", arguments: { id: b.id } }] }, { text: "Both done." }]);
    const { card, resolved } = await chat.confirm("finish both");
    expect(undoAction(resolved)?.action?.payload).toEqual({ changeSetIds: [expect.any(String), expect.any(String)] });
    expect((await rowsOf(u.id)).every((r) => r.completed)).toBe(true);

    const pressed = await chat.act(card.id, undoAction(resolved)!.action!);
    expect(replyOf(pressed.events)).toBe("Undone: completed “Mow lawn”.\nUndone: completed “Wash car”.");
    expect(await rowsOf(u.id)).toEqual(before);
  });

  it("refuses all of it, not half, when one of its tasks changed since", async () => {
    const u = await signUpUser("undo-card-many");
    const a = await createTask(u.id, { title: "Wash car" });
    const b = await createTask(u.id, { title: "Mow lawn" });
    const chat = new Chat(u);
    scriptAgentTurns(fake, [{ toolCalls: [{ name: "complete_task", arguments: { id: a.id } }, { name: "complete_task", arguments: { id: b.id } }] }, { text: "Both done." }]);
    const { card, resolved } = await chat.confirm("finish both");
    // The older change's task is renamed: the newer one alone could still be undone, but the card stands for both.
    await updateTask(u.id, a.id, { title: "Wash the car" });
    const before = await rowsOf(u.id);

    const pressed = await chat.act(card.id, undoAction(resolved)!.action!);
    expect(replyOf(pressed.events)).toBe("Can't undo (completed “Wash car”): “Wash car” was changed after that. Nothing was undone.");
    expect(await rowsOf(u.id)).toEqual(before);
    expect(before.every((r) => r.completed)).toBe(true);
  });
});
