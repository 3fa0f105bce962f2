import { describe, expect, it } from "vitest";
import { judge, type JudgedTask } from "@/eval/judge";
import type { Expectation } from "@/eval/scenarios";

/** The eval's judge on hand-made evidence: each kind of expectation passes when met and fails, saying why, when not. */
const today = "2026-11-27"; // a Friday
const task = (title: string, fields: Partial<JudgedTask> = {}): JudgedTask => ({ title, description: null, priority: "medium", dueDate: null, completed: false, ...fields });
const evidence = (after: JudgedTask[], before: JudgedTask[] = [], lastReply = "") => ({ today, before, after, lastReply });
const run = (expect: Expectation, after: JudgedTask[], before: JudgedTask[] = [], reply = "") => judge(expect, evidence(after, before, reply));

describe("eval judge", () => {
  it("titles: the exact set, case-insensitive unless exactTitles", () => {
    expect(run({ titles: ["buy milk", "Call Mum"] }, [task("Call mum"), task("Buy milk")])).toEqual([]);
    expect(run({ titles: ["Buy milk"] }, [task("Buy milk"), task("Buy milk")])).toEqual(['titles: expected ["Buy milk"], got ["Buy milk", "Buy milk"]']);
    expect(run({ titles: ["read *Dune*"], exactTitles: true }, [task("Read *Dune*")])).toEqual(['titles: expected ["read *Dune*"], got ["Read *Dune*"]']);
    expect(run({ titles: ["Fix the \"login\" bug"], exactTitles: true }, [task("Fix the \"login\" bug")])).toEqual([]);
  });

  it("tasks: one match by title or part of it, with its fields; a date may be any of several", () => {
    const after = [task("Dentist at 3pm", { dueDate: "2026-11-28", priority: "high" }), task("Buy milk", { completed: true })];
    expect(run({ tasks: [{ titleContains: "dentist", dueDate: "tomorrow", priority: "high" }, { title: "buy milk", completed: true }] }, after)).toEqual([]);
    expect(run({ tasks: [{ titleContains: "dentist", dueDate: ["next:friday", "+2d"] }] }, after)).toEqual(['task a title containing "dentist": expected due 2026-12-04 or 2026-11-29, is 2026-11-28']);
    expect(run({ tasks: [{ title: "Buy milk", completed: false, priority: "low" }] }, after)).toEqual(['task "Buy milk": expected open, is done', 'task "Buy milk": expected priority low, is medium']);
    expect(run({ tasks: [{ titleContains: "i" }] }, after)).toEqual([expect.stringMatching(/^task a title containing "i": expected one such task, found 2: /)]);
    expect(run({ tasks: [{ title: "Dentist", dueDate: null }] }, after)).toEqual([expect.stringMatching(/expected one such task, found 0/)]);
  });

  it("unchanged: every field as before, in any order", () => {
    const before = [task("A", { dueDate: "2026-11-27" }), task("B")];
    expect(run({ unchanged: true }, [task("B"), task("A", { dueDate: "2026-11-27" })], before)).toEqual([]);
    expect(run({ unchanged: true }, [task("B"), task("A", { dueDate: "2026-11-28" })], before)).toEqual(['unchanged: expected "A" due 2026-11-27, "B"; got "B", "A" due 2026-11-28']);
    expect(run({ unchanged: true }, [task("A", { dueDate: "2026-11-27" })], before)).toHaveLength(1);
  });

  it("counts of all, open and completed tasks", () => {
    const after = [task("A", { completed: true }), task("B")];
    expect(run({ count: 2, openCount: 1, completedCount: 1 }, after)).toEqual([]);
    expect(run({ count: 3, completedCount: 2 }, after)).toEqual(['count: expected 3, got 2 ("A" done, "B")', 'completedCount: expected 2, got 1 ("A" done, "B")']);
  });

  it("reply: mentions these titles and not those, case-insensitively", () => {
    const reply = "You have 2 tasks due today:\n1. Pay rent\n2. call the plumber";
    expect(run({ reply: { contains: ["pay rent", "Call the plumber"], notContains: ["Walk the dog"] } }, [], [], reply)).toEqual([]);
    expect(run({ reply: { contains: ["Walk the dog"], notContains: ["Pay rent"] } }, [], [], reply)).toEqual([
      `reply: expected it to mention "Walk the dog"; it said ${JSON.stringify(reply)}`,
      `reply: expected it not to mention "Pay rent"; it said ${JSON.stringify(reply)}`,
    ]);
  });
  it("lists, labels and repeats (issue 16): a task's list, its exact labels, its rule in words or none; the user's list and label names", () => {
    const after = [task("Milk", { list: "Groceries", labels: ["errands", "Town"], repeats: null }), task("Gym", { list: "Inbox", labels: [], repeats: "Every Monday" })];
    const evidenceWith = { today, before: [], after, lastReply: "", lists: ["Groceries"], labels: ["errands", "town"] };
    expect(judge({ tasks: [{ title: "Milk", list: "groceries", labels: ["town", "errands"], repeats: false }, { title: "Gym", list: "Inbox", labels: [], repeats: "every monday" }], lists: ["groceries"], labels: ["Town", "errands"] }, evidenceWith)).toEqual([]);
    expect(judge({ tasks: [{ title: "Milk", list: "Work", labels: ["errands"], repeats: "Every day" }], lists: [], labels: ["errands"] }, evidenceWith)).toEqual([
      'task "Milk": expected in list "Work", is in "Groceries"',
      'task "Milk": expected labels ["errands"], has ["errands", "Town"]',
      'task "Milk": expected to repeat "Every day", does not repeat',
      'lists: expected [], got ["Groceries"]',
      'labels: expected ["errands"], got ["errands", "town"]',
    ]);
    expect(judge({ tasks: [{ title: "Gym", repeats: false }] }, evidenceWith)).toEqual(['task "Gym": expected no repeat, repeats "Every Monday"']);
    // "unchanged" sees a task moved to another list, relabelled or made to repeat.
    expect(run({ unchanged: true }, [task("A", { list: "Work" })], [task("A", { list: "Inbox" })])).toHaveLength(1);
    expect(run({ unchanged: true }, [task("A", { labels: ["b", "a"] })], [task("A", { labels: ["a", "b"] })])).toEqual([]);
  });
});
