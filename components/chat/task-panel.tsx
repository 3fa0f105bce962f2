"use client";
import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, errorMessage, tasksApi } from "@/components/tasks/api";
import { DeleteTaskDialog } from "@/components/tasks/delete-task-dialog";
import { TaskRow } from "@/components/tasks/task-row";
import { Alert } from "@/components/ui/alert";
import { cn } from "@/components/ui/cn";
import { todayIn } from "@/lib/dates";
import type { Task } from "@/lib/tasks/schemas";

const OPEN_LIMIT = 100;
const RECENT_DONE = 5;

export type TaskPanelState = ReturnType<typeof useTaskPanel>;

const viewerToday = () => todayIn(Intl.DateTimeFormat().resolvedOptions().timeZone);

/**
 * The user's open tasks (soonest due first) and the few most recently completed, from
 * GET /api/tasks. `version` changes after every chat turn, which reloads them, so what the
 * assistant did shows at once. Checkbox toggles and deletes go straight to the API.
 */
export function useTaskPanel(version: number) {
  const [open, setOpen] = useState<Task[] | null>(null);
  const [done, setDone] = useState<Task[]>([]);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<ReadonlySet<number>>(() => new Set());
  const [today, setToday] = useState(viewerToday);
  const latest = useRef(0);

  const load = useCallback(async () => {
    const request = ++latest.current;
    try {
      const [active, completed] = await Promise.all([
        tasksApi.list(new URLSearchParams({ status: "active", sort: "due", limit: String(OPEN_LIMIT) })),
        tasksApi.list(new URLSearchParams({ status: "completed", sort: "created", limit: "20" })),
      ]);
      if (request !== latest.current) return;
      setOpen(active.tasks);
      setMore(active.nextCursor !== null);
      setDone([...completed.tasks].sort((a, b) => (b.completedAt ?? "").localeCompare(a.completedAt ?? "")).slice(0, RECENT_DONE));
      setToday(viewerToday());
      setError(null);
    } catch (err) {
      if (request === latest.current) setError(`Could not load your tasks. ${errorMessage(err)}`);
    }
  }, []);

  useEffect(() => {
    // Runs on mount and after every turn: the data comes from the server, not from this state.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load, version]);

  async function toggle(task: Task) {
    const completed = !task.completed;
    const flip = (t: Task) => (t.id === task.id ? { ...t, completed, completedAt: completed ? new Date().toISOString() : null } : t);
    setPending((p) => new Set(p).add(task.id));
    setOpen((list) => list?.map(flip) ?? list);
    setDone((list) => list.map(flip));
    setError(null);
    try {
      await tasksApi.update(task.id, { completed });
    } catch (err) {
      setError(err instanceof ApiError && err.status === 404 ? `“${task.title}” no longer exists.` : `Could not update “${task.title}”. ${errorMessage(err)}`);
    } finally {
      setPending((p) => {
        const next = new Set(p);
        next.delete(task.id);
        return next;
      });
      await load();
    }
  }

  async function remove(task: Task) {
    try {
      await tasksApi.remove(task.id);
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 404)) throw err;
    }
    await load();
  }

  return { open, done, more, error, pending, today, toggle, remove, reload: load };
}

/** The task list beside the chat (or in its drawer on small screens). */
export function TaskPanel({ state, className }: { state: TaskPanelState; className?: string }) {
  const { open, done, more, error, pending, today, toggle, remove } = state;
  const [confirming, setConfirming] = useState<Task | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string>();

  async function confirmDelete() {
    if (!confirming) return;
    setDeleting(true);
    setDeleteError(undefined);
    try {
      await remove(confirming);
      setConfirming(null);
    } catch (err) {
      setDeleteError(errorMessage(err));
    } finally {
      setDeleting(false);
    }
  }

  const askDelete = (task: Task) => {
    setDeleteError(undefined);
    setConfirming(task);
  };
  const rowProps = { today, onToggle: toggle, onDelete: askDelete };

  return (
    <div className={cn("flex min-h-0 flex-col", className)} data-task-panel>
      <div className="flex items-baseline justify-between gap-2 px-4 pt-3 pb-2">
        <h2 className="text-sm font-semibold">
          Open tasks{open && open.length > 0 && <span className="ml-1.5 font-normal text-zinc-500 dark:text-zinc-400">{open.length}{more ? "+" : ""}</span>}
        </h2>
        <Link href="/tasks" className="text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400">
          All tasks →
        </Link>
      </div>
      {error && (
        <Alert className="mx-4 mb-2 flex items-start justify-between gap-2">
          <span>{error}</span>
          <button type="button" onClick={() => void state.reload()} className="shrink-0 text-sm font-medium underline underline-offset-2">
            Retry
          </button>
        </Alert>
      )}
      <div className="min-h-0 flex-1 overflow-y-auto pb-3" aria-busy={open === null || undefined}>
        {open === null ? (
          <div className="space-y-3 px-4 py-2" aria-label="Loading tasks">
            {[0, 1, 2].map((i) => (
              <div key={i} className="h-12 animate-pulse rounded-lg bg-zinc-200/70 dark:bg-zinc-800/70" />
            ))}
          </div>
        ) : open.length === 0 ? (
          <div className="px-4 py-6 text-center text-sm text-zinc-600 dark:text-zinc-400" data-testid="task-panel-empty">
            <p className="font-medium text-zinc-900 dark:text-zinc-100">Nothing to do</p>
            <p className="mt-1">Ask the assistant to add a task, like “add buy milk tomorrow”.</p>
          </div>
        ) : (
          <ul aria-label="Open tasks" className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {open.map((task) => (
              <TaskRow key={task.id} task={task} pending={pending.has(task.id)} {...rowProps} />
            ))}
          </ul>
        )}
        {done.length > 0 && (
          <>
            <h3 className="px-4 pt-4 pb-1 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Recently completed</h3>
            <ul aria-label="Recently completed" className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {done.map((task) => (
                <TaskRow key={task.id} task={task} pending={pending.has(task.id)} {...rowProps} />
              ))}
            </ul>
          </>
        )}
      </div>
      <DeleteTaskDialog task={confirming} undo="chat" pending={deleting} error={deleteError} onConfirm={confirmDelete} onCancel={() => setConfirming(null)} />
    </div>
  );
}
