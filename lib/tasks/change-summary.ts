import type { TaskSnapshot } from "./snapshot";

/** A change set's entries as stored: a task's row before and after (null: added, or deleted). */
export type TaskChange = { id: number; before: TaskSnapshot | null; after: TaskSnapshot | null };

const quote = (title: string) => `“${title}”`;

/** What one update did to a task, in words: "completed “Buy milk”", "renamed “A” to “B”". */
function describeUpdate(before: TaskSnapshot, after: TaskSnapshot): string {
  const title = quote(after.title);
  const parts: string[] = [];
  if (before.title !== after.title) parts.push(`renamed ${quote(before.title)} to ${title}`);
  if (before.completed !== after.completed) parts.push(`${after.completed ? "completed" : "reopened"} ${title}`);
  if (before.due_date !== after.due_date) parts.push(after.due_date ? `moved ${title} to ${after.due_date}` : `removed the due date of ${title}`);
  if (before.priority !== after.priority) parts.push(`set ${title} to ${after.priority} priority`);
  if (before.description !== after.description) parts.push(`edited the notes of ${title}`);
  if (before.list_id !== after.list_id) parts.push(`moved ${title} to another list`);
  if (!sameJson(before.label_ids, after.label_ids)) parts.push(`changed the labels of ${title}`);
  // Completing a repeating task takes its rule off; that is part of "completed", not a change of its own.
  if (!sameJson(before.recurrence, after.recurrence) && before.completed === after.completed) parts.push(after.recurrence ? `made ${title} repeat` : `stopped ${title} repeating`);
  return parts.length === 1 ? parts[0]! : `changed ${title}`;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

const EDITABLE = ["title", "description", "completed", "priority", "due_date", "list_id", "label_ids", "recurrence"] as const;

/** Whether an entry changed anything but updated_at: completing a task that was already done does not. */
const changedFields = (c: TaskChange) => !c.before || !c.after || EDITABLE.some((f) => !sameJson(c.before![f], c.after![f]));

/**
 * The next occurrences a completion added (lib/tasks/changes.ts addNextOccurrences): additions
 * that repeat, with the title of a task the same change set completed.
 */
function nextOccurrences(changes: TaskChange[]): Set<TaskChange> {
  const completed = new Set(changes.filter((c) => c.before && c.after && !c.before.completed && c.after.completed).map((c) => c.after!.title));
  return new Set(changes.filter((c) => !c.before && c.after?.recurrence && completed.has(c.after.title)));
}

function kindOf(change: TaskChange): string {
  if (!change.before) return "added";
  if (!change.after) return "deleted";
  if (change.before.completed !== change.after.completed && change.before.title === change.after.title) return change.after.completed ? "completed" : "reopened";
  return "changed";
}

/** A change set in words, lower case, for "Undone: …" and refusals: "deleted “Buy milk”", "completed 3 tasks". */
export function describeChanges(changes: TaskChange[]): string {
  const next = nextOccurrences(changes);
  if (next.size) {
    const rest = changes.filter((c) => !next.has(c));
    const also = next.size === 1 ? `added its next occurrence, due ${[...next][0]!.after!.due_date}` : `added their next occurrences`;
    return `${describeChanges(rest)} and ${also}`;
  }
  if (changes.length === 1) {
    const [c] = changes;
    if (!c!.before) return `added ${quote(c!.after!.title)}`;
    if (!c!.after) return `deleted ${quote(c!.before.title)}`;
    return describeUpdate(c!.before, c!.after);
  }
  // A batch that completed two tasks, one of them done already, still "completed 2 tasks".
  const kinds = new Set(changes.filter(changedFields).map(kindOf));
  const kind = kinds.size === 1 ? [...kinds][0]! : "changed";
  return `${kind} ${changes.length} tasks`;
}

/** The task's title as the change left it, or as it was before a delete. */
export function titleOf(change: TaskChange): string {
  return (change.after ?? change.before)!.title;
}
