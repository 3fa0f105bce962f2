import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { ListNav } from "@/components/lists/list-nav";
import { QuickAdd } from "@/components/quick-add/quick-add";
import { TaskListEmptyState } from "@/components/tasks/empty-state";
import { listedStatus, parseTaskFilters } from "@/components/tasks/filters";
import { TaskList } from "@/components/tasks/task-list";
import { buttonClass } from "@/components/ui/button";
import { PlusIcon } from "@/components/ui/icons";
import { listLabels } from "@/lib/labels";
import { listLists } from "@/lib/lists";
import { requireUser } from "@/lib/session";
import { listTasks, taskStats, type TaskStats } from "@/lib/tasks";
import { TASKS_FIRST_PAGE } from "@/lib/tasks/constants";
import { userToday } from "@/lib/timezone-server";

export const metadata: Metadata = { title: "Tasks" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const tabCounts = (s: TaskStats) => ({ all: s.total, active: s.active, completed: s.completed, overdue: s.overdue });

export default async function TasksPage({ searchParams }: Props) {
  const user = await requireUser();
  const [filters, today] = await Promise.all([searchParams.then(parseTaskFilters), userToday()]);
  const scoped = filters.list !== undefined || filters.label !== undefined;
  const [page, stats, scopeStats, lists, labels] = await Promise.all([
    listTasks(user.id, {
      status: listedStatus(filters),
      q: filters.q || undefined,
      sort: filters.sort,
      order: filters.order,
      today,
      list: filters.list,
      label: filters.label,
      limit: TASKS_FIRST_PAGE,
    }),
    taskStats(user.id, today),
    // The tabs count what they would list: the chosen list's or label's tasks.
    scoped ? taskStats(user.id, today, { list: filters.list, label: filters.label }) : null,
    // Archived lists are left out of the switcher but still named on their tasks' rows.
    listLists(user.id, { archived: "include" }),
    listLabels(user.id),
  ]);
  const activeLists = lists.filter((l) => !l.archived || l.id === filters.list);
  const counts = tabCounts(scopeStats ?? stats);

  const summary =
    stats.total === 0
      ? "Nothing on your list yet."
      : [`${stats.active} active`, stats.dueToday > 0 && `${stats.dueToday} due today`, stats.overdue > 0 && `${stats.overdue} overdue`]
          .filter(Boolean)
          .join(" · ");

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Tasks</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{summary}</p>
        </div>
        <Link href={filters.list ? `/tasks/new?list=${filters.list}` : "/tasks/new"} className={buttonClass("primary")}>
          <PlusIcon />
          New task
        </Link>
      </div>
      <QuickAdd />
      <div className="grid gap-4 lg:grid-cols-[13rem_minmax(0,1fr)] lg:gap-6">
        <ListNav lists={activeLists} labels={labels} filters={filters} />
        <TaskList
          initialPage={page}
          filters={filters}
          today={today}
          counts={counts}
          // With the Inbox alone, naming it on every row says nothing.
          listNames={lists.length > 1 ? Object.fromEntries(lists.map((l) => [l.id, l.name])) : {}}
          labelNames={Object.fromEntries(labels.map((l) => [l.id, l.name]))}
          empty={<TaskListEmptyState filters={filters} counts={counts} />}
        />
      </div>
    </div>
  );
}
