import { count, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db";
import { changeSets } from "@/db/schema";
import { createTask, setTaskCompleted, type Task } from "@/lib/tasks";
import { Conversation } from "../helpers/agent";
import { signUpUser } from "../helpers/auth";
import type { FakeOpenAI } from "../helpers/fake-openai";
import { connectTaskClient, textOf } from "../helpers/mcp";
import { startScriptedModel, stopScriptedModel, toolOutputData, toolOutputs, toolOutputSummary } from "../helpers/scripted-model";

/**
 * The batch tools over a real MCP client: limits refused before anything is written, and a mix
 * of the user's own, missing and another user's ids answered item by item, with only the
 * user's own tasks changed. Then through the agent: a scripted model calls them and reads the
 * per-item results back as data.
 */

type User = Awaited<ReturnType<typeof signUpUser>>;
type Client = Awaited<ReturnType<typeof connectTaskClient>>;

let alice: User;
let bob: User;
let asAlice: Client;

beforeAll(async () => {
  alice = await signUpUser("batch-alice");
  bob = await signUpUser("batch-bob");
  asAlice = await connectTaskClient(alice.id);
});
afterAll(() => asAlice.close());

/** Every task row of a user, timestamps as PostgreSQL's text, to prove what did not change. */
async function rowsOf(userId: string) {
  const { rows } = await db.execute(sql`
    select id, title, description, completed, completed_at::text as completed_at, priority::text as priority,
      due_date::text as due_date, created_at::text as created_at, updated_at::text as updated_at
    from tasks where user_id = ${userId} order by id`);
  return rows as Array<Record<string, unknown> & { id: number; title: string }>;
}

const changeSetCount = async (userId: string) => (await db.select({ n: count() }).from(changeSets).where(eq(changeSets.userId, userId)))[0]!.n;

/** An id no one owns: far beyond any serial this suite creates. */
const MISSING = 2_000_000_000;

type BatchData = { results: Array<{ id: number; ok: true; task: Task } | { id: number; ok: false; error: string }>; changeSetId: string | null };

describe("add_tasks", () => {
  it("adds 3 tasks in one change set and lists them", async () => {
    const before = await changeSetCount(alice.id);
    const result = await asAlice.call("add_tasks", { tasks: [{ title: "Milk" }, { title: "Eggs", priority: "high" }, { title: "Bread", dueDate: "2030-04-01" }] });
    expect(result.isError).toBeFalsy();
    const data = result.structuredContent as { tasks: Task[]; changeSetId: string };
    expect(data.tasks.map((t) => [t.title, t.priority, t.dueDate])).toEqual([
      ["Milk", "medium", null],
      ["Eggs", "high", null],
      ["Bread", "medium", "2030-04-01"],
    ]);
    expect(textOf(result)).toBe(["Added 3 tasks:", ...data.tasks.map((t) => `- #${t.id} “${t.title}”${t.title === "Eggs" ? " (high priority)" : t.title === "Bread" ? " (due 2030-04-01)" : ""}`)].join("\n"));
    const rows = await rowsOf(alice.id);
    for (const t of data.tasks) expect(rows.find((r) => r.id === t.id)?.title).toBe(t.title);
    expect(await changeSetCount(alice.id)).toBe(before + 1);
    const [set] = await db.select().from(changeSets).where(eq(changeSets.id, data.changeSetId));
    expect(set?.changes.map((c) => c.id)).toEqual(data.tasks.map((t) => t.id));
  });

  it("refuses 26 tasks and writes nothing", async () => {
    const before = { rows: await rowsOf(alice.id), sets: await changeSetCount(alice.id) };
    const result = await asAlice.call("add_tasks", { tasks: Array.from({ length: 26 }, (_, i) => ({ title: `Item ${i + 1}` })) });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/At most 25 tasks at once\./);
    expect(await rowsOf(alice.id)).toEqual(before.rows);
    expect(await changeSetCount(alice.id)).toBe(before.sets);
  });

  it.each([
    ["an empty title", { title: "   " }, "The title cannot be empty. at tasks[1].title"],
    ["an impossible date", { title: "Leap", dueDate: "2031-02-29" }, "That date does not exist. at tasks[1].dueDate"],
    ["an unknown priority", { title: "Odd", priority: "urgent" }, "Priority is low, medium or high. at tasks[1].priority"],
  ])("refuses the whole batch when one item has %s, with a clear message", async (_what, bad, message) => {
    const before = { rows: await rowsOf(alice.id), sets: await changeSetCount(alice.id) };
    const result = await asAlice.call("add_tasks", { tasks: [{ title: "Fine one" }, bad, { title: "Fine two" }] });
    expect(result.isError).toBe(true);
    // The reason, and which item it is about.
    expect(textOf(result)).toContain(message);
    expect(await rowsOf(alice.id)).toEqual(before.rows);
    expect(await changeSetCount(alice.id)).toBe(before.sets);
  });
});

describe("complete_tasks, update_tasks and delete_tasks with own, missing and another user's ids", () => {
  let own: Task[];
  let bobsTask: Task;
  let bobsRowsBefore: Awaited<ReturnType<typeof rowsOf>>;

  beforeEach(async () => {
    own = [await createTask(alice.id, { title: "Own one" }), await createTask(alice.id, { title: "Own two" })];
    bobsTask = await createTask(bob.id, { title: "Bob's secret" });
    bobsRowsBefore = await rowsOf(bob.id);
  });

  /** The ids in the order sent: own, missing, Bob's, own. */
  const mixedIds = () => [own[0]!.id, MISSING, bobsTask.id, own[1]!.id];

  function expectPerItem(data: BatchData, check: (task: Task) => void) {
    expect(data.results.map((r) => [r.id, r.ok])).toEqual([
      [own[0]!.id, true],
      [MISSING, false],
      [bobsTask.id, false],
      [own[1]!.id, true],
    ]);
    // Bob's task reads exactly like a missing one: its existence is not confirmed.
    expect(data.results.filter((r) => !r.ok)).toEqual([
      { id: MISSING, ok: false, error: `Task ${MISSING} not found.` },
      { id: bobsTask.id, ok: false, error: `Task ${bobsTask.id} not found.` },
    ]);
    for (const r of data.results) if (r.ok) check(r.task);
    expect(data.changeSetId).toEqual(expect.any(String));
  }

  async function expectChangeSetOfOwn(changeSetId: string | null) {
    const [set] = await db.select().from(changeSets).where(eq(changeSets.id, changeSetId!));
    expect(set?.userId).toBe(alice.id);
    expect(set?.source).toBe("mcp");
    expect(set?.changes.map((c) => c.id)).toEqual(own.map((t) => t.id).sort((a, b) => a - b));
  }

  it("complete_tasks completes only the user's own", async () => {
    const result = await asAlice.call("complete_tasks", { ids: mixedIds() });
    expect(result.isError).toBeFalsy();
    const data = result.structuredContent as BatchData;
    expectPerItem(data, (t) => expect(t).toMatchObject({ completed: true, completedAt: expect.any(String) }));
    expect(textOf(result)).toBe(
      [`Completed 2 tasks:`, `- #${own[0]!.id} “Own one” (done)`, `- #${own[1]!.id} “Own two” (done)`, `Not changed (2):`, `- #${MISSING}: Task ${MISSING} not found.`, `- #${bobsTask.id}: Task ${bobsTask.id} not found.`].join("\n"),
    );
    const rows = await rowsOf(alice.id);
    for (const t of own) expect(rows.find((r) => r.id === t.id)).toMatchObject({ completed: true });
    expect(await rowsOf(bob.id)).toEqual(bobsRowsBefore);
    await expectChangeSetOfOwn(data.changeSetId);
  });

  it("update_tasks changes only the user's own", async () => {
    const result = await asAlice.call("update_tasks", { ids: mixedIds(), changes: { priority: "high", dueDate: "2030-06-01" } });
    const data = result.structuredContent as BatchData;
    expectPerItem(data, (t) => expect(t).toMatchObject({ priority: "high", dueDate: "2030-06-01" }));
    const rows = await rowsOf(alice.id);
    for (const t of own) expect(rows.find((r) => r.id === t.id)).toMatchObject({ priority: "high", due_date: "2030-06-01" });
    expect(await rowsOf(bob.id)).toEqual(bobsRowsBefore);
    await expectChangeSetOfOwn(data.changeSetId);
  });

  it("delete_tasks deletes only the user's own", async () => {
    const result = await asAlice.call("delete_tasks", { ids: mixedIds() });
    const data = result.structuredContent as BatchData;
    expectPerItem(data, (t) => expect(own.map((o) => o.id)).toContain(t.id));
    const ids = (await rowsOf(alice.id)).map((r) => r.id);
    for (const t of own) expect(ids).not.toContain(t.id);
    expect(await rowsOf(bob.id)).toEqual(bobsRowsBefore);
    await expectChangeSetOfOwn(data.changeSetId);
  });

  it("a batch of only foreign and missing ids changes nothing and records no change set", async () => {
    const sets = await changeSetCount(alice.id);
    const result = await asAlice.call("delete_tasks", { ids: [MISSING, bobsTask.id] });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({
      results: [
        { id: MISSING, ok: false, error: `Task ${MISSING} not found.` },
        { id: bobsTask.id, ok: false, error: `Task ${bobsTask.id} not found.` },
      ],
      changeSetId: null,
    });
    expect(textOf(result)).toMatch(/^No tasks were deleted\.\nNot changed \(2\):/);
    expect(await changeSetCount(alice.id)).toBe(sets);
    expect(await rowsOf(bob.id)).toEqual(bobsRowsBefore);
  });

  it.each([
    ["complete_tasks", {}],
    ["update_tasks", { changes: { priority: "low" } }],
    ["delete_tasks", {}],
  ])("%s refuses 51 ids and changes nothing", async (tool, extra) => {
    const before = { alice: await rowsOf(alice.id), sets: await changeSetCount(alice.id) };
    const ids = [...own.map((t) => t.id), ...Array.from({ length: 49 }, (_, i) => MISSING - i)];
    expect(ids).toHaveLength(51);
    const result = await asAlice.call(tool, { ids, ...extra });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/At most 50 tasks at once\./);
    expect(await rowsOf(alice.id)).toEqual(before.alice);
    expect(await changeSetCount(alice.id)).toBe(before.sets);
  });
});

describe("through the agent: the model reads per-item results as data", () => {
  let fake: FakeOpenAI;
  beforeEach(async () => {
    fake = await startScriptedModel();
  });
  afterEach(() => stopScriptedModel(fake));

  it("add_tasks: the tasks and the change set reach the model", async () => {
    const u = await signUpUser("batch-agent");
    fake.script([{ toolCalls: [{ name: "add_tasks", arguments: { tasks: [{ title: "Milk" }, { title: "Eggs" }, { title: "Bread" }] } }] }, { text: "Added three." }]);
    const { outcome } = await new Conversation(u.id).say("add milk, eggs and bread");
    expect(outcome.interruption).toBeNull();
    expect(outcome.text).toBe("Added three.");
    const rows = await rowsOf(u.id);
    expect(rows.map((r) => r.title)).toEqual(["Milk", "Eggs", "Bread"]);
    const [output] = toolOutputs(fake.modelRequests[1]!);
    const data = toolOutputData(output!.output) as { tasks: Task[]; changeSetId: string };
    expect(data.tasks.map((t) => ({ id: t.id, title: t.title }))).toEqual(rows.map((r) => ({ id: r.id, title: r.title })));
    const [set] = await db.select().from(changeSets).where(eq(changeSets.id, data.changeSetId));
    expect(set).toMatchObject({ userId: u.id, source: "chat" });
  });

  it("delete_tasks with a missing id, once confirmed: each item's result reaches the model, and only the own task is gone", async () => {
    const u = await signUpUser("batch-agent");
    const mine = await createTask(u.id, { title: "Old flyer" });
    const other = await createTask(bob.id, { title: "Bob's flyer" });
    const bobBefore = await rowsOf(bob.id);
    const c = new Conversation(u.id);
    fake.script([{ toolCalls: [{ name: "delete_tasks", arguments: { ids: [mine.id, other.id, MISSING] } }] }]);
    const paused = await c.say("delete the flyers");
    expect(paused.outcome.interruption?.approvals).toEqual([expect.objectContaining({ name: "delete_tasks", arguments: { ids: [mine.id, other.id, MISSING] } })]);
    expect((await rowsOf(u.id)).map((r) => r.id)).toEqual([mine.id]);

    fake.script([{ text: "Deleted one; two were not found." }]);
    const resumed = await c.decide("approve");
    expect(resumed.outcome.text).toBe("Deleted one; two were not found.");
    const [output] = toolOutputs(fake.modelRequests.at(-1)!);
    expect(toolOutputData(output!.output)).toEqual({
      results: [
        { id: mine.id, ok: true, task: expect.objectContaining({ id: mine.id, title: "Old flyer" }) },
        { id: other.id, ok: false, error: `Task ${other.id} not found.` },
        { id: MISSING, ok: false, error: `Task ${MISSING} not found.` },
      ],
      changeSetId: expect.any(String),
    });
    expect(toolOutputSummary(output!.output)).toContain("Not changed (2):");
    expect(await rowsOf(u.id)).toEqual([]);
    expect(await rowsOf(bob.id)).toEqual(bobBefore);
    expect(resumed.outcome.toolCalls).toEqual([expect.objectContaining({ name: "delete_tasks", status: "approved" })]);
  });

  it("complete_tasks, once confirmed, reports each task as data; the model can then undo the change by its id", async () => {
    const u = await signUpUser("batch-agent");
    const a = await createTask(u.id, { title: "Wash car" });
    const b = await setTaskCompleted(u.id, (await createTask(u.id, { title: "Mow lawn" })).id, true);
    const before = await rowsOf(u.id);
    const c = new Conversation(u.id);
    fake.script([{ toolCalls: [{ name: "complete_tasks", arguments: { ids: [a.id, b.id] } }] }]);
    await c.say("mark both done");
    fake.script([{ text: "Both done." }]);
    await c.decide("approve");
    const data = toolOutputData(toolOutputs(fake.modelRequests.at(-1)!)[0]!.output) as BatchData;
    expect(data.results.map((r) => r.ok && [r.task.id, r.task.completed, r.task.completedAt])).toEqual([
      [a.id, true, expect.any(String)],
      // Completing a done task keeps its first completion time.
      [b.id, true, b.completedAt],
    ]);

    // The model passes the change set id it read back to undo_last_change: putting two tasks back is confirmed too, then the rows are as before.
    fake.script([{ toolCalls: [{ name: "undo_last_change", arguments: { changeSetId: data.changeSetId } }] }]);
    const undo = await c.say("undo that");
    expect(undo.outcome.interruption?.approvals.map((x) => x.name)).toEqual(["undo_last_change"]);
    fake.script([{ text: "Undone." }]);
    await c.decide("approve");
    const undone = toolOutputData(toolOutputs(fake.modelRequests.at(-1)!).at(-1)!.output);
    expect(undone).toMatchObject({ changeSetId: data.changeSetId, summary: "Undone: completed 2 tasks.", alreadyUndone: false });
    expect(await rowsOf(u.id)).toEqual(before);
  });
});
