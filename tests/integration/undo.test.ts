import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as undoRoute from "@/app/api/changes/[id]/undo/route";
import * as bulkRoute from "@/app/api/tasks/bulk/route";
import * as itemRoute from "@/app/api/tasks/[id]/route";
import * as listRoute from "@/app/api/tasks/route";
import { db } from "@/db";
import { changeSets } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { addTasks, changeTask, changeTasks, createTask, removeTask, removeTasks, setTaskCompleted, undoChange, undoChanges, type ChangeSource, type Undone, type UpdateTaskInput } from "@/lib/tasks";
import { signUpUser } from "../helpers/auth";
import { chatkitStream, userInput } from "../helpers/chatkit";
import { jsonRequest, params, readJson } from "../helpers/http";
import { connectTaskClient, textOf } from "../helpers/mcp";

/**
 * Undo, proved on the database: each kind of change is made and undone through the service,
 * an MCP client's undo_last_change, and POST /api/changes/:id/undo, and the user's rows must
 * then be exactly what they were before the change, to the microsecond (ids, created_at,
 * completed_at and updated_at included).
 */

type User = Awaited<ReturnType<typeof signUpUser>>;
type Client = Awaited<ReturnType<typeof connectTaskClient>>;

/** An undo's answer, the same from every way in: what it did, or why not (status as HTTP would say it). */
type UndoAnswer = { ok: true; undone: Undone; text: string } | { ok: false; status: number; message: string };

/** One way in: it makes changes and undoes them, answering with the change set ids it was given. */
type Way = {
  name: string;
  source: ChangeSource;
  add(u: User, title: string): Promise<{ id: number; changeSetId: string }>;
  update(u: User, id: number, patch: UpdateTaskInput): Promise<string>;
  remove(u: User, id: number): Promise<string>;
  removeMany(u: User, ids: number[]): Promise<string>;
  completeMany(u: User, ids: number[]): Promise<string>;
  /** Undo one change set; `latest` undoes the most recent change instead, where the way can. */
  undo(u: User, changeSetId: string, options?: { latest?: boolean }): Promise<UndoAnswer>;
};

const clients = new Map<string, Client>();
async function mcpOf(u: User): Promise<Client> {
  let client = clients.get(u.id);
  if (!client) clients.set(u.id, (client = await connectTaskClient(u.id)));
  return client;
}

afterAll(async () => {
  for (const client of clients.values()) await client.close();
});

/** A service call's refusal as the status a route would answer with. */
async function answerOf(work: () => Promise<Undone>): Promise<UndoAnswer> {
  try {
    const undone = await work();
    return { ok: true, undone, text: undone.summary };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { ok: false, status: error.status, message: error.message };
  }
}

const SERVICE: Way = {
  name: "the service",
  source: "ui",
  async add(u, title) {
    const { tasks, changeSetId } = await addTasks(u.id, [{ title }], "ui");
    return { id: tasks[0]!.id, changeSetId };
  },
  update: async (u, id, patch) => (await changeTask(u.id, id, patch, "ui")).changeSetId,
  remove: async (u, id) => (await removeTask(u.id, id, "ui")).changeSetId,
  removeMany: async (u, ids) => (await removeTasks(u.id, { ids }, "ui", { atomic: true })).changeSetId!,
  completeMany: async (u, ids) => (await changeTasks(u.id, { ids }, { completed: true }, "ui", { atomic: true })).changeSetId!,
  undo: (u, changeSetId, options) => answerOf(() => undoChange(u.id, options?.latest ? undefined : changeSetId)),
};

/** A successful tool call's structured content, or a failure that says what the tool answered. */
async function toolData(u: User, name: string, args: Record<string, unknown>) {
  const result = await (await mcpOf(u)).call(name, args);
  if (result.isError) throw new Error(`${name} failed: ${textOf(result)}`);
  return result.structuredContent as Record<string, unknown> & { changeSetId: string };
}

const MCP: Way = {
  name: "the MCP client's undo_last_change",
  source: "mcp",
  async add(u, title) {
    const data = await toolData(u, "add_task", { title });
    return { id: (data.task as { id: number }).id, changeSetId: data.changeSetId };
  },
  update: async (u, id, patch) => (await toolData(u, "update_task", { id, ...patch })).changeSetId,
  remove: async (u, id) => (await toolData(u, "delete_task", { id })).changeSetId,
  async removeMany(u, ids) {
    const data = await toolData(u, "delete_tasks", { ids });
    expect((data.results as Array<{ ok: boolean }>).every((r) => r.ok)).toBe(true);
    return data.changeSetId;
  },
  completeMany: async (u, ids) => (await toolData(u, "complete_tasks", { ids })).changeSetId,
  async undo(u, changeSetId, options) {
    const result = await (await mcpOf(u)).call("undo_last_change", options?.latest ? {} : { changeSetId });
    if (result.isError) return { ok: false, status: 0, message: textOf(result) };
    return { ok: true, undone: result.structuredContent as Undone, text: textOf(result) };
  },
};

async function restJson(res: Response, expected: number) {
  const body = await readJson(res);
  expect(res.status, JSON.stringify(body)).toBe(expected);
  return body;
}

const undoOverHttp = (cookie: string, changeSetId: string) =>
  undoRoute.POST(jsonRequest(`/api/changes/${encodeURIComponent(changeSetId)}/undo`, { method: "POST", cookie }), params({ id: changeSetId }));

const REST: Way = {
  name: "POST /api/changes/:id/undo",
  source: "ui",
  async add(u, title) {
    const { task, changeSetId } = await restJson(await listRoute.POST(jsonRequest("/api/tasks", { body: { title }, cookie: u.cookie })), 201);
    return { id: task.id, changeSetId };
  },
  update: async (u, id, patch) =>
    (await restJson(await itemRoute.PATCH(jsonRequest(`/api/tasks/${id}`, { method: "PATCH", body: patch, cookie: u.cookie }), params({ id: String(id) })), 200)).changeSetId,
  remove: async (u, id) => (await restJson(await itemRoute.DELETE(jsonRequest(`/api/tasks/${id}`, { method: "DELETE", cookie: u.cookie }), params({ id: String(id) })), 200)).changeSetId,
  removeMany: async (u, ids) => (await restJson(await bulkRoute.POST(jsonRequest("/api/tasks/bulk", { body: { action: "delete", ids }, cookie: u.cookie })), 200)).changeSetId,
  completeMany: async (u, ids) => (await restJson(await bulkRoute.POST(jsonRequest("/api/tasks/bulk", { body: { action: "complete", ids }, cookie: u.cookie })), 200)).changeSetId,
  async undo(u, changeSetId) {
    const res = await undoOverHttp(u.cookie, changeSetId);
    const body = await readJson(res);
    if (res.status === 200) return { ok: true, undone: body, text: body.summary };
    return { ok: false, status: res.status, message: body.message };
  },
};

const WAYS = [SERVICE, MCP, REST];

/** Every row of the user's tasks, timestamps as PostgreSQL's text (microseconds, unlike a JS Date). */
async function rowsOf(userId: string) {
  const { rows } = await db.execute(sql`
    select id, title, description, completed, completed_at::text as completed_at, priority::text as priority,
      due_date::text as due_date, created_at::text as created_at, updated_at::text as updated_at
    from tasks where user_id = ${userId} order by id`);
  return rows as Array<Record<string, unknown> & { id: number; title: string; completed_at: string | null; created_at: string }>;
}

async function changeSetRow(id: string) {
  const [row] = await db.select().from(changeSets).where(eq(changeSets.id, id));
  return row;
}

function expectUndone(answer: UndoAnswer): { undone: Undone; text: string } {
  if (!answer.ok) throw new Error(`expected the undo to succeed, it answered ${answer.status}: ${answer.message}`);
  return answer;
}

function expectRefused(answer: UndoAnswer, way: Way, status: number): string {
  if (answer.ok) throw new Error(`expected a refusal, the undo answered: ${answer.undone.summary}`);
  // The MCP tool has no status; its error text is the whole answer.
  if (way !== MCP) expect(answer.status).toBe(status);
  return answer.message;
}

/**
 * Each kind of change: tasks set up beforehand (not part of the change), the change made through
 * a way in, what the undo must say, and what it must have restored or removed.
 */
type Case<S> = {
  name: string;
  setup: (u: User) => Promise<S>;
  change: (way: Way, u: User, s: S) => Promise<{ changeSetId: string; added?: number }>;
  summary: string;
  check: (undone: Undone, s: S, added: number | undefined) => void;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a table of cases with their own setup types
const defineCase = <S,>(c: Case<S>): Case<any> => c;

const CASES = [
  defineCase({
    name: "add",
    setup: async () => ({}),
    async change(way, u) {
      const { id, changeSetId } = await way.add(u, "Water the plants");
      return { changeSetId, added: id };
    },
    summary: "Undone: added “Water the plants”.",
    check(undone, _s, added) {
      expect(undone.removed.map((t) => t.id)).toEqual([added]);
      expect(undone.restored).toEqual([]);
    },
  }),
  defineCase({
    name: "complete",
    setup: (u) => createTask(u.id, { title: "Pay rent" }),
    change: async (way, u, task) => ({ changeSetId: await way.update(u, task.id, { completed: true }) }),
    summary: "Undone: completed “Pay rent”.",
    check: (undone, task) => expect(undone.restored).toEqual([task]),
  }),
  defineCase({
    name: "reopen (completedAt comes back)",
    async setup(u) {
      const task = await setTaskCompleted(u.id, (await createTask(u.id, { title: "File taxes" })).id, true);
      expect(task.completedAt).not.toBeNull();
      return task;
    },
    change: async (way, u, task) => ({ changeSetId: await way.update(u, task.id, { completed: false }) }),
    summary: "Undone: reopened “File taxes”.",
    check: (undone, task) => expect(undone.restored).toEqual([task]),
  }),
  defineCase({
    name: "rename",
    setup: (u) => createTask(u.id, { title: "Call mum" }),
    change: async (way, u, task) => ({ changeSetId: await way.update(u, task.id, { title: "Call mom" }) }),
    summary: "Undone: renamed “Call mum” to “Call mom”.",
    check: (undone, task) => expect(undone.restored).toEqual([task]),
  }),
  defineCase({
    name: "reschedule",
    setup: (u) => createTask(u.id, { title: "Dentist", dueDate: "2030-01-10" }),
    change: async (way, u, task) => ({ changeSetId: await way.update(u, task.id, { dueDate: "2030-02-03" }) }),
    summary: "Undone: moved “Dentist” to 2030-02-03.",
    check: (undone, task) => expect(undone.restored).toEqual([task]),
  }),
  defineCase({
    name: "delete (same id, created_at and completedAt)",
    async setup(u) {
      const created = await createTask(u.id, { title: "Old receipt", description: "shoebox", priority: "high", dueDate: "2030-03-01" });
      return setTaskCompleted(u.id, created.id, true);
    },
    change: async (way, u, task) => ({ changeSetId: await way.remove(u, task.id) }),
    summary: "Undone: deleted “Old receipt”.",
    check: (undone, task) => expect(undone.restored).toEqual([task]),
  }),
  defineCase({
    name: "bulk delete",
    async setup(u) {
      const doomed = [await createTask(u.id, { title: "one" }), await createTask(u.id, { title: "two", dueDate: "2030-05-05" }), await createTask(u.id, { title: "three" })];
      await createTask(u.id, { title: "kept" });
      return doomed;
    },
    change: async (way, u, doomed) => ({ changeSetId: await way.removeMany(u, doomed.map((t) => t.id)) }),
    summary: "Undone: deleted 3 tasks.",
    check: (undone, doomed) => expect([...undone.restored].sort((a, b) => a.id - b.id)).toEqual(doomed),
  }),
];

describe.each(WAYS)("undo through $name", (way) => {
  it.each(CASES)("puts every row back as it was after: $name", async (c) => {
    const u = await signUpUser("undo");
    await createTask(u.id, { title: "Bystander" });
    const s = await c.setup(u);
    const before = await rowsOf(u.id);
    const { changeSetId, added } = await c.change(way, u, s);
    const changed = await rowsOf(u.id);
    expect(changed).not.toEqual(before);

    // The MCP tool's everyday use names no change set: it undoes the most recent one.
    const { undone, text } = expectUndone(await way.undo(u, changeSetId, { latest: way === MCP }));
    expect(undone).toMatchObject({ changeSetId, summary: c.summary, alreadyUndone: false });
    expect(text.startsWith(c.summary)).toBe(true);
    c.check(undone, s, added);
    // Ids, created_at, completed_at and updated_at too, to the microsecond.
    expect(await rowsOf(u.id)).toEqual(before);

    const set = await changeSetRow(changeSetId);
    expect(set?.source).toBe(way.source);
    expect(set?.undoneAt).toBeInstanceOf(Date);

    // A second undo changes nothing and says so.
    const again = expectUndone(await way.undo(u, changeSetId, { latest: way === MCP }));
    expect(again.undone).toEqual({ changeSetId, summary: `Already undone: ${c.summary.replace(/^Undone: /, "").replace(/\.$/, "")}. Nothing else was changed.`, restored: [], removed: [], alreadyUndone: true });
    expect(await rowsOf(u.id)).toEqual(before);
    expect((await changeSetRow(changeSetId))?.undoneAt).toEqual(set?.undoneAt);
  });
});

describe.each(WAYS)("refusals through $name", (way) => {
  it("refuses to undo a completion once the task was renamed, names the task, and changes nothing", async () => {
    const u = await signUpUser("undo-refuse");
    const task = await createTask(u.id, { title: "Pay rent" });
    const completed = await way.update(u, task.id, { completed: true });
    await way.update(u, task.id, { title: "Pay the rent" });
    const before = await rowsOf(u.id);

    const message = expectRefused(await way.undo(u, completed), way, 409);
    expect(message).toBe("Can't undo (completed “Pay rent”): “Pay rent” was changed after that. Nothing was undone.");
    expect(await rowsOf(u.id)).toEqual(before);
    expect((await changeSetRow(completed))?.undoneAt).toBeNull();
  });

  it("refuses to undo an add once the task was deleted", async () => {
    const u = await signUpUser("undo-refuse");
    const { id, changeSetId } = await way.add(u, "Buy stamps");
    await way.remove(u, id);
    const before = await rowsOf(u.id);
    const message = expectRefused(await way.undo(u, changeSetId), way, 409);
    expect(message).toBe("Can't undo (added “Buy stamps”): “Buy stamps” was deleted after that. Nothing was undone.");
    expect(await rowsOf(u.id)).toEqual(before);
  });

  it("undoes nothing of a bulk change when one of its tasks changed since", async () => {
    const u = await signUpUser("undo-refuse");
    const tasks = [await createTask(u.id, { title: "alpha" }), await createTask(u.id, { title: "beta" }), await createTask(u.id, { title: "gamma" })];
    const completed = await way.completeMany(u, tasks.map((t) => t.id));
    await way.update(u, tasks[1]!.id, { priority: "high" });
    const before = await rowsOf(u.id);
    const message = expectRefused(await way.undo(u, completed), way, 409);
    expect(message).toBe("Can't undo (completed 3 tasks): “beta” was changed after that. Nothing was undone.");
    // alpha and gamma, untouched since, stay completed too.
    expect(await rowsOf(u.id)).toEqual(before);
    expect(before.every((r) => r.completed)).toBe(true);
  });
});

describe("another user's change set, unknown and malformed ids", () => {
  let alice: User;
  let bob: User;
  let changeSetId: string;
  let aliceRows: Awaited<ReturnType<typeof rowsOf>>;

  beforeAll(async () => {
    alice = await signUpUser("undo-alice");
    bob = await signUpUser("undo-bob");
    const task = await createTask(alice.id, { title: "Alice's plan" });
    changeSetId = (await removeTask(alice.id, task.id, "ui")).changeSetId;
    await createTask(bob.id, { title: "Bob's own" });
    aliceRows = await rowsOf(alice.id);
  });

  it.each(WAYS)("$name answers not found for Bob and changes nothing", async (way) => {
    const bobRows = await rowsOf(bob.id);
    const message = expectRefused(await way.undo(bob, changeSetId), way, 404);
    expect(message).toBe("That change was not found.");
    expect(await rowsOf(alice.id)).toEqual(aliceRows);
    expect(await rowsOf(bob.id)).toEqual(bobRows);
    expect((await changeSetRow(changeSetId))?.undoneAt).toBeNull();
  });

  it("an unknown id is not found; with nothing to undo, the latest undo says so", async () => {
    expect(await readJson(await undoOverHttp(alice.cookie, "00000000-0000-4000-8000-000000000000"))).toEqual({ error: "not_found", message: "That change was not found." });
    const fresh = await signUpUser("undo-fresh");
    const answer = await (await mcpOf(fresh)).call("undo_last_change", {});
    expect(answer.isError).toBe(true);
    expect(textOf(answer)).toBe("There is nothing to undo yet.");
    // Bob's "undo the latest" is his own latest, never Alice's.
    const bobs = await (await mcpOf(bob)).call("undo_last_change", {});
    expect(textOf(bobs)).toMatch(/^Undone: added “Bob's own”\./);
    expect(await rowsOf(alice.id)).toEqual(aliceRows);
  });

  it.each(["not-a-uuid", "123", "0b5f' or '1'='1", "00000000-0000-4000-8000-00000000000g"])("POST /api/changes/%s/undo is a 400 with a JSON reason", async (id) => {
    const res = await undoOverHttp(alice.cookie, id);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = await readJson(res);
    expect(body).toMatchObject({ error: "validation_error", message: expect.stringContaining("change set id") });
    expect(await rowsOf(alice.id)).toEqual(aliceRows);
  });

  it("the MCP tool refuses a malformed changeSetId as invalid arguments", async () => {
    const answer = await (await mcpOf(alice)).call("undo_last_change", { changeSetId: "not-a-uuid" });
    expect(answer.isError).toBe(true);
    expect(textOf(answer)).toMatch(/changeSetId/);
    expect(await rowsOf(alice.id)).toEqual(aliceRows);
  });

  it("without a session the route is a 401, and nothing changes", async () => {
    const res = await undoOverHttp("", changeSetId);
    expect(res.status).toBe(401);
    expect(await rowsOf(alice.id)).toEqual(aliceRows);
  });
});

describe("several change sets undone as one (a confirmed card's Undo)", () => {
  it("undoes all, newest first, or none when one is refused", async () => {
    const u = await signUpUser("undo-many");
    const a = await createTask(u.id, { title: "Wash car" });
    const b = await createTask(u.id, { title: "Mow lawn" });
    const first = (await changeTask(u.id, a.id, { completed: true }, "chat")).changeSetId;
    const second = (await changeTask(u.id, b.id, { completed: true }, "chat")).changeSetId;
    await changeTask(u.id, a.id, { title: "Wash the car" }, "ui");
    const changed = await rowsOf(u.id);
    await expect(undoChanges(u.id, [second, first])).rejects.toThrow("Can't undo (completed “Wash car”): “Wash car” was changed after that. Nothing was undone.");
    expect(await rowsOf(u.id)).toEqual(changed);
    expect((await changeSetRow(second))?.undoneAt).toBeNull();

    await changeTask(u.id, a.id, { title: "Wash car" }, "ui");
    const c = await signUpUser("undo-many");
    const d = await createTask(c.id, { title: "Fresh" });
    const third = (await changeTask(c.id, d.id, { completed: true }, "ui")).changeSetId;
    // Another user's id among them refuses the lot too.
    await expect(undoChanges(u.id, [second, third])).rejects.toThrow("That change was not found.");
    expect((await changeSetRow(second))?.undoneAt).toBeNull();
  });

  it("undoes every one of them when none is refused", async () => {
    const u = await signUpUser("undo-many");
    const a = await createTask(u.id, { title: "Wash car" });
    const b = await createTask(u.id, { title: "Mow lawn" });
    const before = await rowsOf(u.id);
    const first = (await changeTask(u.id, a.id, { completed: true }, "chat")).changeSetId;
    const second = (await changeTask(u.id, b.id, { title: "Mow the lawn" }, "chat")).changeSetId;
    const undone = await undoChanges(u.id, [second, first]);
    expect(undone.map((x) => x.summary)).toEqual(["Undone: renamed “Mow lawn” to “Mow the lawn”.", "Undone: completed “Wash car”."]);
    expect(await rowsOf(u.id)).toEqual(before);
  });
});

describe("concurrent undos of one change set", () => {
  it("through the service: exactly one restores, the other says already undone", async () => {
    const u = await signUpUser("undo-race");
    const tasks = [await createTask(u.id, { title: "r1" }), await createTask(u.id, { title: "r2" }), await createTask(u.id, { title: "r3" })];
    const before = await rowsOf(u.id);
    const { changeSetId } = await removeTasks(u.id, { ids: tasks.map((t) => t.id) }, "ui", { atomic: true });
    const answers = await Promise.all([undoChange(u.id, changeSetId), undoChange(u.id, changeSetId)]);
    expect(answers.map((a) => a.alreadyUndone).sort()).toEqual([false, true]);
    expect(answers.find((a) => !a.alreadyUndone)?.restored).toHaveLength(3);
    expect(await rowsOf(u.id)).toEqual(before);
  });

  it("over HTTP: both answer 200, one restores, and the rows are back once", async () => {
    const u = await signUpUser("undo-race");
    const task = await createTask(u.id, { title: "Race me" });
    await createTask(u.id, { title: "Bystander" });
    const before = await rowsOf(u.id);
    const { changeSetId } = await removeTask(u.id, task.id, "ui");
    const responses = await Promise.all([undoOverHttp(u.cookie, changeSetId), undoOverHttp(u.cookie, changeSetId)]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    const bodies = await Promise.all(responses.map((r) => readJson(r)));
    expect(bodies.map((b) => b.alreadyUndone).sort()).toEqual([false, true]);
    expect(await rowsOf(u.id)).toEqual(before);
  });
});

describe("sources", () => {
  it("records chat for the assistant's changes, and a chat add is undone like any other", async () => {
    const u = await signUpUser("undo-chat-source");
    const before = await rowsOf(u.id);
    const { status } = await chatkitStream(u.cookie, { type: "threads.create", params: { input: userInput("add water the ferns") } });
    expect(status).toBe(200);
    const [set] = await db.select().from(changeSets).where(eq(changeSets.userId, u.id));
    expect(set).toMatchObject({ source: "chat", undoneAt: null });
    expect(set!.changes).toEqual([{ id: expect.any(Number), before: null, after: expect.objectContaining({ title: "Water the ferns" }) }]);
    expect((await undoChange(u.id)).summary).toBe("Undone: added “Water the ferns”.");
    expect(await rowsOf(u.id)).toEqual(before);
  });

  it("records mcp for an outside client and ui for the app, per change", async () => {
    const u = await signUpUser("undo-sources");
    const viaMcp = await MCP.add(u, "from a client");
    const viaRest = await REST.add(u, "from the app");
    expect((await changeSetRow(viaMcp.changeSetId))?.source).toBe("mcp");
    expect((await changeSetRow(viaRest.changeSetId))?.source).toBe("ui");
  });
});
