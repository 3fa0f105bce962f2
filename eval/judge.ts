import type { Task } from "@/lib/tasks/schemas";
import { resolveDueDate } from "./dates";
import type { Expectation, TaskExpectation } from "./scenarios";

/**
 * Judges a finished conversation by the user's tasks and the last reply. Returns what
 * differed from the expectation, one line each, expected before actual; none means it passed.
 */

/** A task as judged: its fields, and (when the run read them) its list's name, label names and rule in words. */
export type JudgedTask = Pick<Task, "title" | "description" | "priority" | "dueDate" | "completed"> & { list?: string; labels?: string[]; repeats?: string | null };
/** `lists` (besides the Inbox) and `labels` are the user's names after the run. */
export type Evidence = { today: string; before: JudgedTask[]; after: JudgedTask[]; lastReply: string; lists?: string[]; labels?: string[] };

const fold = (s: string) => s.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();
const quote = (s: string) => JSON.stringify(s);
const show = (t: JudgedTask) =>
  `${quote(t.title)}${t.completed ? " done" : ""}${t.dueDate ? ` due ${t.dueDate}` : ""}${t.priority !== "medium" ? ` ${t.priority}` : ""}` +
  `${t.list && t.list !== "Inbox" ? ` in ${t.list}` : ""}${t.labels?.length ? ` @${t.labels.join(" @")}` : ""}${t.repeats ? ` (${t.repeats})` : ""}`;
const sameNames = (a: string[], b: string[]) => sameTitles(a, b, false);
const showList = (tasks: JudgedTask[]) => (tasks.length ? tasks.map(show).join(", ") : "(no tasks)");

function sameTitles(expected: string[], actual: string[], exact: boolean): boolean {
  const key = exact ? (s: string) => s : fold;
  const a = expected.map(key).sort();
  const b = actual.map(key).sort();
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

function checkTask(want: TaskExpectation, tasks: JudgedTask[], today: string): string[] {
  const name = want.title !== undefined ? quote(want.title) : `a title containing ${quote(want.titleContains!)}`;
  const found = tasks.filter((t) => (want.title !== undefined ? fold(t.title) === fold(want.title) : fold(t.title).includes(fold(want.titleContains!))));
  if (found.length !== 1) return [`task ${name}: expected one such task, found ${found.length}: ${showList(tasks)}`];
  const task = found[0]!;
  const diffs: string[] = [];
  if (want.completed !== undefined && task.completed !== want.completed) diffs.push(`task ${name}: expected ${want.completed ? "done" : "open"}, is ${task.completed ? "done" : "open"}`);
  if (want.priority !== undefined && task.priority !== want.priority) diffs.push(`task ${name}: expected priority ${want.priority}, is ${task.priority}`);
  if (want.dueDate !== undefined) {
    const allowed = resolveDueDate(want.dueDate, today);
    if (!allowed.includes(task.dueDate)) diffs.push(`task ${name}: expected due ${allowed.map((d) => d ?? "none").join(" or ")}, is ${task.dueDate ?? "none"}`);
  }
  if (want.list !== undefined && fold(task.list ?? "") !== fold(want.list)) diffs.push(`task ${name}: expected in list ${quote(want.list)}, is in ${quote(task.list ?? "?")}`);
  if (want.labels !== undefined && !sameNames(want.labels, task.labels ?? []))
    diffs.push(`task ${name}: expected labels [${want.labels.map(quote).join(", ")}], has [${(task.labels ?? []).map(quote).join(", ")}]`);
  if (want.repeats !== undefined) {
    const is = task.repeats ?? null;
    if (want.repeats === false ? is !== null : fold(is ?? "") !== fold(want.repeats)) diffs.push(`task ${name}: expected ${want.repeats === false ? "no repeat" : `to repeat ${quote(want.repeats)}`}, ${is ? `repeats ${quote(is)}` : "does not repeat"}`);
  }
  return diffs;
}

const snapshot = (t: JudgedTask) => JSON.stringify([t.title, t.description ?? null, t.priority, t.dueDate, t.completed, t.list ?? null, [...(t.labels ?? [])].sort(), t.repeats ?? null]);

export function judge(expect: Expectation, evidence: Evidence): string[] {
  const { after, before, today } = evidence;
  const diffs: string[] = [];
  if (expect.titles && !sameTitles(expect.titles, after.map((t) => t.title), expect.exactTitles ?? false)) {
    diffs.push(`titles: expected [${expect.titles.map(quote).join(", ")}], got [${after.map((t) => quote(t.title)).join(", ")}]`);
  }
  for (const want of expect.tasks ?? []) diffs.push(...checkTask(want, after, today));
  if (expect.unchanged) {
    const was = before.map(snapshot).sort();
    const is = after.map(snapshot).sort();
    if (was.length !== is.length || was.some((s, i) => s !== is[i])) diffs.push(`unchanged: expected ${showList(before)}; got ${showList(after)}`);
  }
  const counts: Array<[string, number | undefined, number]> = [
    ["count", expect.count, after.length],
    ["openCount", expect.openCount, after.filter((t) => !t.completed).length],
    ["completedCount", expect.completedCount, after.filter((t) => t.completed).length],
  ];
  for (const [label, want, got] of counts) if (want !== undefined && want !== got) diffs.push(`${label}: expected ${want}, got ${got} (${showList(after)})`);
  if (expect.lists && !sameNames(expect.lists, evidence.lists ?? [])) diffs.push(`lists: expected [${expect.lists.map(quote).join(", ")}], got [${(evidence.lists ?? []).map(quote).join(", ")}]`);
  if (expect.labels && !sameNames(expect.labels, evidence.labels ?? [])) diffs.push(`labels: expected [${expect.labels.map(quote).join(", ")}], got [${(evidence.labels ?? []).map(quote).join(", ")}]`);
  const reply = fold(evidence.lastReply);
  const excerpt = quote(evidence.lastReply.length > 300 ? `${evidence.lastReply.slice(0, 300)}…` : evidence.lastReply);
  for (const text of expect.reply?.contains ?? []) if (!reply.includes(fold(text))) diffs.push(`reply: expected it to mention ${quote(text)}; it said ${excerpt}`);
  for (const text of expect.reply?.notContains ?? []) if (reply.includes(fold(text))) diffs.push(`reply: expected it not to mention ${quote(text)}; it said ${excerpt}`);
  return diffs;
}
