import { Link } from "@/components/ui/link";
import { buttonClass } from "@/components/ui/button";
import { CheckCircleIcon, PlusIcon } from "@/components/ui/icons";
import type { TaskStatus } from "@/lib/tasks/constants";
import { DEFAULT_FILTERS, hidesCompleted, STATUS_LABELS, tasksHref, type TaskFilters } from "./filters";

type Props =
  | { kind: "none" }
  | { kind: "all-done"; completed: number; showHref: string }
  | { kind: "no-match"; status: TaskStatus; q: string; clearHref: string; scope?: "list" | "label" };

const STATUS_HINTS: Record<TaskStatus, string> = {
  all: "Nothing here.",
  active: "Every task is done. Nice work!",
  completed: "Nothing is completed yet.",
  overdue: "Nothing is overdue.",
};

const SCOPE_HINTS = { list: "Nothing in this list yet.", label: "No task has this label yet." } as const;

/**
 * What the task list shows when nothing is left to list under `filters`, given the server's
 * `counts`. It depends on nothing the browser changes, so the page renders it on the server and
 * hands it to the list, and its words stay out of the list's first-load JavaScript (decision 27).
 */
export function TaskListEmptyState({ filters, counts }: { filters: TaskFilters; counts: Record<TaskStatus, number> }) {
  const completedHidden = hidesCompleted(filters) ? counts.completed : 0;
  if (counts.all === 0 && !filters.list && !filters.label) return <EmptyState kind="none" />;
  if (filters.status === "all" && !filters.q && completedHidden > 0)
    return <EmptyState kind="all-done" completed={completedHidden} showHref={tasksHref({ ...filters, showCompleted: true })} />;
  if (filters.status === "all" && !filters.q && !filters.list && !filters.label) return <EmptyState kind="none" />;
  return (
    <EmptyState
      kind="no-match"
      status={filters.status}
      q={filters.q}
      scope={filters.list ? "list" : filters.label ? "label" : undefined}
      clearHref={tasksHref({ ...DEFAULT_FILTERS, sort: filters.sort, order: filters.order, showCompleted: filters.showCompleted })}
    />
  );
}

/** What the list shows when it is empty: no tasks at all, or none that match the filters. */
function EmptyState(props: Props) {
  if (props.kind === "none") {
    return (
      <div className="px-6 py-14 text-center">
        <div aria-hidden className="mx-auto grid size-12 place-items-center rounded-full bg-indigo-50 text-indigo-600 dark:bg-indigo-500/10 dark:text-indigo-300">
          <CheckCircleIcon className="size-6" />
        </div>
        <h2 className="mt-4 text-base font-semibold">No tasks yet</h2>
        <p className="mx-auto mt-1 max-w-sm text-sm text-zinc-600 dark:text-zinc-400">
          Add your first task here, or tell the assistant in Chat what you need to do.
        </p>
        <div className="mt-6 flex flex-wrap justify-center gap-2">
          <Link href="/tasks/new" className={buttonClass("primary")}>
            <PlusIcon />
            New task
          </Link>
          <Link href="/chat" className={buttonClass("secondary")}>
            Open chat
          </Link>
        </div>
      </div>
    );
  }
  if (props.kind === "all-done") {
    return (
      <div className="px-6 py-14 text-center">
        <h2 className="text-base font-semibold">Everything is done</h2>
        <p className="mx-auto mt-1 max-w-sm text-sm text-zinc-600 dark:text-zinc-400">
          {props.completed === 1 ? "Your 1 completed task is hidden." : `Your ${props.completed} completed tasks are hidden.`}
        </p>
        <Link href={props.showHref} replace scroll={false} className={buttonClass("secondary", "md", "mt-6")}>
          Show completed
        </Link>
      </div>
    );
  }
  const { status, q, clearHref, scope } = props;
  const where = status === "all" ? "" : ` in ${STATUS_LABELS[status]}`;
  const hint = q ? `Nothing${where} matches “${q}”.` : status === "all" && scope ? SCOPE_HINTS[scope] : STATUS_HINTS[status];
  return (
    <div className="px-6 py-14 text-center">
      <h2 className="text-base font-semibold">No tasks match</h2>
      <p className="mx-auto mt-1 max-w-sm text-sm wrap-anywhere text-zinc-600 dark:text-zinc-400">
        {hint}
      </p>
      <Link href={clearHref} className={buttonClass("secondary", "md", "mt-6")}>
        Clear filters
      </Link>
    </div>
  );
}
