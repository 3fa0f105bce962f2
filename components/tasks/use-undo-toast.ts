"use client";
import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { useToast } from "@/components/ui/toast";
import { formatRelativeDate } from "@/lib/dates";
import type { Task } from "@/lib/tasks/schemas";
import { errorMessage, tasksApi, type Undone } from "./api";

export type ChangeKind = "deleted" | "completed" | "reopened";

const VERBS: Record<ChangeKind, string> = { deleted: "Deleted", completed: "Completed", reopened: "Reopened" };

/** "Deleted “Buy milk”", or "Completed 3 tasks" for a bulk change. */
export function changeMessage(kind: ChangeKind, tasks: readonly Pick<Task, "title">[]): string {
  return tasks.length === 1 ? `${VERBS[kind]} “${tasks[0]!.title}”` : `${VERBS[kind]} ${tasks.length} tasks`;
}

/** "Next: Friday" for the occurrence a repeating task's completion added (the API's `next`), else undefined. */
export function nextOccurrenceNote(next: Pick<Task, "dueDate"> | null | undefined, today: string): string | undefined {
  if (!next) return undefined;
  return next.dueDate ? `Next: ${formatRelativeDate(next.dueDate, today)}` : "The next one is on your list";
}

/**
 * Shows the toast that follows a change, with an Undo button for its change set. Undo asks the
 * server to put the tasks back, hands what came back to `onUndone` (so the page can show it at
 * once) and refreshes the server data; a refusal (409: a task changed since; 404) shows the
 * server's own reason in the toast, and the page is refreshed to show the tasks as they are.
 */
export function useUndoToast() {
  const showToast = useToast();
  const router = useRouter();
  return useCallback(
    (kind: ChangeKind, tasks: readonly Task[], changeSetId: string, onUndone?: (undone: Undone) => void, more?: string) =>
      showToast({
        // `more` follows the change, e.g. "Next: Friday" for a repeating task's new occurrence.
        message: more ? `${changeMessage(kind, tasks)}. ${more}` : changeMessage(kind, tasks),
        action: {
          label: "Undo",
          run: async () => {
            try {
              const undone = await tasksApi.undo(changeSetId);
              onUndone?.(undone);
              return { message: undone.alreadyUndone ? "Already undone" : "Undone" };
            } catch (err) {
              return { message: errorMessage(err), tone: "error" };
            } finally {
              router.refresh();
            }
          },
        },
      }),
    [showToast, router],
  );
}
