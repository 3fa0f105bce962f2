import { beforeAll, describe, expect, it } from "vitest";
import { NotFoundError, ValidationError } from "@/lib/errors";
import {
  completeTasks,
  createTask,
  deleteTask,
  deleteTasks,
  getTask,
  listTasks,
  setTaskCompleted,
  taskStats,
  updateTask,
  upcomingTasks,
  type Task,
} from "@/lib/tasks";
import { signUpUser } from "../helpers/auth";

const TODAY = "2030-06-15";
let userId: string;
let otherId: string;

beforeAll(async () => {
  userId = (await signUpUser("svc")).id;
  otherId = (await signUpUser("svc-other")).id;
});

describe("create, get, update, complete, delete", () => {
  it("trims the title, defaults the priority, and round-trips every field", async () => {
    const task = await createTask(userId, { title: "  Write report ", description: "Q3 numbers", dueDate: "2030-06-20" });
    expect(task).toMatchObject({ title: "Write report", description: "Q3 numbers", priority: "medium", dueDate: "2030-06-20", completed: false, completedAt: null });
    expect(await getTask(userId, task.id)).toEqual(task);
  });

  it("updates only the fields given and can clear optional ones", async () => {
    const task = await createTask(userId, { title: "Draft", description: "notes", priority: "low", dueDate: "2030-06-01" });
    const updated = await updateTask(userId, task.id, { title: "Final", dueDate: null, description: "" });
    expect(updated).toMatchObject({ title: "Final", dueDate: null, description: null, priority: "low" });
    expect(new Date(updated.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(task.updatedAt).getTime());
  });

  it("sets completed_at on completion, keeps it when completed again, clears it on un-completion", async () => {
    const task = await createTask(userId, { title: "Toggle me" });
    const done = await setTaskCompleted(userId, task.id, true);
    expect(done.completedAt).not.toBeNull();
    const again = await setTaskCompleted(userId, task.id, true);
    expect(again.completedAt).toBe(done.completedAt);
    const undone = await setTaskCompleted(userId, task.id, false);
    expect(undone).toMatchObject({ completed: false, completedAt: null });
  });

  it("deletes and then reports not found", async () => {
    const task = await createTask(userId, { title: "Ephemeral" });
    expect((await deleteTask(userId, task.id)).id).toBe(task.id);
    await expect(getTask(userId, task.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteTask(userId, task.id)).rejects.toThrow(`Task ${task.id} not found.`);
  });

  it("raises typed validation errors naming the field", async () => {
    await expect(createTask(userId, { title: "" })).rejects.toMatchObject({ fields: { title: "The title cannot be empty." } });
    await expect(createTask(userId, { title: "x", dueDate: "2030-13-01" })).rejects.toBeInstanceOf(ValidationError);
    await expect(updateTask(userId, 1, {})).rejects.toMatchObject({ fields: { body: "Nothing to change: send at least one field." } });
    await expect(getTask(userId, "12")).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("scoping", () => {
  it("treats another user's task exactly like a missing one", async () => {
    const mine = await createTask(userId, { title: "Mine only" });
    for (const attempt of [
      () => getTask(otherId, mine.id),
      () => updateTask(otherId, mine.id, { title: "stolen" }),
      () => setTaskCompleted(otherId, mine.id),
      () => deleteTask(otherId, mine.id),
    ]) {
      await expect(attempt()).rejects.toThrow(`Task ${mine.id} not found.`);
    }
    expect((await listTasks(otherId, { q: "Mine only" })).tasks).toEqual([]);
    expect(await getTask(userId, mine.id)).toMatchObject({ title: "Mine only", completed: false });
  });
});

describe("bulk", () => {
  it("completes and deletes several tasks at once", async () => {
    const a = await createTask(userId, { title: "bulk a" });
    const b = await createTask(userId, { title: "bulk b" });
    const done = await completeTasks(userId, { ids: [a.id, b.id, a.id] });
    expect(done.map((t) => t.completed)).toEqual([true, true]);
    expect((await deleteTasks(userId, { ids: [a.id, b.id] })).map((t) => t.id).sort()).toEqual([a.id, b.id].sort());
    await expect(getTask(userId, a.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("changes nothing when any id is someone else's", async () => {
    const mine = await createTask(userId, { title: "bulk mine" });
    const theirs = await createTask(otherId, { title: "bulk theirs" });
    await expect(deleteTasks(userId, { ids: [mine.id, theirs.id] })).rejects.toThrow(`Task ${theirs.id} not found. Nothing was changed.`);
    await expect(completeTasks(userId, { ids: [mine.id, theirs.id] })).rejects.toBeInstanceOf(NotFoundError);
    expect(await getTask(userId, mine.id)).toMatchObject({ completed: false });
    expect(await getTask(otherId, theirs.id)).toMatchObject({ completed: false });
  });

  it("validates the id list", async () => {
    await expect(deleteTasks(userId, { ids: [] })).rejects.toBeInstanceOf(ValidationError);
    await expect(deleteTasks(userId, { ids: Array.from({ length: 101 }, (_, i) => i + 1) })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("listing", () => {
  let listUser: string;
  const made: Record<string, Task> = {};

  beforeAll(async () => {
    listUser = (await signUpUser("list")).id;
    const specs = [
      { title: "Alpha report", priority: "high", dueDate: "2030-06-10" }, // overdue
      { title: "beta groceries", description: "milk and eggs", priority: "low", dueDate: "2030-06-15" }, // due today
      { title: "Gamma call", priority: "medium", dueDate: "2030-06-20" },
      { title: "delta no date", priority: "high" },
      { title: "Epsilon done", priority: "low", dueDate: "2030-06-01" },
      { title: "100% sure_thing", priority: "medium" },
    ] as const;
    for (const spec of specs) made[spec.title] = await createTask(listUser, spec);
    await setTaskCompleted(listUser, made["Epsilon done"]!.id);
  });

  const titles = async (opts: Record<string, unknown>) => (await listTasks(listUser, { today: TODAY, ...opts })).tasks.map((t) => t.title);

  it("filters by status", async () => {
    expect(await titles({ status: "completed" })).toEqual(["Epsilon done"]);
    expect(await titles({ status: "overdue" })).toEqual(["Alpha report"]);
    expect((await titles({ status: "active" })).sort()).toEqual(["100% sure_thing", "Alpha report", "Gamma call", "beta groceries", "delta no date"]);
    expect(await titles({ status: "all" })).toHaveLength(6);
  });

  it("searches title and description, case-insensitively, with LIKE characters taken literally", async () => {
    expect(await titles({ q: "MILK" })).toEqual(["beta groceries"]);
    expect(await titles({ q: "report" })).toEqual(["Alpha report"]);
    expect(await titles({ q: "100%" })).toEqual(["100% sure_thing"]);
    expect(await titles({ q: "_" })).toEqual(["100% sure_thing"]);
    expect(await titles({ q: "%" })).toEqual(["100% sure_thing"]);
  });

  it("sorts by each key in both directions, undated tasks last", async () => {
    expect((await titles({ sort: "due" })).slice(0, 4)).toEqual(["Epsilon done", "Alpha report", "beta groceries", "Gamma call"]);
    expect((await titles({ sort: "due", order: "desc" })).slice(0, 4)).toEqual(["Gamma call", "beta groceries", "Alpha report", "Epsilon done"]);
    expect((await titles({ sort: "due", order: "desc" })).slice(4).sort()).toEqual(["100% sure_thing", "delta no date"]);
    expect(await titles({ sort: "title" })).toEqual(["100% sure_thing", "Alpha report", "beta groceries", "delta no date", "Epsilon done", "Gamma call"]);
    expect(await titles({ sort: "title", order: "desc" })).toEqual(["Gamma call", "Epsilon done", "delta no date", "beta groceries", "Alpha report", "100% sure_thing"]);
    expect((await titles({ sort: "priority" })).slice(0, 2).sort()).toEqual(["Alpha report", "delta no date"]);
    expect((await titles({ sort: "priority", order: "asc" })).slice(0, 2).sort()).toEqual(["Epsilon done", "beta groceries"]);
    expect(await titles({ sort: "created" })).toEqual(Object.keys(made).reverse());
  });

  it.each([
    ["created", "desc"],
    ["created", "asc"],
    ["due", "asc"],
    ["due", "desc"],
    ["priority", "desc"],
    ["priority", "asc"],
    ["title", "asc"],
    ["title", "desc"],
  ])("pages through sort=%s order=%s with cursors, matching the unpaged order", async (sort, order) => {
    const all = (await listTasks(listUser, { sort, order, limit: 100 })).tasks.map((t) => t.id);
    const seen: number[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await listTasks(listUser, { sort, order, limit: 2, cursor });
      seen.push(...page.tasks.map((t) => t.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(all);
  });

  it("rejects a cursor from a different sort, or a tampered one", async () => {
    const { nextCursor } = await listTasks(listUser, { sort: "title", limit: 1 });
    await expect(listTasks(listUser, { sort: "due", cursor: nextCursor! })).rejects.toBeInstanceOf(ValidationError);
    const tampered = Buffer.from(JSON.stringify({ s: "due", o: "asc", v: "not-a-date", id: 1 })).toString("base64url");
    await expect(listTasks(listUser, { sort: "due", cursor: tampered })).rejects.toBeInstanceOf(ValidationError);
  });

  it("rejects bad list options", async () => {
    for (const bad of [{ status: "pending" }, { sort: "random" }, { limit: 0 }, { limit: 101 }, { order: "up" }, { q: "x".repeat(201) }, { colour: "red" }]) {
      await expect(listTasks(listUser, bad), JSON.stringify(bad)).rejects.toBeInstanceOf(ValidationError);
    }
  });

  it("counts for the dashboard, relative to the user's today", async () => {
    expect(await taskStats(listUser, TODAY)).toEqual({ total: 6, active: 5, completed: 1, overdue: 1, dueToday: 1 });
    expect(await taskStats(listUser, "2030-06-20")).toMatchObject({ overdue: 2, dueToday: 1 });
  });

  it("lists the next open tasks by due date", async () => {
    expect((await upcomingTasks(listUser, 3)).map((t) => t.title)).toEqual(["Alpha report", "beta groceries", "Gamma call"]);
  });
});
