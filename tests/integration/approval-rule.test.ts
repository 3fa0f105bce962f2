import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db";
import { addTasks, changeTasks, createTask, removeTask, type Task } from "@/lib/tasks";
import { Conversation } from "../helpers/agent";
import { signUpUser } from "../helpers/auth";
import type { FakeOpenAI, FakeToolCall, FakeTurn } from "../helpers/fake-openai";
import { startScriptedModel, stopScriptedModel, toolOutputs } from "../helpers/scripted-model";

/**
 * The confirmation rule (lib/agent/approvals.ts) through the real runner: a scripted model
 * makes exactly the calls each case names, and the turn must pause (or not) before anything
 * is written. A rejected card must leave every row as it was.
 */

let fake: FakeOpenAI;
beforeEach(async () => {
  fake = await startScriptedModel();
});
afterEach(() => stopScriptedModel(fake));

/** Every task row of a user, timestamps as PostgreSQL's text. */
async function rowsOf(userId: string) {
  const { rows } = await db.execute(sql`
    select id, title, completed, completed_at::text as completed_at, priority::text as priority,
      due_date::text as due_date, created_at::text as created_at, updated_at::text as updated_at
    from tasks where user_id = ${userId} order by id`);
  return rows as Array<Record<string, unknown> & { id: number; title: string; completed: boolean }>;
}

/** A user with three open tasks: a, b, c. */
async function userWithTasks() {
  const u = await signUpUser("approval-rule");
  const tasks = [await createTask(u.id, { title: "Alpha" }), await createTask(u.id, { title: "Beta" }), await createTask(u.id, { title: "Gamma" })] as [Task, Task, Task];
  return { u, tasks };
}

type Tasks = [Task, Task, Task];
/** The model's responses before it would answer, given the user's tasks. */
type Script = (t: Tasks) => FakeTurn[];
const calls = (...toolCalls: FakeToolCall[]): FakeTurn => ({ toolCalls });

const ASKS: Array<{ name: string; script: Script; asks: (t: Tasks) => Array<{ name: string; arguments: Record<string, unknown> }> }> = [
  {
    name: "delete_task",
    script: ([a]) => [calls({ name: "delete_task", arguments: { id: a.id } })],
    asks: ([a]) => [{ name: "delete_task", arguments: { id: a.id } }],
  },
  {
    name: "delete_tasks with one id",
    script: ([a]) => [calls({ name: "delete_tasks", arguments: { ids: [a.id] } })],
    asks: ([a]) => [{ name: "delete_tasks", arguments: { ids: [a.id] } }],
  },
  {
    name: "complete_tasks with 2 ids",
    script: ([a, b]) => [calls({ name: "complete_tasks", arguments: { ids: [a.id, b.id] } })],
    asks: ([a, b]) => [{ name: "complete_tasks", arguments: { ids: [a.id, b.id] } }],
  },
  {
    name: "update_tasks with 2 ids",
    script: ([a, b]) => [calls({ name: "update_tasks", arguments: { ids: [a.id, b.id], changes: { priority: "high" } } })],
    asks: ([a, b]) => [{ name: "update_tasks", arguments: { ids: [a.id, b.id], changes: { priority: "high" } } }],
  },
  {
    name: "two complete_task calls in one response",
    script: ([a, b]) => [calls({ name: "complete_task", arguments: { id: a.id } }, { name: "complete_task", arguments: { id: b.id } })],
    asks: ([a, b]) => [
      { name: "complete_task", arguments: { id: a.id } },
      { name: "complete_task", arguments: { id: b.id } },
    ],
  },
  {
    name: "a complete_task and an update_task on different tasks in one response",
    script: ([a, b]) => [calls({ name: "complete_task", arguments: { id: a.id } }, { name: "update_task", arguments: { id: b.id, title: "Beta two" } })],
    asks: ([a, b]) => [
      { name: "complete_task", arguments: { id: a.id } },
      { name: "update_task", arguments: { id: b.id, title: "Beta two" } },
    ],
  },
];

describe("asks for confirmation, and a rejection changes nothing", () => {
  it.each(ASKS)("$name", async ({ script, asks }) => {
    const { u, tasks } = await userWithTasks();
    const before = await rowsOf(u.id);
    const c = new Conversation(u.id);
    fake.script(script(tasks));

    const paused = await c.say("do it");
    expect(paused.outcome.interruption?.approvals.map(({ name, arguments: args }) => ({ name, arguments: args }))).toEqual(asks(tasks));
    expect(await rowsOf(u.id)).toEqual(before);

    fake.script([{ text: "Okay, nothing changed." }]);
    const rejected = await c.decide("reject");
    expect(rejected.outcome.interruption).toBeNull();
    expect(rejected.outcome.toolCalls.map((t) => t.status)).toEqual(asks(tasks).map(() => "rejected"));
    // The model is told each call was declined.
    expect(toolOutputs(fake.modelRequests.at(-1)!).map((o) => o.output)).toEqual(asks(tasks).map(() => expect.stringContaining("declined")));
    expect(await rowsOf(u.id)).toEqual(before);
  });

  it("a second change to a different task later in the same turn (the first one goes through)", async () => {
    const { u, tasks: [a, b] } = await userWithTasks();
    const c = new Conversation(u.id);
    fake.script([calls({ name: "complete_task", arguments: { id: a.id } }), calls({ name: "update_task", arguments: { id: b.id, title: "Beta two" } })]);

    const paused = await c.say("finish alpha and rename beta");
    expect(paused.outcome.toolCalls.map((t) => [t.name, t.status])).toEqual([
      ["complete_task", "completed"],
      ["update_task", "awaiting_approval"],
    ]);
    expect(paused.outcome.interruption?.approvals).toEqual([expect.objectContaining({ name: "update_task", arguments: { id: b.id, title: "Beta two" } })]);
    const afterFirst = await rowsOf(u.id);
    expect(afterFirst.find((r) => r.id === a.id)?.completed).toBe(true);
    expect(afterFirst.find((r) => r.id === b.id)?.title).toBe("Beta");

    fake.script([{ text: "Okay." }]);
    await c.decide("reject");
    expect(await rowsOf(u.id)).toEqual(afterFirst);
  });

  // Known gap, reported: resumeAgentTurn (lib/agent/run.ts) builds a fresh ApprovalPolicy and
  // restores only the paused call ids, so after a resume the policy has forgotten which tasks the
  // turn already changed, and this call runs unasked. Drop `.fails` once the resume carries them.
  it("a change to another task after an approved delete, in the same turn", async () => {
    const { u, tasks: [a, , c] } = await userWithTasks();
    const convo = new Conversation(u.id);
    fake.script([calls({ name: "delete_task", arguments: { id: a.id } })]);
    await convo.say("delete alpha, then finish gamma");
    // The resumed run goes on to change another task: that call must wait for its own answer.
    fake.script([calls({ name: "complete_task", arguments: { id: c.id } }), { text: "Done." }]);
    const resumed = await convo.decide("approve");
    expect(resumed.outcome.interruption?.approvals).toEqual([expect.objectContaining({ name: "complete_task", arguments: { id: c.id } })]);
    expect((await rowsOf(u.id)).map((r) => [r.title, r.completed])).toEqual([
      ["Beta", false],
      ["Gamma", false],
    ]);
  });

  it("approving carries out exactly the confirmed call", async () => {
    const { u, tasks: [a, b] } = await userWithTasks();
    const c = new Conversation(u.id);
    fake.script([calls({ name: "complete_tasks", arguments: { ids: [a.id, b.id] } })]);
    await c.say("finish alpha and beta");
    fake.script([{ text: "Done." }]);
    const approved = await c.decide("approve");
    expect(approved.outcome.toolCalls).toEqual([expect.objectContaining({ name: "complete_tasks", status: "approved" })]);
    expect((await rowsOf(u.id)).map((r) => [r.title, r.completed])).toEqual([
      ["Alpha", true],
      ["Beta", true],
      ["Gamma", false],
    ]);
  });
});

const RUNS: Array<{ name: string; script: Script; check: (rows: Awaited<ReturnType<typeof rowsOf>>, t: Tasks) => void }> = [
  {
    name: "add_task",
    script: () => [calls({ name: "add_task", arguments: { title: "Delta" } })],
    check: (rows) => expect(rows.map((r) => r.title)).toEqual(["Alpha", "Beta", "Gamma", "Delta"]),
  },
  {
    name: "add_tasks",
    script: () => [calls({ name: "add_tasks", arguments: { tasks: [{ title: "Delta" }, { title: "Epsilon" }, { title: "Zeta" }] } })],
    check: (rows) => expect(rows.map((r) => r.title)).toEqual(["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta"]),
  },
  {
    name: "a single complete_task",
    script: ([a]) => [calls({ name: "complete_task", arguments: { id: a.id } })],
    check: (rows, [a]) => expect(rows.find((r) => r.id === a.id)?.completed).toBe(true),
  },
  {
    name: "a single update_task",
    script: ([a]) => [calls({ name: "update_task", arguments: { id: a.id, title: "Alpha two", dueDate: "2030-01-01" } })],
    check: (rows, [a]) => expect(rows.find((r) => r.id === a.id)).toMatchObject({ title: "Alpha two", due_date: "2030-01-01" }),
  },
  {
    name: "complete_tasks and update_tasks with one id",
    script: ([a]) => [calls({ name: "complete_tasks", arguments: { ids: [a.id] } }), calls({ name: "update_tasks", arguments: { ids: [a.id], changes: { priority: "low" } } })],
    check: (rows, [a]) => expect(rows.find((r) => r.id === a.id)).toMatchObject({ completed: true, priority: "low" }),
  },
  {
    name: "the same task changed again later in the turn",
    script: ([a]) => [calls({ name: "complete_task", arguments: { id: a.id } }), calls({ name: "update_task", arguments: { id: a.id, title: "Alpha done" } })],
    check: (rows, [a]) => expect(rows.find((r) => r.id === a.id)).toMatchObject({ completed: true, title: "Alpha done" }),
  },
  {
    name: "two changing calls in one response on the same task",
    script: ([a]) => [calls({ name: "complete_task", arguments: { id: a.id } }, { name: "update_task", arguments: { id: a.id, priority: "high" } })],
    check: (rows, [a]) => expect(rows.find((r) => r.id === a.id)).toMatchObject({ completed: true, priority: "high" }),
  },
  {
    name: "list_tasks",
    script: () => [calls({ name: "list_tasks", arguments: { status: "all" } })],
    check: (rows) => expect(rows.map((r) => r.title)).toEqual(["Alpha", "Beta", "Gamma"]),
  },
];

describe("does not ask", () => {
  it.each(RUNS)("$name", async ({ script, check }) => {
    const { u, tasks } = await userWithTasks();
    fake.script([...script(tasks), { text: "Done." }]);
    const { outcome } = await new Conversation(u.id).say("do it");
    expect(outcome.interruption).toBeNull();
    expect(outcome.text).toBe("Done.");
    expect(outcome.toolCalls.every((t) => t.status === "completed")).toBe(true);
    check(await rowsOf(u.id), tasks);
  });

  it("undo_last_change that brings back one deleted task", async () => {
    const { u, tasks } = await userWithTasks();
    const before = await rowsOf(u.id);
    await removeTask(u.id, tasks[0].id, "ui");
    fake.script([calls({ name: "undo_last_change", arguments: {} }), { text: "Back." }]);
    const { outcome } = await new Conversation(u.id).say("undo that");
    expect(outcome.interruption).toBeNull();
    expect(outcome.toolCalls).toEqual([expect.objectContaining({ name: "undo_last_change", status: "completed", result: expect.objectContaining({ summary: "Undone: deleted “Alpha”." }) })]);
    expect(await rowsOf(u.id)).toEqual(before);
  });
});

describe("an undo that deletes or changes several tasks is confirmed", () => {
  it("undoing an add asks first (it deletes the task); declining keeps it", async () => {
    const { u } = await userWithTasks();
    const { changeSetId } = await addTasks(u.id, [{ title: "Delta" }, { title: "Epsilon" }], "ui");
    const before = await rowsOf(u.id);
    // A model that digs out an older change's id is asked about too, whatever it names.
    fake.script([calls({ name: "undo_last_change", arguments: { changeSetId } })]);
    const c = new Conversation(u.id);
    const { outcome } = await c.say("undo that");
    expect(outcome.interruption?.approvals).toEqual([expect.objectContaining({ name: "undo_last_change", arguments: { changeSetId } })]);
    fake.script([{ text: "Kept." }]);
    await c.decide("reject");
    expect(await rowsOf(u.id)).toEqual(before);
  });

  it("undoing a change to two tasks asks first; approving reverts both", async () => {
    const { u, tasks: [a, b] } = await userWithTasks();
    const before = await rowsOf(u.id);
    await changeTasks(u.id, { ids: [a.id, b.id] }, { completed: true }, "ui", { atomic: true });
    fake.script([calls({ name: "undo_last_change", arguments: {} })]);
    const c = new Conversation(u.id);
    expect((await c.say("undo")).outcome.interruption?.approvals.map((x) => x.name)).toEqual(["undo_last_change"]);
    fake.script([{ text: "Reverted." }]);
    await c.decide("approve");
    expect(await rowsOf(u.id)).toEqual(before);
  });
});

