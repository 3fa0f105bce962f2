"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TrashIcon } from "@/components/ui/icons";
import { formatRelativeInstant, todayIn } from "@/lib/today";
import type { Task } from "@/lib/tasks/schemas";
import { ApiError, errorMessage, tasksApi } from "./api";
import { DeleteTaskDialog } from "./delete-task-dialog";
import { nextOccurrenceNote, useUndoToast } from "./use-undo-toast";

/** "today", "yesterday", "on Monday", "on Mar 4": the app's one date format inside a sentence. */
function completedOn(instant: string, timeZone: string | undefined): string {
  const words = formatRelativeInstant(instant, timeZone);
  return /^(Today|Yesterday)$/.test(words) ? words.toLowerCase() : `on ${words}`;
}

/** On the edit page: mark the task done or not done, and delete it (after a confirm step). */
export function TaskEditActions({ task: initial, timeZone }: { task: Task; timeZone?: string }) {
  const router = useRouter();
  const [task, setTask] = useState(initial);
  const [toggling, setToggling] = useState(false);
  const [error, setError] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string>();
  const showUndoToast = useUndoToast();

  async function toggle() {
    setToggling(true);
    setError(undefined);
    try {
      const { task: saved, changeSetId, next } = await tasksApi.update(task.id, { completed: !task.completed });
      setTask(saved);
      showUndoToast(
        saved.completed ? "completed" : "reopened",
        [saved],
        changeSetId,
        ({ restored }) => {
          const back = restored.find((t) => t.id === saved.id);
          if (back) setTask(back);
        },
        nextOccurrenceNote(next, todayIn(timeZone)),
      );
      router.refresh();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setToggling(false);
    }
  }

  async function remove() {
    setDeleting(true);
    setDeleteError(undefined);
    try {
      const { changeSetId } = await tasksApi.remove(task.id);
      // The toast outlives this page (it belongs to the tasks layout): Undo from the list brings the task back there.
      showUndoToast("deleted", [task], changeSetId);
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 404)) {
        setDeleting(false);
        return setDeleteError(errorMessage(err));
      }
    }
    router.push("/tasks");
    router.refresh();
  }

  return (
    <div className="space-y-4">
      {error && <Alert>{error}</Alert>}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
          {task.completed ? (
            <>
              <span className="font-medium text-emerald-700 dark:text-emerald-400">Done</span>
              {task.completedAt && <> · completed {completedOn(task.completedAt, timeZone)}</>}
            </>
          ) : (
            <span className="font-medium text-zinc-900 dark:text-zinc-100">Not done yet</span>
          )}
        </p>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={toggle} pending={toggling}>
            {task.completed ? "Mark as not done" : "Mark as done"}
          </Button>
          <Button
            variant="secondary"
            onClick={() => {
              setDeleteError(undefined);
              setConfirming(true);
            }}
            className="text-red-700 hover:bg-red-50 dark:text-red-300 dark:hover:bg-red-950/40"
          >
            <TrashIcon />
            Delete task
          </Button>
        </div>
      </div>
      <DeleteTaskDialog
        task={confirming ? task : null}
        pending={deleting}
        error={deleteError}
        undo="toast"
        onConfirm={remove}
        onCancel={() => setConfirming(false)}
      />
    </div>
  );
}
