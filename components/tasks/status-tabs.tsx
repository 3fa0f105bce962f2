"use client";
import { Link } from "@/components/ui/link";
import { cn } from "@/components/ui/cn";
import { STATUSES, type TaskStatus } from "@/lib/tasks/constants";
import { STATUS_LABELS } from "./filters";

type Props = {
  value: TaskStatus;
  counts: Record<TaskStatus, number>;
  hrefFor: (status: TaskStatus) => string;
  onSelect: (status: TaskStatus) => void;
};

const isModified = (e: React.MouseEvent) => e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0;

/** All / Active / Completed / Overdue as links (they open in a new tab too), each with its count. */
export function StatusTabs({ value, counts, hrefFor, onSelect }: Props) {
  return (
    <nav aria-label="Filter by status" className="w-full sm:w-auto">
      <ul className="flex w-full gap-0.5 overflow-x-auto rounded-lg bg-zinc-100 p-1 sm:gap-1 dark:bg-zinc-800/60">
        {STATUSES.map((status) => {
          const active = status === value;
          const count = counts[status];
          return (
            <li key={status} className="flex-auto sm:flex-none">
              <Link
                href={hrefFor(status)}
                replace
                scroll={false}
                aria-current={active ? "page" : undefined}
                onClick={(e) => {
                  if (isModified(e)) return;
                  e.preventDefault();
                  onSelect(status);
                }}
                className={cn(
                  "flex h-8 items-center justify-center gap-1 rounded-md px-1.5 text-[13px] font-medium whitespace-nowrap transition-colors sm:gap-1.5 sm:px-3 sm:text-sm",
                  active
                    ? "bg-white text-zinc-900 shadow-sm dark:bg-zinc-950 dark:text-zinc-50"
                    : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100",
                )}
              >
                {STATUS_LABELS[status]}
                <span
                  className={cn(
                    "rounded-full px-1 text-xs tabular-nums sm:px-1.5",
                    status === "overdue" && count > 0
                      ? "bg-red-100 text-red-700 dark:bg-red-500/15 dark:text-red-300"
                      : active
                        ? "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
                        : "bg-zinc-200/70 text-zinc-600 dark:bg-zinc-700/60 dark:text-zinc-400",
                  )}
                >
                  <span className="sr-only">(</span>
                  {count}
                  <span className="sr-only">)</span>
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
