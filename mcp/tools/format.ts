import "server-only";
import type { ItemResult } from "@/lib/tasks/changes";
import type { Task } from "@/lib/tasks/schemas";

/** One line per task, the way the tools describe tasks to a model or a person. */
export function describeTask(task: Task): string {
  const parts = [`#${task.id} “${task.title}”`];
  if (task.completed) parts.push("done");
  if (task.dueDate) parts.push(`due ${task.dueDate}`);
  if (task.priority !== "medium") parts.push(`${task.priority} priority`);
  return parts.length > 1 ? `${parts[0]} (${parts.slice(1).join(", ")})` : parts[0]!;
}

/** A batch's summary: what changed, one line per task, then what could not be changed and why. */
export function describeBatch(verb: string, results: ItemResult[]): string {
  const ok = results.flatMap((r) => (r.ok ? [r.task] : []));
  const failed = results.flatMap((r) => (r.ok ? [] : [r]));
  const lines = ok.length ? [`${verb} ${ok.length} task${ok.length === 1 ? "" : "s"}:`, ...ok.map((t) => `- ${describeTask(t)}`)] : [`No tasks were ${verb.toLowerCase()}.`];
  if (failed.length) lines.push(`Not changed (${failed.length}):`, ...failed.map((f) => `- #${f.id}: ${f.error}`));
  return lines.join("\n");
}
