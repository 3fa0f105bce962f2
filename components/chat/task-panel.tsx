"use client";
import { Link } from "@/components/ui/link";
import { useEffect, useState } from "react";
import useSWR, { type KeyedMutator } from "swr";
import { ApiError, errorMessage, tasksApi } from "@/components/tasks/api";
import { DeleteTaskDialog } from "@/components/tasks/delete-task-dialog";
import { TaskRow } from "@/components/tasks/task-row";
import { Alert } from "@/components/ui/alert";
import { cn } from "@/components/ui/cn";
import { useShownOrIdle } from "@/components/ui/use-shown-or-idle";
import { jsonFetcher } from "@/lib/client/fetch-json";
import { compareIso } from "@/lib/dates";
import { todayIn } from "@/lib/today";
import type { Task, TaskPage } from "@/lib/tasks/schemas";
import { browserTimeZone } from "@/lib/client/time-zone";

const RECENT_DONE = 5;
/** The open tasks, soonest due first, and the recently completed (by creation; re-sorted by completion below). */
export const OPEN_TASKS_KEY = "/api/tasks?status=active&sort=due&limit=100";
export const DONE_TASKS_KEY = "/api/tasks?status=completed&sort=created&limit=20";

export type TaskPanelState = ReturnType<typeof useTaskPanel>;

const viewerToday = () => todayIn(browserTimeZone());

// A turn's end revalidates explicitly; a focus or a remount within this window reuses the data.
const SWR_OPTIONS = { dedupingInterval: 2000, keepPreviousData: true } as const;

/**
 * Runs `request` with `change` shown at once in both lists; if it fails, each list goes back to
 * what it was (a removed row returns to its place). Either way both lists then revalidate.
 */
async function optimistically(lists: Array<KeyedMutator<TaskPage>>, change: (tasks: Task[]) => Task[], request: Promise<unknown>) {
  await Promise.all(
    lists.map((mutate) =>
      mutate(
        request.then(() => undefined),
        {
          optimisticData: (page) => (page ? { ...page, tasks: change(page.tasks) } : page!),
          populateCache: false,
          rollbackOnError: true,
          revalidate: true,
        },
      ),
    ),
  );
}

/**
 * The user's open tasks (soonest due first) and the few most recently completed, through SWR
 * from GET /api/tasks. `version` changes when a chat turn ends: each change revalidates both
 * lists once, so what the assistant did shows at once. Checkbox toggles and deletes change the
 * lists at once and roll back if the server refuses. `shown`: the panel is on screen now.
 */
export function useTaskPanel(version: number, shown: boolean) {
  // Hidden (a phone's closed drawer), the lists only feed the Tasks button's count.
  const load = useShownOrIdle(shown);
  const openList = useSWR<TaskPage>(load ? OPEN_TASKS_KEY : null, jsonFetcher, SWR_OPTIONS);
  const doneList = useSWR<TaskPage>(load ? DONE_TASKS_KEY : null, jsonFetcher, SWR_OPTIONS);
  const [actionError, setActionError] = useState<string | null>(null);
  const [pending, setPending] = useState<ReadonlySet<number>>(() => new Set());
  const { mutate: mutateOpen } = openList;
  const { mutate: mutateDone } = doneList;

  useEffect(() => {
    // Version 0 is the first render, which SWR has loaded already.
    if (version === 0) return;
    void mutateOpen();
    void mutateDone();
  }, [version, mutateOpen, mutateDone]);

  const open = openList.data?.tasks ?? null;
  const more = openList.data ? openList.data.nextCursor !== null : false;
  const done = [...(doneList.data?.tasks ?? [])].sort((a, b) => compareIso(b.completedAt ?? "", a.completedAt ?? "")).slice(0, RECENT_DONE);
  const loadError = openList.error ?? doneList.error;
  const error = actionError ?? (loadError ? `Could not load your tasks. ${errorMessage(loadError)}` : null);

  async function toggle(task: Task) {
    const completed = !task.completed;
    const flip = (tasks: Task[]) =>
      tasks.map((t) => (t.id === task.id ? { ...t, completed, completedAt: completed ? new Date().toISOString() : null } : t));
    setPending((p) => new Set(p).add(task.id));
    setActionError(null);
    try {
      await optimistically([mutateOpen, mutateDone], flip, tasksApi.update(task.id, { completed }));
    } catch (err) {
      setActionError(
        err instanceof ApiError && err.status === 404 ? `“${task.title}” no longer exists.` : `Could not update “${task.title}”. ${errorMessage(err)}`,
      );
    } finally {
      setPending((p) => {
        const next = new Set(p);
        next.delete(task.id);
        return next;
      });
    }
  }

  /** The row goes at once; a refusal (not a 404: gone is what was asked) brings it back in place and throws. */
  async function remove(task: Task) {
    setActionError(null);
    const request = tasksApi.remove(task.id).catch((err: unknown) => {
      if (!(err instanceof ApiError && err.status === 404)) throw err;
    });
    try {
      await optimistically([mutateOpen, mutateDone], (tasks) => tasks.filter((t) => t.id !== task.id), request);
    } catch (err) {
      setActionError(`Could not delete “${task.title}”; it is back in the list. ${errorMessage(err)}`);
    }
  }

  function reload() {
    setActionError(null);
    void mutateOpen();
    void mutateDone();
  }

  return { open, done, more, error, pending, today: viewerToday(), toggle, remove, reload };
}

/** The task list beside the chat (or in its drawer on small screens). */
export function TaskPanel({ state, className }: { state: TaskPanelState; className?: string }) {
  const { open, done, more, error, pending, today, toggle, remove } = state;
  const [confirming, setConfirming] = useState<Task | null>(null);

  /** Closes the dialog at once: the row leaves now and comes back with a message if the server refuses. */
  function confirmDelete() {
    if (!confirming) return;
    setConfirming(null);
    void remove(confirming);
  }

  const askDelete = (task: Task) => setConfirming(task);
  const rowProps = { today, compact: true, onToggle: toggle, onDelete: askDelete };

  return (
    <div className={cn("flex min-h-0 flex-col", className)}>
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
          <button type="button" onClick={state.reload} className="shrink-0 text-sm font-medium underline underline-offset-2">
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
      <DeleteTaskDialog task={confirming} undo="chat" pending={false} onConfirm={confirmDelete} onCancel={() => setConfirming(null)} />
    </div>
  );
}
