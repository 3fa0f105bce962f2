"use client";
import { Link } from "@/components/ui/link";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { PencilIcon, TrashIcon } from "@/components/ui/icons";
import type { Task } from "@/lib/tasks/schemas";
import { DueLabel } from "./due-label";
import { PriorityBadge } from "./priority-badge";

export const checkboxId = (id: number) => `task-${id}-done`;

type Props = {
  task: Task;
  today: string;
  /** The task's list, shown when the page lists more than one list. */
  listName?: string;
  labelNames?: readonly string[];
  /** A change to this task is on its way to the server. */
  pending?: boolean;
  /** Icon-only Edit and Delete at every width, for a narrow column such as the chat's task panel. */
  compact?: boolean;
  onToggle: (task: Task) => void;
  onDelete: (task: Task) => void;
};

/** One task: a completion checkbox, its text, priority and due date, and Edit/Delete. */
export function TaskRow({ task, today, listName, labelNames = [], pending, compact = false, onToggle, onDelete }: Props) {
  const buttonLabel = compact ? "hidden" : "hidden sm:inline";
  const titleId = `task-${task.id}-title`;
  return (
    <li aria-labelledby={titleId} aria-busy={pending || undefined} className="flex items-start gap-3 px-4 py-3.5 sm:px-5">
      <input
        id={checkboxId(task.id)}
        type="checkbox"
        checked={task.completed}
        onChange={() => {
          if (!pending) onToggle(task);
        }}
        aria-label={`Mark “${task.title}” as ${task.completed ? "not done" : "done"}`}
        className="mt-0.5 size-5 shrink-0 cursor-pointer rounded accent-indigo-600 dark:accent-indigo-500"
      />
      <div className="min-w-0 flex-1">
        <p
          id={titleId}
          className={cn(
            "leading-6 font-medium wrap-anywhere",
            // Muted but readable (≥ 4.5:1 in light and dark): a struck-through title is still text to read.
            task.completed ? "text-zinc-600 line-through decoration-zinc-500 dark:text-zinc-400" : "text-zinc-900 dark:text-zinc-100",
          )}
        >
          {task.title}
        </p>
        {task.description && (
          <p className="mt-0.5 line-clamp-2 text-sm wrap-anywhere text-zinc-600 dark:text-zinc-400">
            {task.description}
          </p>
        )}
        <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1.5">
          <PriorityBadge priority={task.priority} />
          {task.dueDate && <DueLabel dueDate={task.dueDate} today={today} completed={task.completed} />}
          {task.recurrenceText && (
            <span className="inline-flex items-center gap-1 text-xs text-zinc-600 dark:text-zinc-400">
              <span aria-hidden>↻</span>
              <span className="sr-only">Repeats: </span>
              {task.recurrenceText}
            </span>
          )}
          {listName && (
            <span className="text-xs text-zinc-600 dark:text-zinc-400">
              <span className="sr-only">List: </span>
              {listName}
            </span>
          )}
          {labelNames.length > 0 && (
            <ul aria-label="Labels" className="flex flex-wrap gap-1">
              {labelNames.map((name) => (
                <li key={name} className="rounded-full bg-zinc-100 px-2 py-0.5 text-xs font-medium text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
                  #{name}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <div className="-mr-2 flex shrink-0 items-center gap-0.5 sm:mr-0">
        <Link href={`/tasks/${task.id}/edit`} aria-label={`Edit “${task.title}”`} className={buttonClass("ghost", "sm", "px-2 sm:px-2.5")}>
          <PencilIcon />
          <span className={buttonLabel}>Edit</span>
        </Link>
        <button
          type="button"
          onClick={() => onDelete(task)}
          aria-label={`Delete “${task.title}”`}
          className={buttonClass("ghost-danger", "sm", "px-2 sm:px-2.5")}
        >
          <TrashIcon />
          <span className={buttonLabel}>Delete</span>
        </button>
      </div>
    </li>
  );
}
