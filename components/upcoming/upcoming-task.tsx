"use client";
import { PriorityBadge } from "@/components/tasks/priority-badge";
import { cn } from "@/components/ui/cn";
import { formatShortDate } from "@/lib/dates";
import type { Task } from "@/lib/tasks/schemas";
import { dayName, weekDays } from "./days";

/** The drag data type, so a drop of anything else (text, a file) is ignored. */
export const TASK_DRAG_TYPE = "application/x-tasktalk-task";
export const moveSelectId = (id: number) => `upcoming-task-${id}-move`;

type Props = {
  task: Task;
  today: string;
  pending: boolean;
  onComplete: (task: Task) => void;
  onMove: (task: Task, dueDate: string | null) => void;
  onShift: (task: Task, by: -1 | 1) => void;
};

/**
 * One task in the Upcoming view: a checkbox to complete it, its title, and "Move to…" (the
 * week's days and No date). The row can be dragged to another day; Alt+↑/↓ moves it a day.
 */
export function UpcomingTask({ task, today, pending, onComplete, onMove, onShift }: Props) {
  const titleId = `upcoming-task-${task.id}-title`;
  const days = weekDays(today);
  const overdue = task.dueDate !== null && task.dueDate < today;
  return (
    <li
      aria-labelledby={titleId}
      aria-busy={pending || undefined}
      draggable
      data-testid={`upcoming-task-${task.id}`}
      onDragStart={(e) => {
        e.dataTransfer.setData(TASK_DRAG_TYPE, String(task.id));
        e.dataTransfer.setData("text/plain", task.title);
        e.dataTransfer.effectAllowed = "move";
      }}
      onKeyDown={(e) => {
        if (!e.altKey || (e.key !== "ArrowUp" && e.key !== "ArrowDown")) return;
        e.preventDefault();
        if (!pending) onShift(task, e.key === "ArrowUp" ? -1 : 1);
      }}
      className={cn("flex cursor-grab flex-wrap items-center gap-x-3 gap-y-2 px-4 py-3 active:cursor-grabbing sm:flex-nowrap", pending && "opacity-70")}
    >
      <input
        type="checkbox"
        checked={false}
        onChange={() => {
          if (!pending) onComplete(task);
        }}
        aria-label={`Mark “${task.title}” as done`}
        className="size-5 shrink-0 cursor-pointer rounded accent-indigo-600 dark:accent-indigo-500"
      />
      <div className="min-w-0 flex-1">
        <p id={titleId} className="leading-6 font-medium wrap-anywhere">
          {task.title}
        </p>
        {(overdue || task.priority === "high" || task.recurrenceText) && (
          <p className="mt-0.5 flex flex-wrap items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
            {overdue && <span className="font-medium text-red-700 dark:text-red-400">Due {dayName(task.dueDate, today)}</span>}
            {task.priority === "high" && <PriorityBadge priority="high" />}
            {task.recurrenceText && <span>{task.recurrenceText}</span>}
          </p>
        )}
      </div>
      <label htmlFor={moveSelectId(task.id)} className="sr-only">
        Move “{task.title}” to…
      </label>
      <select
        id={moveSelectId(task.id)}
        value={task.dueDate ?? ""}
        // Not disabled while saving: a disabled control drops focus, and a move keeps focus here.
        aria-disabled={pending || undefined}
        aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
        onChange={(e) => {
          if (!pending) onMove(task, e.target.value || null);
        }}
        className="ml-8 rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm text-zinc-900 sm:ml-0 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
      >
        {overdue && (
          <option value={task.dueDate!} disabled>
            Overdue: {formatShortDate(task.dueDate!, today)}
          </option>
        )}
        {days.map((d) => (
          <option key={d} value={d}>
            {dayName(d, today)}
          </option>
        ))}
        <option value="">No date</option>
      </select>
    </li>
  );
}
