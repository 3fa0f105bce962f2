"use client";
import { useRouter } from "next/navigation";
import { lazy, type ReactNode, Suspense, useEffect, useOptimistic, useRef, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { Task, TaskPage, TaskStatus } from "@/lib/tasks/schemas";
import { ApiError, errorMessage, tasksApi, type Undone } from "./api";
import { BulkActions, bulkTargets } from "./bulk-actions";
import { effectiveOrder, filtersKey, filtersToApiParams, hidesCompleted, listedStatus, matchesStatus, tasksHref, type TaskFilters } from "./filters";
import { ShowCompletedToggle } from "./show-completed-toggle";
import { SearchBox } from "./search-box";
import { SortControls } from "./sort-controls";
import { StatusTabs } from "./status-tabs";
import { checkboxId, TaskRow } from "./task-row";
import { nextOccurrenceNote, useUndoToast } from "./use-undo-toast";

// The delete dialog (and the dialog shell under it) is closed on arrival, so it is a chunk of its
// own, fetched while the page hydrates: /tasks stays inside its first-load JS budget.
const DeleteTaskDialog = lazy(() => import("./delete-task-dialog").then((m) => ({ default: m.DeleteTaskDialog })));

type Props = {
  /** The first page, loaded by the server for `filters`. */
  initialPage: TaskPage;
  filters: TaskFilters;
  counts: Record<TaskStatus, number>;
  /** The viewer's today (YYYY-MM-DD), for due labels and the Overdue tab. */
  today: string;
  /** Names of the user's lists and labels by id, for the rows' chips. */
  listNames?: Record<number, string>;
  labelNames?: Record<number, string>;
  /** What to show when nothing is left to list: the page renders it for `filters` and `counts`. */
  empty: ReactNode;
};

/**
 * A version of a task changed here; it wins over the server's copy until the server has caught
 * up. An undo puts back an older version, so it also names the (newer) version it replaces,
 * which the server may still be sending.
 */
type LocalTask = { task: Task; pending: boolean; replaces?: string };

/** Tasks an undo brought back, shown after the row they followed until the server lists them again. */
type BroughtBack = { key: string; tasks: Array<{ task: Task; after: number | null }> };

const LIST_ID = "task-list";

/**
 * The interactive task list. Filters live in the URL (the server renders the first page for
 * them); changes made here show at once and are sent to the API, then the server data is
 * refreshed so counts and other pages agree.
 */
export function TaskList({ initialPage, filters, counts, today, listNames = {}, labelNames = {}, empty }: Props) {
  const router = useRouter();
  const [navigating, startNavigation] = useTransition();
  // The filters the controls show while the URL (and the server's list) catches up.
  const [shownFilters, showFilters] = useOptimistic(filters);
  // The filters most recently asked for, so quick successive changes build on each other.
  const latest = useRef(filters);
  useEffect(() => {
    latest.current = filters;
  }, [filters]);

  const key = filtersKey(filters);
  const status = listedStatus(filters);
  const [more, setMore] = useState<{ key: string; tasks: Task[]; cursor: string | null } | null>(null);
  const [local, setLocal] = useState<Record<number, LocalTask>>({});
  const [deleted, setDeleted] = useState<ReadonlySet<number>>(() => new Set());
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [broughtBack, setBroughtBack] = useState<BroughtBack | null>(null);
  // The row above each task when it was last changed here, so an undo can put it back in its place.
  const rowAbove = useRef(new Map<number, number | null>());
  const showUndoToast = useUndoToast();
  // The task (or, for a list-wide delete, the tasks) the delete dialog asks about.
  const [confirming, setConfirming] = useState<Task | readonly Task[] | null>(null);
  const [bulkPending, setBulkPending] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string>();

  // Where focus goes after the next render, when the focused row disappears.
  const focusAfterRender = useRef<string | null>(null);
  useEffect(() => {
    const id = focusAfterRender.current;
    if (!id) return;
    focusAfterRender.current = null;
    document.getElementById(id)?.focus();
  });

  // The server's first page plus any loaded pages, with local changes applied.
  const loaded = more?.key === key ? more : null;
  const serverTasks = [...initialPage.tasks, ...(loaded?.tasks ?? [])];
  const listed = new Set(serverTasks.map((t) => t.id));
  const waiting = broughtBack?.key === key ? broughtBack.tasks.filter(({ task }) => !listed.has(task.id)) : [];
  const rows: Task[] = [];
  const seen = new Set<number>();
  const waitingIds = new Set(waiting.map(({ task }) => task.id));
  // Adds a task, then the brought-back tasks that were below it (a bulk undo brings back runs of rows).
  const add = (serverTask: Task) => {
    if (seen.has(serverTask.id) || deleted.has(serverTask.id)) return;
    seen.add(serverTask.id);
    const mine = local[serverTask.id];
    const wins = mine && (mine.pending || mine.task.updatedAt >= serverTask.updatedAt || mine.replaces === serverTask.updatedAt);
    const task = wins ? mine.task : serverTask;
    if (matchesStatus(task, status, today)) rows.push(task);
    waiting.filter(({ after }) => after === serverTask.id).forEach(({ task }) => add(task));
  };
  // One whose row above is not in the list goes first, as it did when it was the first row.
  waiting.filter(({ after }) => after === null || (!listed.has(after) && !waitingIds.has(after))).forEach(({ task }) => add(task));
  serverTasks.forEach(add);
  const nextCursor = loaded ? loaded.cursor : initialPage.nextCursor;

  function navigate(change: Partial<TaskFilters>) {
    const next = { ...latest.current, ...change };
    latest.current = next;
    startNavigation(() => {
      showFilters(next);
      router.replace(tasksHref(next), { scroll: false });
    });
  }

  /** Before a row leaves the list: move focus to its neighbour, or to the list itself. */
  function keepFocusAfterRemoving(id: number) {
    const index = rows.findIndex((t) => t.id === id);
    const neighbour = rows[index + 1] ?? rows[index - 1];
    focusAfterRender.current = neighbour ? checkboxId(neighbour.id) : LIST_ID;
  }

  function forget(id: number) {
    setDeleted((d) => new Set(d).add(id));
  }

  /** Shows a row again that was taken out before the server agreed; it returns to its place in the list. */
  function unforget(id: number) {
    setDeleted((d) => {
      const next = new Set(d);
      next.delete(id);
      return next;
    });
  }

  function rememberPlace(id: number) {
    const index = rows.findIndex((t) => t.id === id);
    if (index >= 0) rowAbove.current.set(id, rows[index - 1]?.id ?? null);
  }

  /** Shows what an undo put back at once, in the rows they had; the server data follows with a refresh. */
  function showUndone({ restored, removed }: Undone) {
    setLocal((l) => {
      const next = { ...l };
      for (const task of restored) next[task.id] = { task, pending: false, replaces: l[task.id]?.task.updatedAt };
      return next;
    });
    setBroughtBack((b) => {
      const kept = b?.key === key ? b.tasks.filter(({ task }) => !restored.some((r) => r.id === task.id)) : [];
      return { key, tasks: [...kept, ...restored.map((task) => ({ task, after: rowAbove.current.get(task.id) ?? null }))] };
    });
    setDeleted((d) => {
      const next = new Set(d);
      for (const task of restored) next.delete(task.id);
      for (const task of removed) next.add(task.id);
      return next;
    });
  }

  async function toggle(task: Task) {
    const completed = !task.completed;
    const previous = local[task.id];
    const optimistic: Task = { ...task, completed, completedAt: completed ? (task.completedAt ?? new Date().toISOString()) : null };
    setError(null);
    if (!matchesStatus(optimistic, status, today) && document.activeElement?.id === checkboxId(task.id)) keepFocusAfterRemoving(task.id);
    rememberPlace(task.id);
    setLocal((l) => ({ ...l, [task.id]: { task: optimistic, pending: true } }));
    try {
      const { task: saved, changeSetId, next } = await tasksApi.update(task.id, { completed });
      setLocal((l) => ({ ...l, [task.id]: { task: saved, pending: false } }));
      // A repeating task's next occurrence arrives with the refresh; the toast says when it is due (one Undo reverts both).
      showUndoToast(completed ? "completed" : "reopened", [saved], changeSetId, showUndone, nextOccurrenceNote(next, today));
      router.refresh();
    } catch (err) {
      setLocal((l) => {
        const rest = { ...l };
        if (previous) rest[task.id] = previous;
        else delete rest[task.id];
        return rest;
      });
      if (err instanceof ApiError && err.status === 404) {
        forget(task.id);
        setError(`“${task.title}” no longer exists; it may have been deleted elsewhere.`);
        router.refresh();
      } else {
        setError(`Could not mark “${task.title}” as ${completed ? "done" : "not done"}. ${errorMessage(err)}`);
      }
    }
  }

  /** Marks the given open rows done in one change set, at once here; one Undo takes them all back. */
  async function completeAll(tasks: readonly Task[]) {
    const ids = new Set(tasks.map((t) => t.id));
    const previous = local;
    const now = new Date().toISOString();
    setError(null);
    setBulkPending(true);
    tasks.forEach((t) => rememberPlace(t.id));
    // The button goes with the rows it marked; focus stays on the list rather than dropping to the page.
    focusAfterRender.current = LIST_ID;
    setLocal((l) => ({ ...l, ...Object.fromEntries(tasks.map((t) => [t.id, { task: { ...t, completed: true, completedAt: now }, pending: true }])) }));
    try {
      const { tasks: saved, changeSetId } = await tasksApi.bulk("complete", [...ids]);
      setLocal((l) => ({ ...l, ...Object.fromEntries(saved.map((t) => [t.id, { task: t, pending: false }])) }));
      showUndoToast("completed", saved, changeSetId, showUndone);
    } catch (err) {
      setLocal((l) => {
        const rest = { ...l };
        for (const id of ids) {
          if (previous[id]) rest[id] = previous[id];
          else delete rest[id];
        }
        return rest;
      });
      setError(`Could not mark ${tasks.length} tasks as done; none was changed. ${errorMessage(err)}`);
    } finally {
      setBulkPending(false);
      router.refresh();
    }
  }

  /**
   * Deletes one task optimistically: the dialog closes and the row goes at once. If the server
   * refuses or cannot be reached, the row comes back where it was (it never left the server's
   * list) with the reason; a 404 means it is gone already, which is what was asked for.
   */
  async function confirmDelete() {
    if (confirming && !("id" in confirming)) return deleteAll(confirming);
    const task = confirming;
    if (!task) return;
    keepFocusAfterRemoving(task.id);
    rememberPlace(task.id);
    forget(task.id);
    setConfirming(null);
    setError(null);
    let changeSetId: string | undefined;
    try {
      ({ changeSetId } = await tasksApi.remove(task.id));
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 404)) {
        unforget(task.id);
        setError(`Could not delete “${task.title}”; it is back in the list. ${errorMessage(err)}`);
        return;
      }
    }
    // Without a change set (it was gone already) there is nothing to undo.
    if (changeSetId) showUndoToast("deleted", [task], changeSetId, showUndone);
    router.refresh();
  }

  /** Deletes the given rows in one change set (after the dialog); one Undo brings them all back. */
  async function deleteAll(tasks: readonly Task[]) {
    setDeleting(true);
    setDeleteError(undefined);
    try {
      const { tasks: removed, changeSetId } = await tasksApi.bulk("delete", tasks.map((t) => t.id));
      focusAfterRender.current = LIST_ID;
      removed.forEach((t) => {
        rememberPlace(t.id);
        forget(t.id);
      });
      setConfirming(null);
      showUndoToast("deleted", removed, changeSetId, showUndone);
    } catch (err) {
      setDeleteError(`${errorMessage(err)} Nothing was deleted.`);
    } finally {
      setDeleting(false);
      router.refresh();
    }
  }

  async function loadMore() {
    if (!nextCursor) return;
    const requestKey = key;
    setLoadingMore(true);
    setError(null);
    try {
      const params = filtersToApiParams(filters);
      params.set("cursor", nextCursor);
      const page = await tasksApi.list(params);
      if (filtersKey(latest.current) !== requestKey) return;
      setMore((prev) => ({ key: requestKey, tasks: [...(prev?.key === requestKey ? prev.tasks : []), ...page.tasks], cursor: page.nextCursor }));
      const firstNew = page.tasks.find((t) => !seen.has(t.id));
      if (firstNew) focusAfterRender.current = checkboxId(firstNew.id);
    } catch (err) {
      setError(`Could not load more tasks. ${errorMessage(err)}`);
    } finally {
      setLoadingMore(false);
    }
  }

  // Under All without completed tasks, the All count is what the list holds: the open ones.
  const tabCounts = { ...counts, all: hidesCompleted(shownFilters) ? counts.active : counts.all };
  const targets = bulkTargets(filters.status, rows);
  const isEmpty = rows.length === 0 && !nextCursor;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <StatusTabs
          value={shownFilters.status}
          counts={tabCounts}
          hrefFor={(status) => tasksHref({ ...shownFilters, status })}
          onSelect={(status) => navigate({ status })}
        />
        <div className="flex w-full flex-col gap-2 sm:flex-row sm:items-center xl:w-auto">
          {shownFilters.status === "all" && (
            <ShowCompletedToggle
              checked={!!shownFilters.showCompleted}
              count={counts.completed}
              onChange={(showCompleted) => navigate({ showCompleted })}
            />
          )}
          <SearchBox value={filters.q} onSearch={(q) => navigate({ q })} className="sm:flex-1 xl:w-48 xl:flex-none" />
          <SortControls
            sort={shownFilters.sort}
            order={effectiveOrder(shownFilters)}
            onChange={({ sort, order }) => navigate({ sort, order })}
          />
        </div>
      </div>

      <BulkActions
        status={filters.status}
        targets={targets}
        everything={!nextCursor && targets.length === rows.length}
        pending={bulkPending}
        onComplete={completeAll}
        onDelete={(tasks) => {
          setDeleteError(undefined);
          setConfirming(tasks);
        }}
      />

      {error && (
        <Alert className="flex items-start justify-between gap-3">
          <span>{error}</span>
          <button type="button" onClick={() => setError(null)} className="shrink-0 rounded text-sm font-medium underline underline-offset-2">
            Dismiss
          </button>
        </Alert>
      )}

      <div
        id={LIST_ID}
        tabIndex={-1}
        aria-busy={navigating || undefined}
        className={cn(
          "overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm transition-opacity outline-none dark:border-zinc-800 dark:bg-zinc-900",
          navigating && "opacity-60",
        )}
      >
        {rows.length > 0 && (
          <ul aria-label="Tasks" className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {rows.map((task) => (
              <TaskRow
                key={task.id}
                task={task}
                today={today}
                listName={filters.list ? undefined : listNames[task.listId]}
                labelNames={task.labelIds.map((id) => labelNames[id]).filter((n): n is string => !!n)}
                pending={local[task.id]?.pending}
                onToggle={toggle}
                onDelete={(t) => {
                  setDeleteError(undefined);
                  setConfirming(t);
                }}
              />
            ))}
          </ul>
        )}
        {isEmpty && empty}
        {nextCursor && (
          <div className={cn("p-3 text-center", rows.length > 0 && "border-t border-zinc-100 dark:border-zinc-800")}>
            <Button variant="ghost" onClick={loadMore} pending={loadingMore}>
              Load more
            </Button>
          </div>
        )}
      </div>

      <Suspense fallback={null}>
        <DeleteTaskDialog
          task={confirming}
          pending={deleting}
          error={deleteError}
          undo="toast"
          onConfirm={confirmDelete}
          onCancel={() => setConfirming(null)}
        />
      </Suspense>
    </div>
  );
}
