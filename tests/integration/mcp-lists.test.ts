import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { ApprovalPolicy } from "@/lib/agent/approvals";
import { listLists } from "@/lib/lists";
import { getTask } from "@/lib/tasks";
import { signUpUser } from "../helpers/auth";
import { connectTaskClient, textOf } from "../helpers/mcp";

/**
 * The MCP tools for lists, labels and repeats (issue 16), through the real MCP SDK client:
 * lists and labels named in words, repeats as phrases, names in every result, and errors that
 * change nothing and say what would work.
 */

type User = Awaited<ReturnType<typeof signUpUser>>;
type Client = Awaited<ReturnType<typeof connectTaskClient>>;
let alice: User;
let bob: User;
let asAlice: Client;
let asBob: Client;

beforeAll(async () => {
  alice = await signUpUser("mcp-lists-alice");
  bob = await signUpUser("mcp-lists-bob");
  asAlice = await connectTaskClient(alice.id);
  asBob = await connectTaskClient(bob.id);
});

afterAll(async () => {
  await asAlice.close();
  await asBob.close();
});

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- structured tool results, read in assertions
const data = (r: { structuredContent?: unknown }) => r.structuredContent as Data;

const fingerprint = async () =>
  (
    await db.execute<{ s: string }>(sql`select
      (select coalesce(string_agg(id || ':' || name || ':' || updated_at, ',' order by id), '') from lists) || '|' ||
      (select coalesce(string_agg(id || ':' || name, ',' order by id), '') from labels) || '|' ||
      (select coalesce(string_agg(id || ':' || list_id || ':' || label_ids::text || ':' || coalesce(recurrence::text, '-') || ':' || updated_at, ',' order by id), '') from tasks) as s`)
  ).rows[0]!.s;

describe("lists over MCP", () => {
  it("list_lists shows the Inbox; create_list adds one; a duplicate is a tool error that changes nothing", async () => {
    const first = await asAlice.call("list_lists");
    expect(data(first).lists).toEqual([expect.objectContaining({ name: "Inbox", isInbox: true })]);
    const made = await asAlice.call("create_list", { name: "Groceries" });
    expect(made.isError).toBeFalsy();
    expect(textOf(made)).toBe("Created the list “Groceries” (0 open tasks).");
    const before = await fingerprint();
    const dup = await asAlice.call("create_list", { name: "groceries" });
    expect(dup.isError).toBe(true);
    expect(textOf(dup)).toMatch(/already have a list named/);
    expect(await fingerprint()).toBe(before);
    expect(data(await asAlice.call("list_lists")).lists.map((l: Data) => l.name)).toEqual(["Inbox", "Groceries"]);
  });

  it("rename_list renames by name; the Inbox and unknown names refuse", async () => {
    await asAlice.call("create_list", { name: "Wrok" });
    const renamed = await asAlice.call("rename_list", { list: "wrok", name: "Work" });
    expect(data(renamed).list.name).toBe("Work");
    const before = await fingerprint();
    const inbox = await asAlice.call("rename_list", { list: "Inbox", name: "Start" });
    expect(inbox.isError).toBe(true);
    expect(textOf(inbox)).toMatch(/cannot be renamed/);
    const unknown = await asAlice.call("rename_list", { list: "Nope", name: "x" });
    expect(textOf(unknown)).toMatch(/There is no list named “Nope”. Your lists: “Inbox”, .*“Work”/);
    expect(await fingerprint()).toBe(before);
  });

  it("another user's lists are not there by name", async () => {
    await asAlice.call("create_list", { name: "Alice private" });
    // Bob's own Inbox, made when he first looks, is not what this checks.
    expect(data(await asBob.call("list_lists")).lists.map((l: Data) => l.name)).toEqual(["Inbox"]);
    const before = await fingerprint();
    const probe = await asBob.call("add_task", { title: "sneak", list: "Alice private" });
    expect(probe.isError).toBe(true);
    expect(textOf(probe)).not.toMatch(/Groceries/);
    const del = await asBob.call("delete_list", { list: "Alice private", tasks: "delete" });
    expect(del.isError).toBe(true);
    expect(await fingerprint()).toBe(before);
  });

  it("delete_list moves its tasks to the Inbox by default, or deletes them undoably", async () => {
    const u = await signUpUser("mcp-lists-delete");
    const c = await connectTaskClient(u.id);
    try {
      await c.call("create_list", { name: "Trip" });
      await c.call("create_list", { name: "Old" });
      const kept = data(await c.call("add_task", { title: "passport", list: "Trip" })).task;
      const gone = data(await c.call("add_task", { title: "old thing", list: "old" })).task;
      const moved = await c.call("delete_list", { list: "trip" });
      expect(textOf(moved)).toBe("Deleted the list “Trip”; its 1 task moved to the Inbox.");
      const inbox = (await listLists(u.id))[0]!;
      expect((await getTask(u.id, kept.id)).listId).toBe(inbox.id);
      const deleted = await c.call("delete_list", { list: "Old", tasks: "delete" });
      expect(data(deleted)).toMatchObject({ deleted: 1, moved: 0, changeSetId: expect.any(String) });
      await expect(getTask(u.id, gone.id)).rejects.toMatchObject({ status: 404 });
      const undone = await c.call("undo_last_change", {});
      expect(textOf(undone)).toMatch(/^Undone: deleted “old thing”\./);
      expect((await getTask(u.id, gone.id)).listId).toBe(inbox.id);
      const inboxDelete = await c.call("delete_list", { list: "Inbox" });
      expect(textOf(inboxDelete)).toMatch(/cannot be deleted/);
    } finally {
      await c.close();
    }
  });
});

describe("tasks with lists, labels and repeats over MCP", () => {
  it("add_task files it by list name, creates unknown labels, reads the repeat phrase, and names them in the result", async () => {
    const added = await asAlice.call("add_task", { title: "Milk", list: "GROCERIES", labels: ["errands", "Errands", "dairy"], repeat: "every monday", dueDate: "2026-12-07" });
    expect(added.isError).toBeFalsy();
    const task = data(added).task;
    expect(task).toMatchObject({ list: "Groceries", labels: ["errands", "dairy"], recurrence: { every: "week", interval: 1, weekdays: [1] }, recurrenceText: "Every Monday" });
    expect(textOf(added)).toBe(`Added #${task.id} “Milk” (due 2026-12-07, in Groceries, labels: errands, dairy, repeats: every monday).`);
    expect(data(await asAlice.call("list_labels")).labels.map((l: Data) => [l.name, l.openCount])).toEqual([
      ["dairy", 1],
      ["errands", 1],
    ]);
  });

  it("refuses an unknown list (listing the user's lists) and an unreadable repeat, writing nothing", async () => {
    const before = await fingerprint();
    const unknown = await asAlice.call("add_task", { title: "x", list: "Hardware" });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toMatch(/There is no list named “Hardware”\. Your lists: “Inbox”, “Groceries”/);
    const badRepeat = await asAlice.call("add_task", { title: "x", repeat: "whenever I feel like it" });
    expect(badRepeat.isError).toBe(true);
    expect(textOf(badRepeat)).toMatch(/not a repeat I understand/);
    const batch = await asAlice.call("add_tasks", { tasks: [{ title: "ok" }, { title: "bad", list: "Hardware" }] });
    expect(batch.isError).toBe(true);
    // A new label named earlier in the batch is not created either.
    const labelled = await asAlice.call("add_tasks", { tasks: [{ title: "ok", labels: ["brand-new-label"] }, { title: "bad", list: "Hardware" }] });
    expect(labelled.isError).toBe(true);
    const badRepeatLater = await asAlice.call("add_tasks", { tasks: [{ title: "ok", labels: ["another-new-label"] }, { title: "bad", repeat: "whenever" }] });
    expect(badRepeatLater.isError).toBe(true);
    expect(await fingerprint()).toBe(before);
  });

  it("update_task moves, relabels and stops a repeat with “never”", async () => {
    const t = data(await asAlice.call("add_task", { title: "Laundry", repeat: "every saturday", labels: ["home"] })).task;
    const updated = await asAlice.call("update_task", { id: t.id, list: "Groceries", labels: [], repeat: "never" });
    expect(data(updated).task).toMatchObject({ list: "Groceries", labels: [], recurrence: null, recurrenceText: null });
    const again = await asAlice.call("update_tasks", { ids: [t.id], changes: { repeat: "every 2 weeks", labels: ["home"] } });
    expect(data(again).results[0].task).toMatchObject({ labels: ["home"], recurrenceText: expect.stringMatching(/^Every other /) });
  });

  it("a change that does not happen leaves none of the labels it named new behind, and never deletes one it did not create", async () => {
    const bobs = data(await asBob.call("add_task", { title: "Bob's errand" })).task;
    const temp = data(await asAlice.call("add_task", { title: "Temp", labels: ["spare"] })).task;
    await asAlice.call("update_task", { id: temp.id, labels: [] }); // "spare" now exists, and no task carries it
    const before = await fingerprint();

    const foreign = await asAlice.call("update_task", { id: bobs.id, labels: ["fresh-a", "spare"] });
    expect(foreign.isError).toBe(true);
    expect(textOf(foreign)).toMatch(/not found/);
    const missing = await asAlice.call("update_task", { id: 2_000_000_000, labels: ["fresh-a"] });
    expect(missing.isError).toBe(true);
    const noneFound = await asAlice.call("update_tasks", { ids: [bobs.id, 2_000_000_000], changes: { labels: ["fresh-b", "spare"] } });
    expect(data(noneFound).results.map((r: Data) => r.ok)).toEqual([false, false]);
    expect(await fingerprint()).toBe(before);

    // A batch that partly happens keeps the new label on the task that has it.
    const mine = data(await asAlice.call("add_task", { title: "Alice's errand" })).task;
    const partly = await asAlice.call("update_tasks", { ids: [mine.id, bobs.id], changes: { labels: ["fresh-c"] } });
    expect(data(partly).results.map((r: Data) => r.ok)).toEqual([true, false]);
    expect(data(partly).results[0].task.labels).toEqual(["fresh-c"]);
    const names = (await db.execute<{ name: string }>(sql`select name from labels where user_id = ${alice.id} order by name`)).rows.map((r) => r.name);
    expect(names).toContain("fresh-c");
    expect(names).toContain("spare");
    expect(names).not.toContain("fresh-a");
    expect(names).not.toContain("fresh-b");
  });

  it("complete_task on a repeating task returns the next occurrence; undo_last_change reverts both", async () => {
    const u = await signUpUser("mcp-lists-repeat");
    const c = await connectTaskClient(u.id, { timeZone: "UTC" });
    try {
      const t = data(await c.call("add_task", { title: "Bins", repeat: "every day", labels: ["chores"] })).task;
      const done = await c.call("complete_task", { id: t.id });
      const { task, next, changeSetId } = data(done);
      expect(task).toMatchObject({ id: t.id, completed: true, recurrence: null });
      expect(next).toMatchObject({ title: "Bins", completed: false, labels: ["chores"], recurrenceText: "Every day" });
      expect(textOf(done)).toMatch(/It repeats, so the next one was added: #\d+ “Bins”/);
      const undone = await c.call("undo_last_change", { changeSetId });
      expect(textOf(undone)).toMatch(/^Undone: completed “Bins” and added its next occurrence/);
      const all = data(await c.call("list_tasks", { status: "all" })).tasks;
      expect(all).toEqual([expect.objectContaining({ id: t.id, completed: false, recurrenceText: "Every day" })]);

      const many = await c.call("complete_tasks", { ids: [t.id] });
      expect(data(many).results[0].next).toMatchObject({ title: "Bins" });
      expect(textOf(many)).toMatch(/Next occurrence added:/);
    } finally {
      await c.close();
    }
  });

  it("list_tasks filters by list and label names; an unknown label is an error naming the labels", async () => {
    const u = await signUpUser("mcp-lists-filter");
    const c = await connectTaskClient(u.id);
    try {
      await c.call("create_list", { name: "Work" });
      await c.call("add_task", { title: "report", list: "work", labels: ["urgent"] });
      await c.call("add_task", { title: "slides", list: "work" });
      await c.call("add_task", { title: "call mum", labels: ["urgent"] });
      const inWork = await c.call("list_tasks", { list: "Work", sort: "title" });
      expect(data(inWork).tasks.map((t: Data) => t.title)).toEqual(["report", "slides"]);
      expect(textOf(inWork)).toMatch(/^2 tasks in Work:/);
      const urgent = await c.call("list_tasks", { label: "URGENT", sort: "title" });
      expect(data(urgent).tasks.map((t: Data) => [t.title, t.list])).toEqual([
        ["call mum", "Inbox"],
        ["report", "Work"],
      ]);
      const unknown = await c.call("list_tasks", { label: "someday" });
      expect(textOf(unknown)).toBe("There is no label named “someday”. Your labels: “urgent”.");
    } finally {
      await c.close();
    }
  });
});

describe("confirmation rule for the list tools", () => {
  it("asks before delete_list, never before list_lists, create_list, rename_list or list_labels", async () => {
    const policy = new ApprovalPolicy();
    expect(await policy.needsApproval("list_lists", {}, "c1")).toBe(false);
    expect(await policy.needsApproval("create_list", { name: "A" }, "c2")).toBe(false);
    expect(await policy.needsApproval("rename_list", { list: "A", name: "B" }, "c3")).toBe(false);
    expect(await policy.needsApproval("list_labels", {}, "c4")).toBe(false);
    expect(await policy.needsApproval("delete_list", { list: "B" }, "c5")).toBe(true);
    expect(await new ApprovalPolicy().needsApproval("delete_list", JSON.stringify({ list: "B", tasks: "move" }), "c6")).toBe(true);
  });
});
