"use client";
import { Button } from "@/components/ui/button";
import { CheckCircleIcon, TrashIcon } from "@/components/ui/icons";
import { BULK_MAX, type TaskStatus } from "@/lib/tasks/constants";
import type { Task } from "@/lib/tasks/schemas";

/**
 * The rows a list-wide action acts on: the open ones under Active or Overdue (mark done), the
 * done ones under Completed (delete); none under All, where the rows are mixed. At most one
 * request's worth, so a single Undo takes back the whole action.
 */
export function bulkTargets(status: TaskStatus, rows: readonly Task[]): Task[] {
  if (status === "all") return [];
  return rows.filter((t) => t.completed === (status === "completed")).slice(0, BULK_MAX);
}

type Props = {
  status: TaskStatus;
  targets: readonly Task[];
  /** Every matching task is loaded (no Load more left), so "all" is true. */
  everything: boolean;
  pending: boolean;
  onComplete: (tasks: readonly Task[]) => void;
  onDelete: (tasks: readonly Task[]) => void;
};

/** "Mark all 3 as done" under Active/Overdue, "Delete all 3" under Completed; hidden for fewer than two rows. */
export function BulkActions({ status, targets, everything, pending, onComplete, onDelete }: Props) {
  const n = targets.length;
  if (n < 2) return null;
  const which = everything ? `all ${n}` : `the ${n} shown`;
  return (
    <div className="flex justify-end">
      {status === "completed" ? (
        <Button variant="ghost" size="sm" pending={pending} onClick={() => onDelete(targets)} className="text-red-700 hover:bg-red-50 dark:text-red-300 dark:hover:bg-red-950/40">
          <TrashIcon />
          Delete {which}
        </Button>
      ) : (
        <Button variant="ghost" size="sm" pending={pending} onClick={() => onComplete(targets)}>
          <CheckCircleIcon />
          Mark {which} as done
        </Button>
      )}
    </div>
  );
}
