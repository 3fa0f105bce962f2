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
  return parts.length === 1 ? parts[0]! : `changed ${title}`;
}

const EDITABLE = ["title", "description", "completed", "priority", "due_date"] as const;

/** Whether an entry changed anything but updated_at: completing a task that was already done does not. */
const changedFields = (c: TaskChange) => !c.before || !c.after || EDITABLE.some((f) => c.before![f] !== c.after![f]);

function kindOf(change: TaskChange): string {
  if (!change.before) return "added";
  if (!change.after) return "deleted";
  if (change.before.completed !== change.after.completed && change.before.title === change.after.title) return change.after.completed ? "completed" : "reopened";
  return "changed";
}

/** A change set in words, lower case, for "Undone: …" and refusals: "deleted “Buy milk”", "completed 3 tasks". */
export function describeChanges(changes: TaskChange[]): string {
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
