import { describe, expect, it } from "vitest";
import { describeChanges, titleOf, type TaskChange } from "@/lib/tasks/change-summary";
import type { Recurrence } from "@/lib/recurrence";
import type { TaskSnapshot } from "@/lib/tasks/snapshot";

/**
 * The words an undo says ("Undone: completed “Buy milk”.") and a refusal quotes. Snapshots are
 * in the form `to_jsonb(tasks)` writes, which is what change sets store.
 */

let nextId = 1;
function row(fields: Partial<TaskSnapshot> = {}): TaskSnapshot {
  return {
    id: nextId++,
    user_id: "user-1",
    title: "Buy milk",
    description: null,
    completed: false,
    completed_at: null,
    priority: "medium",
    due_date: null,
    created_at: "2026-11-30T10:00:00.123456+00:00",
    updated_at: "2026-11-30T10:00:00.123456+00:00",
    list_id: 1,
    label_ids: [],
    recurrence: null,
    ...fields,
  };
}

const added = (after: TaskSnapshot): TaskChange => ({ id: after.id, before: null, after });
const deleted = (before: TaskSnapshot): TaskChange => ({ id: before.id, before, after: null });
/** An update of `before`: the same row with `fields` changed and a later updated_at. */
function updated(before: TaskSnapshot, fields: Partial<TaskSnapshot>): TaskChange {
  return { id: before.id, before, after: { ...before, updated_at: "2026-11-30T11:00:00+00:00", ...fields } };
}

describe("describeChanges: one task", () => {
  it("names an added and a deleted task by title", () => {
    expect(describeChanges([added(row({ title: "Call mum" }))])).toBe("added “Call mum”");
    expect(describeChanges([deleted(row({ title: "Old receipt" }))])).toBe("deleted “Old receipt”");
  });

  it("says what one edit did", () => {
    const milk = row({ title: "Buy milk" });
    expect(describeChanges([updated(milk, { completed: true, completed_at: "2026-11-30T11:00:00+00:00" })])).toBe("completed “Buy milk”");
    expect(describeChanges([updated(row({ completed: true }), { completed: false, completed_at: null })])).toBe("reopened “Buy milk”");
    expect(describeChanges([updated(milk, { title: "Buy oat milk" })])).toBe("renamed “Buy milk” to “Buy oat milk”");
    expect(describeChanges([updated(milk, { due_date: "2026-12-24" })])).toBe("moved “Buy milk” to 2026-12-24");
    expect(describeChanges([updated(row({ due_date: "2026-12-24" }), { due_date: null })])).toBe("removed the due date of “Buy milk”");
    expect(describeChanges([updated(milk, { priority: "high" })])).toBe("set “Buy milk” to high priority");
    expect(describeChanges([updated(milk, { description: "semi-skimmed" })])).toBe("edited the notes of “Buy milk”");
  });

  it("calls an edit of several fields, or of none, a change, naming the task as the edit left it", () => {
    const milk = row({ title: "Buy milk" });
    expect(describeChanges([updated(milk, { title: "Buy oat milk", priority: "high" })])).toBe("changed “Buy oat milk”");
    expect(describeChanges([updated(milk, {})])).toBe("changed “Buy milk”");
  });

  it("keeps titles exactly as written, quotes and Markdown included", () => {
    const titles = ["#12 “x”", "**bold**", "[link](http://x)", "`code`", "# heading", "a_b_c", `say "hi" it's`];
    for (const title of titles) {
      expect(describeChanges([added(row({ title }))])).toBe(`added “${title}”`);
      expect(describeChanges([updated(row({ title: "before" }), { title })])).toBe(`renamed “before” to “${title}”`);
    }
  });
});

describe("describeChanges: several tasks", () => {
  it("counts tasks of one kind", () => {
    expect(describeChanges([added(row()), added(row()), added(row())])).toBe("added 3 tasks");
    expect(describeChanges([deleted(row()), deleted(row())])).toBe("deleted 2 tasks");
    const done = { completed: true, completed_at: "2026-11-30T11:00:00+00:00" };
    expect(describeChanges([updated(row(), done), updated(row(), done)])).toBe("completed 2 tasks");
    expect(describeChanges([updated(row({ completed: true }), { completed: false }), updated(row({ completed: true }), { completed: false })])).toBe("reopened 2 tasks");
  });

  it("lets an entry that changed nothing (completing a done task) not decide the kind", () => {
    const done = { completed: true, completed_at: "2026-11-30T11:00:00+00:00" };
    const alreadyDone = row({ completed: true, completed_at: "2026-11-29T09:00:00+00:00" });
    expect(describeChanges([updated(row(), done), updated(alreadyDone, {})])).toBe("completed 2 tasks");
    expect(describeChanges([updated(alreadyDone, {}), updated(alreadyDone, {})])).toBe("changed 2 tasks");
  });

  it("calls mixed kinds, renames and reschedules “changed”", () => {
    expect(describeChanges([added(row()), deleted(row())])).toBe("changed 2 tasks");
    expect(describeChanges([updated(row(), { completed: true }), updated(row({ completed: true }), { completed: false })])).toBe("changed 2 tasks");
    expect(describeChanges([updated(row(), { due_date: "2026-12-01" }), updated(row(), { due_date: "2026-12-01" })])).toBe("changed 2 tasks");
    // Completing and renaming in one change is not just a completion.
    expect(describeChanges([updated(row(), { completed: true, title: "x" }), updated(row(), { completed: true })])).toBe("changed 2 tasks");
  });
});

describe("titleOf", () => {
  it("is the title the change left, or the title before a delete", () => {
    const milk = row({ title: "Buy milk" });
    expect(titleOf(updated(milk, { title: "Buy oat milk" }))).toBe("Buy oat milk");
    expect(titleOf(deleted(milk))).toBe("Buy milk");
    expect(titleOf(added(row({ title: "New" })))).toBe("New");
  });
});

describe("describeChanges: lists, labels and repeats (issue 16)", () => {
  const weekly: Recurrence = { every: "week", interval: 1, weekdays: [1] };
  const done = { completed: true, completed_at: "2026-11-30T11:00:00+00:00", recurrence: null };

  it("says a move, a relabel, a new rule and a stopped one", () => {
    const milk = row({ title: "Buy milk" });
    expect(describeChanges([updated(milk, { list_id: 2 })])).toBe("moved “Buy milk” to another list");
    expect(describeChanges([updated(milk, { label_ids: [3] })])).toBe("changed the labels of “Buy milk”");
    expect(describeChanges([updated(milk, { recurrence: weekly })])).toBe("made “Buy milk” repeat");
    expect(describeChanges([updated(row({ recurrence: weekly }), { recurrence: null })])).toBe("stopped “Buy milk” repeating");
  });

  it("calls completing a repeating task a completion that added its next occurrence", () => {
    const plants = row({ title: "Water plants", recurrence: weekly, due_date: "2026-11-30" });
    const next = row({ title: "Water plants", recurrence: weekly, due_date: "2026-12-07" });
    expect(describeChanges([updated(plants, done), added(next)])).toBe("completed “Water plants” and added its next occurrence, due 2026-12-07");
    const other = row({ title: "Bins", recurrence: weekly });
    expect(describeChanges([updated(plants, done), updated(other, done), added(next), added(row({ title: "Bins", recurrence: weekly }))])).toBe(
      "completed 2 tasks and added their next occurrences",
    );
    // An add of a repeating task that nothing completed is just an add.
    expect(describeChanges([added(row({ title: "Water plants", recurrence: weekly }))])).toBe("added “Water plants”");
  });
});
