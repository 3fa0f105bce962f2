"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { ApiError, errorMessage, tasksApi, type Undone } from "@/components/tasks/api";
import { nextOccurrenceNote, useUndoToast } from "@/components/tasks/use-undo-toast";
import { Alert } from "@/components/ui/alert";
import { cn } from "@/components/ui/cn";
import { useToast } from "@/components/ui/toast";
import { formatShortDate } from "@/lib/dates";
import type { Task } from "@/lib/tasks/schemas";
import { dayName, groupByDay, shiftedDay } from "./days";
import { moveSelectId, TASK_DRAG_TYPE, UpcomingTask } from "./upcoming-task";

/**
 * The Upcoming view: overdue tasks, then the next seven days, each with its tasks. Completing
 * and moving are optimistic (rolled back when the server refuses) and undoable from the toast.
 * A move is a drag to another day, the row's "Move to…" select, or Alt+↑/↓; each is announced.
 */
export function UpcomingBoard({ initialTasks, today }: { initialTasks: Task[]; today: string }) {
  const [tasks, setTasks] = useState(initialTasks);
  const [pending, setPending] = useState<ReadonlySet<number>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [dropDay, setDropDay] = useState<string | null>(null);
  // The task whose "Move to…" gets focus once it has moved (its row remounts under another day).
  const focusTask = useRef<number | null>(null);
  const showToast = useToast();
  const showUndoToast = useUndoToast();
  const router = useRouter();
  const { overdue, days } = groupByDay(tasks, today);

  useEffect(() => {
    if (focusTask.current === null) return;
    document.getElementById(moveSelectId(focusTask.current))?.focus();
    focusTask.current = null;
  }, [tasks]);

  const put = (changed: Task[]) => setTasks((list) => [...list.filter((t) => !changed.some((c) => c.id === t.id)), ...changed]);
  const drop = (ids: number[]) => setTasks((list) => list.filter((t) => !ids.includes(t.id)));
  const busy = (id: number, on: boolean) =>
    setPending((p) => {
      const next = new Set(p);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const showUndone = ({ restored, removed }: Undone) => {
    drop(removed.map((t) => t.id));
    put(restored.filter((t) => !t.completed));
  };
  const failed = (task: Task, err: unknown) => {
    const message = err instanceof ApiError && err.status === 404 ? `“${task.title}” no longer exists; it may have been deleted elsewhere.` : errorMessage(err);
    setError(message);
    setAnnouncement(message);
  };

  async function move(task: Task, dueDate: string | null, keepFocus: boolean) {
    if (dueDate === task.dueDate) return;
    const where = dueDate ? `${dayName(dueDate, today)}, ${formatShortDate(dueDate, today)}` : "No date";
    setError(null);
    put([{ ...task, dueDate }]);
    busy(task.id, true);
    if (keepFocus && dueDate) focusTask.current = task.id;
    setAnnouncement(`Moved “${task.title}” to ${where}.`);
    try {
      const { task: saved, changeSetId } = await tasksApi.update(task.id, { dueDate });
      put([saved]);
      showToast({
        message: `Moved “${task.title}” to ${dueDate ? dayName(dueDate, today) : "No date"}`,
        action: {
          label: "Undo",
          run: async () => {
            try {
              const undone = await tasksApi.undo(changeSetId);
              showUndone(undone);
              return { message: undone.alreadyUndone ? "Already undone" : "Undone" };
            } catch (err) {
              return { message: errorMessage(err), tone: "error" };
            } finally {
              router.refresh();
            }
          },
        },
      });
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) drop([task.id]);
      else put([task]);
      failed(task, err);
    } finally {
      busy(task.id, false);
    }
  }

  async function complete(task: Task) {
    setError(null);
    drop([task.id]);
    setAnnouncement(`Completed “${task.title}”.`);
    try {
      const { task: saved, changeSetId, next } = await tasksApi.update(task.id, { completed: true });
      if (next && !next.completed) put([next]);
      showUndoToast("completed", [saved], changeSetId, showUndone, nextOccurrenceNote(next, today));
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 404)) put([task]);
      failed(task, err);
    }
  }

  function onDrop(day: string, e: React.DragEvent) {
    setDropDay(null);
    const id = Number(e.dataTransfer.getData(TASK_DRAG_TYPE));
    const task = tasks.find((t) => t.id === id);
    if (!task) return;
    e.preventDefault();
    void move(task, day, false);
  }

  const row = (task: Task) => (
    <UpcomingTask
      key={task.id}
      task={task}
      today={today}
      pending={pending.has(task.id)}
      onComplete={complete}
      onMove={(t, d) => move(t, d, true)}
      onShift={(t, by) => move(t, shiftedDay(t.dueDate ?? today, by, today), true)}
    />
  );
  const list = "divide-y divide-zinc-200 dark:divide-zinc-800";

  return (
    <div className="space-y-4">
      <p role="status" aria-live="polite" className="sr-only" data-testid="upcoming-announcer">
        {announcement}
      </p>
      {error && <Alert tone="error">{error}</Alert>}

      {overdue.length > 0 && (
        <section aria-labelledby="upcoming-overdue" data-testid="upcoming-overdue" className="rounded-lg border border-red-200 bg-white dark:border-red-900/60 dark:bg-zinc-900">
          <h2 id="upcoming-overdue" className="border-b border-red-200 px-4 py-2 text-sm font-semibold text-red-700 dark:border-red-900/60 dark:text-red-400">
            Overdue <span className="font-normal">({overdue.length})</span>
          </h2>
          <ul className={list}>{overdue.map(row)}</ul>
        </section>
      )}

      {[...days].map(([day, dayTasks]) => {
        const headingId = `upcoming-day-${day}`;
        return (
          <section
            key={day}
            aria-labelledby={headingId}
            data-testid={`upcoming-day-${day}`}
            onDragOver={(e) => {
              if (!e.dataTransfer.types.includes(TASK_DRAG_TYPE)) return;
              e.preventDefault();
              e.dataTransfer.dropEffect = "move";
              if (dropDay !== day) setDropDay(day);
            }}
            onDragLeave={(e) => {
              if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDropDay((d) => (d === day ? null : d));
            }}
            onDrop={(e) => onDrop(day, e)}
            className={cn(
              "rounded-lg border bg-white dark:bg-zinc-900",
              dropDay === day ? "border-indigo-500 ring-2 ring-indigo-500/40 dark:border-indigo-400" : "border-zinc-200 dark:border-zinc-800",
            )}
          >
            <h2 id={headingId} className={cn("flex items-baseline gap-2 px-4 text-sm font-semibold", dayTasks.length ? "border-b border-zinc-200 py-2 dark:border-zinc-800" : "py-2")}>
              {dayName(day, today)}
              <span className="font-normal text-zinc-600 dark:text-zinc-400">{formatShortDate(day, today)}</span>
              {dayTasks.length === 0 && <span className="ml-auto text-xs font-normal text-zinc-600 dark:text-zinc-400">Nothing planned</span>}
            </h2>
            {dayTasks.length > 0 && <ul className={list}>{dayTasks.map(row)}</ul>}
          </section>
        );
      })}
    </div>
  );
}
