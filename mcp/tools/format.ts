import "server-only";
import type { ItemResult } from "@/lib/tasks/changes";
import type { Task } from "@/lib/tasks/schemas";
import { withNames } from "./placement";

/** One line per task, the way the tools describe tasks to a model or a person; list and labels when the tool named them. */
export function describeTask(task: Task & { list?: string; labels?: string[] }): string {
  const parts = [`#${task.id} “${task.title}”`];
  if (task.completed) parts.push("done");
  if (task.dueDate) parts.push(`due ${task.dueDate}`);
  if (task.priority !== "medium") parts.push(`${task.priority} priority`);
  if (task.list && task.list !== "Inbox") parts.push(`in ${task.list}`);
  if (task.labels?.length) parts.push(`labels: ${task.labels.join(", ")}`);
  if (task.recurrenceText) parts.push(`repeats: ${task.recurrenceText.toLowerCase()}`);
  return parts.length > 1 ? `${parts[0]} (${parts.slice(1).join(", ")})` : parts[0]!;
}

/** A batch's summary: what changed, one line per task, then what could not be changed and why. */
export function describeBatch(verb: string, results: ItemResult[]): string {
  const ok = results.flatMap((r) => (r.ok ? [r.task] : []));
  const next = results.flatMap((r) => (r.ok && r.next ? [r.next] : []));
  const failed = results.flatMap((r) => (r.ok ? [] : [r]));
  const lines = ok.length ? [`${verb} ${ok.length} task${ok.length === 1 ? "" : "s"}:`, ...ok.map((t) => `- ${describeTask(t)}`)] : [`No tasks were ${verb.toLowerCase()}.`];
  if (next.length) lines.push(`Next occurrence${next.length === 1 ? "" : "s"} added:`, ...next.map((t) => `- ${describeTask(t)}`));
  if (failed.length) lines.push(`Not changed (${failed.length}):`, ...failed.map((f) => `- #${f.id}: ${f.error}`));
  return lines.join("\n");
}

/** A batch's results with names on every task (and next occurrence) it changed. */
export async function namedResults(userId: string, results: ItemResult[]): Promise<ItemResult[]> {
  const tasks = results.flatMap((r) => (r.ok ? [r.task, ...(r.next ? [r.next] : [])] : []));
  const named = new Map((await withNames(userId, tasks)).map((t) => [t.id, t]));
  return results.map((r) => (r.ok ? { ...r, task: named.get(r.task.id)!, ...(r.next ? { next: named.get(r.next.id)! } : {}) } : r));
}
