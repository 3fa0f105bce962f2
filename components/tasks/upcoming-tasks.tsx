"use client";
import { Link } from "@/components/ui/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { cn } from "@/components/ui/cn";
import type { Task } from "@/lib/tasks/schemas";
import { ApiError, errorMessage, tasksApi } from "./api";
import { DueLabel } from "./due-label";
import { PriorityBadge } from "./priority-badge";
import { nextOccurrenceNote, useUndoToast } from "./use-undo-toast";

const checkboxId = (id: number) => `upcoming-${id}-done`;

/**
 * The dashboard's "Next up" rows, each with a checkbox that completes the task at once: the row
 * is struck through while the server saves it, then the refreshed page leaves it out (and the
 * counts above follow). A refusal puts the row back with the reason; the toast's Undo reopens it.
 */
export function UpcomingTasks({ tasks, today, labelledBy }: { tasks: Task[]; today: string; labelledBy: string }) {
  const router = useRouter();
  const showUndoToast = useUndoToast();
  const [pending, setPending] = useState<ReadonlySet<number>>(() => new Set());
  const [error, setError] = useState<string | null>(null);

  const settle = (id: number) =>
    setPending((p) => {
      const next = new Set(p);
      next.delete(id);
      return next;
    });

  async function complete(task: Task) {
    setError(null);
    setPending((p) => new Set(p).add(task.id));
    // The row leaves once the page refreshes: focus moves on to the next one (or the previous).
    const index = tasks.findIndex((t) => t.id === task.id);
    const neighbour = tasks[index + 1] ?? tasks[index - 1];
    try {
      const { task: saved, changeSetId, next } = await tasksApi.update(task.id, { completed: true });
      showUndoToast("completed", [saved], changeSetId, undefined, nextOccurrenceNote(next, today));
      router.refresh();
      if (neighbour) document.getElementById(checkboxId(neighbour.id))?.focus();
    } catch (err) {
      settle(task.id);
      setError(
        err instanceof ApiError && err.status === 404
          ? `“${task.title}” no longer exists; it may have been deleted elsewhere.`
          : `Could not mark “${task.title}” as done. ${errorMessage(err)}`,
      );
      if (err instanceof ApiError && err.status === 404) router.refresh();
    }
  }

  return (
    <>
      {error && (
        <Alert className="mx-5 mt-3 flex items-start justify-between gap-3">
          <span>{error}</span>
          <button type="button" onClick={() => setError(null)} className="shrink-0 rounded text-sm font-medium underline underline-offset-2">
            Dismiss
          </button>
        </Alert>
      )}
      <ul aria-labelledby={labelledBy} className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {tasks.map((task) => {
          const done = pending.has(task.id);
          return (
            <li key={task.id} aria-busy={done || undefined} className="flex items-start gap-3 px-5 py-3">
              <input
                id={checkboxId(task.id)}
                type="checkbox"
                checked={done}
                disabled={done}
                onChange={() => void complete(task)}
                aria-label={`Mark “${task.title}” as done`}
                className="mt-1 size-5 shrink-0 cursor-pointer rounded accent-indigo-600 disabled:cursor-default dark:accent-indigo-500"
              />
              <div className="flex min-w-0 flex-1 flex-wrap items-center gap-x-4 gap-y-1.5">
                <Link
                  href={`/tasks/${task.id}/edit`}
                  className={cn(
                    "min-w-0 flex-1 basis-48 rounded font-medium wrap-anywhere hover:text-indigo-600 dark:hover:text-indigo-400",
                    done && "text-zinc-600 line-through dark:text-zinc-400",
                  )}
                >
                  {task.title}
                </Link>
                <div className="flex items-center gap-3">
                  {task.dueDate && <DueLabel dueDate={task.dueDate} today={today} completed={done} />}
                  <PriorityBadge priority={task.priority} />
                </div>
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}
