import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { tasks } from "@/db/schema";
import { signUpUser } from "../helpers/auth";
import { connectTaskClient, textOf } from "../helpers/mcp";

let alice: Awaited<ReturnType<typeof signUpUser>>;
let bob: Awaited<ReturnType<typeof signUpUser>>;
let asAlice: Awaited<ReturnType<typeof connectTaskClient>>;
let asBob: Awaited<ReturnType<typeof connectTaskClient>>;

beforeAll(async () => {
  alice = await signUpUser("mcp-alice");
  bob = await signUpUser("mcp-bob");
  asAlice = await connectTaskClient(alice.id);
  asBob = await connectTaskClient(bob.id);
});
afterAll(async () => {
  await asAlice.close();
  await asBob.close();
});

const rowsOf = (userId: string) => db.select().from(tasks).where(eq(tasks.userId, userId));

describe("tool catalogue", () => {
  it("lists the fifteen tools with schemas, annotations and no user id anywhere", async () => {
    const { tools } = await asAlice.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      "add_task",
      "add_tasks",
      "complete_task",
      "complete_tasks",
      "create_list",
      "delete_list",
      "delete_task",
      "delete_tasks",
      "list_labels",
      "list_lists",
      "list_tasks",
      "rename_list",
      "undo_last_change",
      "update_task",
      "update_tasks",
    ]);
    for (const tool of tools) {
      expect(tool.description?.length).toBeGreaterThan(20);
      expect(tool.inputSchema.type).toBe("object");
      expect(tool.outputSchema?.type).toBe("object");
      expect(JSON.stringify(tool.inputSchema)).not.toMatch(/user_?id/i);
      expect(tool.annotations).toMatchObject({ readOnlyHint: expect.any(Boolean), destructiveHint: expect.any(Boolean) });
    }
    const byName = Object.fromEntries(tools.map((t) => [t.name, t.annotations]));
    expect(byName.list_tasks).toMatchObject({ readOnlyHint: true, destructiveHint: false });
    expect(byName.delete_task).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(byName.add_task).toMatchObject({ readOnlyHint: false, destructiveHint: false });
    expect(byName.delete_tasks).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(byName.undo_last_change).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: true });
  });
});

describe("happy paths", () => {
  it("adds, lists, completes, updates and deletes a task, checked in the database", async () => {
    const added = await asAlice.call("add_task", { title: "  Buy milk  ", priority: "high", dueDate: "2030-01-15" });
    expect(added.isError).toBeFalsy();
    const task = (added.structuredContent as { task: { id: number } }).task;
    expect(textOf(added)).toBe(`Added #${task.id} “Buy milk” (due 2030-01-15, high priority).`);
    // Clients that ignore structuredContent get it as JSON text too, as the MCP spec advises.
    expect(added.content).toHaveLength(2);
    expect(JSON.parse((added.content[1] as { text: string }).text)).toEqual(added.structuredContent);
    let [row] = await db.select().from(tasks).where(eq(tasks.id, task.id));
    expect(row).toMatchObject({ userId: alice.id, title: "Buy milk", priority: "high", dueDate: "2030-01-15", completed: false });

    const listed = await asAlice.call("list_tasks", { status: "active", search: "milk" });
    expect(listed.structuredContent).toMatchObject({ tasks: [{ id: task.id, title: "Buy milk" }], nextCursor: null });
    expect(textOf(listed)).toContain(`1 open task matching “milk”:\n- #${task.id} “Buy milk”`);

    const done = await asAlice.call("complete_task", { id: task.id });
    expect(textOf(done)).toBe(`Marked #${task.id} “Buy milk” (done, due 2030-01-15, high priority) as done.`);
    [row] = await db.select().from(tasks).where(eq(tasks.id, task.id));
    expect(row?.completed).toBe(true);
    expect(row?.completedAt).toBeInstanceOf(Date);

    const updated = await asAlice.call("update_task", { id: task.id, title: "Buy oat milk", dueDate: null, completed: false });
    expect(updated.isError).toBeFalsy();
    [row] = await db.select().from(tasks).where(eq(tasks.id, task.id));
    expect(row).toMatchObject({ title: "Buy oat milk", dueDate: null, completed: false, completedAt: null });

    const deleted = await asAlice.call("delete_task", { id: task.id });
    expect(textOf(deleted)).toBe(`Deleted #${task.id} “Buy oat milk” (high priority).`);
    expect(await db.select().from(tasks).where(eq(tasks.id, task.id))).toHaveLength(0);
  });

  it("says so when there is nothing to list", async () => {
    const res = await asAlice.call("list_tasks", { search: "no-such-thing-anywhere" });
    expect(textOf(res)).toBe("No tasks matching “no-such-thing-anywhere”.");
    expect(res.structuredContent).toEqual({ tasks: [], nextCursor: null });
  });

  it("pages with nextCursor", async () => {
    for (const title of ["page a", "page b", "page c"]) await asAlice.call("add_task", { title });
    const first = await asAlice.call("list_tasks", { search: "page ", limit: 2, sort: "title" });
    const page1 = first.structuredContent as { tasks: { title: string }[]; nextCursor: string };
    expect(page1.tasks.map((t) => t.title)).toEqual(["page a", "page b"]);
    const second = await asAlice.call("list_tasks", { search: "page ", limit: 2, sort: "title", cursor: page1.nextCursor });
    expect((second.structuredContent as { tasks: { title: string }[] }).tasks.map((t) => t.title)).toEqual(["page c"]);
  });
});

describe("validation errors come back as tool errors and write nothing", () => {
  const cases: Array<[string, string, Record<string, unknown>]> = [
    ["add_task without a title", "add_task", {}],
    ["add_task with an empty title", "add_task", { title: "" }],
    ["add_task with a blank title", "add_task", { title: "    " }],
    ["add_task with a 201-char title", "add_task", { title: "x".repeat(201) }],
    ["add_task with a numeric title", "add_task", { title: 42 }],
    ["add_task with a 2001-char description", "add_task", { title: "ok", description: "d".repeat(2001) }],
    ["add_task with an unknown priority", "add_task", { title: "ok", priority: "urgent" }],
    ["add_task with a non-ISO date", "add_task", { title: "ok", dueDate: "tomorrow" }],
    ["add_task with an impossible date", "add_task", { title: "ok", dueDate: "2026-02-30" }],
    ["add_task with an unknown field", "add_task", { title: "ok", userId: "someone-else" }],
    ["complete_task with a string id", "complete_task", { id: "1" }],
    ["complete_task with a negative id", "complete_task", { id: -3 }],
    ["complete_task with a fractional id", "complete_task", { id: 1.5 }],
    ["complete_task without an id", "complete_task", {}],
    ["update_task with nothing to change", "update_task", { id: 1 }],
    ["update_task with an empty title", "update_task", { id: 1, title: "" }],
    ["update_task with a bad date", "update_task", { id: 1, dueDate: "31/12/2026" }],
    ["delete_task with an id too large", "delete_task", { id: 99999999999 }],
    ["list_tasks with an unknown status", "list_tasks", { status: "pending" }],
    ["list_tasks with a limit over 100", "list_tasks", { limit: 101 }],
    ["list_tasks with a forged cursor", "list_tasks", { cursor: "not-a-cursor" }],
  ];

  it.each(cases)("%s", async (_label, tool, args) => {
    const before = (await rowsOf(alice.id)).map((r) => `${r.id}:${r.title}:${r.updatedAt.toISOString()}`).sort();
    const res = await asAlice.call(tool, args);
    expect(res.isError).toBe(true);
    expect(textOf(res).length).toBeGreaterThan(5);
    const after = (await rowsOf(alice.id)).map((r) => `${r.id}:${r.title}:${r.updatedAt.toISOString()}`).sort();
    expect(after).toEqual(before);
  });

  it("reports a missing task by id", async () => {
    const res = await asAlice.call("complete_task", { id: 2_000_000_000 });
    expect(res.isError).toBe(true);
    expect(textOf(res)).toBe("Task 2000000000 not found.");
  });
});

describe("isolation: a server bound to Bob", () => {
  it("cannot see, change or delete Alice's task", async () => {
    const added = await asAlice.call("add_task", { title: "Alice's secret plan", description: "hidden" });
    const id = (added.structuredContent as { task: { id: number } }).task.id;

    const listed = await asBob.call("list_tasks", { search: "secret" });
    expect(listed.structuredContent).toEqual({ tasks: [], nextCursor: null });
    expect(textOf(listed)).not.toContain("Alice");

    for (const [tool, args] of [
      ["complete_task", { id }],
      ["update_task", { id, title: "pwned" }],
      ["delete_task", { id }],
    ] as const) {
      const res = await asBob.call(tool, args);
      expect(res.isError, tool).toBe(true);
      expect(textOf(res)).toBe(`Task ${id} not found.`);
      expect(JSON.stringify(res)).not.toContain("secret");
    }

    const [row] = await db.select().from(tasks).where(eq(tasks.id, id));
    expect(row).toMatchObject({ userId: alice.id, title: "Alice's secret plan", completed: false });
  });
});
