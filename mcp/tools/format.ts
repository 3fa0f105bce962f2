import type { Task } from "@/lib/tasks/schemas";

/** One line per task, the way the tools describe tasks to a model or a person. */
export function describeTask(task: Task): string {
  const parts = [`#${task.id} “${task.title}”`];
  if (task.completed) parts.push("done");
  if (task.dueDate) parts.push(`due ${task.dueDate}`);
  if (task.priority !== "medium") parts.push(`${task.priority} priority`);
  return parts.length > 1 ? `${parts[0]} (${parts.slice(1).join(", ")})` : parts[0]!;
}
