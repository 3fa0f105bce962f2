import { recurrenceInWords, type Recurrence } from "@/lib/recurrence";
import type { Task, TaskPriority } from "./schemas";

/**
 * A task row as PostgreSQL's `to_jsonb(tasks)` writes it: the form change sets keep, and the form
 * raw statements return, so both database drivers hand back the same strings (no driver type parsing).
 */
export type TaskSnapshot = {
  id: number;
  user_id: string;
  title: string;
  description: string | null;
  completed: boolean;
  completed_at: string | null;
  priority: TaskPriority;
  due_date: string | null;
  created_at: string;
  updated_at: string;
  list_id: number;
  label_ids: number[];
  recurrence: Recurrence | null;
};

const iso = (timestamp: string) => new Date(timestamp).toISOString();

export function taskFromSnapshot(s: TaskSnapshot): Task {
  return {
    id: s.id,
    title: s.title,
    description: s.description,
    priority: s.priority,
    dueDate: s.due_date,
    completed: s.completed,
    completedAt: s.completed_at === null ? null : iso(s.completed_at),
    createdAt: iso(s.created_at),
    updatedAt: iso(s.updated_at),
    ...taskPlacement(s.list_id, s.label_ids, s.recurrence),
  };
}

/** The fields a task gained with lists, labels and repeats (issue 16), from either row form. */
export function taskPlacement(listId: number, labelIds: number[] | null, recurrence: Recurrence | null) {
  return {
    listId,
    labelIds: labelIds ?? [],
    recurrence: recurrence ?? null,
    recurrenceText: recurrence ? recurrenceInWords(recurrence) : null,
  };
}
