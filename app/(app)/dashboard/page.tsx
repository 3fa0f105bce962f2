import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { QuickAdd } from "@/components/quick-add/quick-add";
import { UpcomingTasks } from "@/components/tasks/upcoming-tasks";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { ChatIcon, PlusIcon } from "@/components/ui/icons";
import { requireUser } from "@/lib/session";
import { taskStats, upcomingTasks, type TaskStats } from "@/lib/tasks";
import { userToday } from "@/lib/timezone-server";

export const metadata: Metadata = { title: "Dashboard" };

type Stat = { key: keyof TaskStats; label: string; hint: string; href: string; alert?: string };

const STATS: Stat[] = [
  { key: "active", label: "Active", hint: "Still to do", href: "/tasks?status=active" },
  { key: "completed", label: "Completed", hint: "Done and dusted", href: "/tasks?status=completed" },
  { key: "overdue", label: "Overdue", hint: "Past their due date", href: "/tasks?status=overdue", alert: "text-red-600 dark:text-red-400" },
  { key: "dueToday", label: "Due today", hint: "On today's list", href: "/tasks?status=active&sort=due", alert: "text-amber-600 dark:text-amber-400" },
];

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function summary(stats: TaskStats): string {
  if (stats.total === 0) return "Your list is empty. Add a task, or tell the assistant what you need to do.";
  if (stats.active === 0) return "Everything is done. Nice work!";
  const parts = [plural(stats.active, "active task")];
  if (stats.dueToday) parts.push(`${stats.dueToday} due today`);
  if (stats.overdue) parts.push(`${stats.overdue} overdue`);
  return `You have ${parts.join(", ").replace(/, ([^,]*)$/, " and $1")}.`;
}

export default async function DashboardPage() {
  const user = await requireUser();
  const today = await userToday();
  const [stats, upcoming] = await Promise.all([taskStats(user.id, today), upcomingTasks(user.id, 5)]);

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight wrap-anywhere">Welcome, {user.name}</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{summary(stats)}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link href="/tasks/new" className={buttonClass("primary")}>
            <PlusIcon />
            New task
          </Link>
          <Link href="/chat" className={buttonClass("secondary")}>
            <ChatIcon />
            Open chat
          </Link>
        </div>
      </div>

      <QuickAdd />

      <section aria-labelledby="overview-heading">
        <h2 id="overview-heading" className="sr-only">
          Overview
        </h2>
        <ul className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4">
          {STATS.map((stat) => {
            const value = stats[stat.key];
            return (
              <li key={stat.key}>
                <Link
                  href={stat.href}
                  className="group block h-full rounded-xl border border-zinc-200 bg-white p-4 shadow-sm transition-colors hover:border-indigo-300 hover:bg-indigo-50/40 sm:p-5 dark:border-zinc-800 dark:bg-zinc-900 dark:hover:border-indigo-500/50 dark:hover:bg-indigo-500/5"
                >
                  <span className="block text-sm font-medium text-zinc-600 dark:text-zinc-400">{stat.label}</span>
                  <span
                    data-testid={`stat-${stat.key}`}
                    className={cn("mt-1 block text-3xl font-semibold tracking-tight tabular-nums", value > 0 && stat.alert)}
                  >
                    {value}
                  </span>
                  <span className="mt-1 block text-xs text-zinc-600 group-hover:text-indigo-700 dark:text-zinc-400 dark:group-hover:text-indigo-300">
                    {stat.hint} →
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      </section>

      <div className="grid gap-6 lg:grid-cols-3">
        <section
          aria-labelledby="next-up-heading"
          className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm lg:col-span-2 dark:border-zinc-800 dark:bg-zinc-900"
        >
          <div className="flex items-center justify-between gap-3 border-b border-zinc-100 px-5 py-4 dark:border-zinc-800">
            <h2 id="next-up-heading" className="font-semibold">
              Next up
            </h2>
            <Link href="/tasks?status=active&sort=due" className="rounded text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400">
              View all
            </Link>
          </div>
          {upcoming.length > 0 ? (
            <UpcomingTasks tasks={upcoming} today={today} labelledBy="next-up-heading" />
          ) : (
            <div className="px-5 py-10 text-center">
              <p className="font-medium">Nothing scheduled</p>
              <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
                {stats.active > 0 ? "None of your open tasks has a due date." : "Tasks with a due date show up here, soonest first."}
              </p>
              <Link href="/tasks/new" className={buttonClass("secondary", "sm", "mt-4")}>
                <PlusIcon />
                Create a task
              </Link>
            </div>
          )}
        </section>

        <Card>
          <section aria-labelledby="quick-links-heading">
            <h2 id="quick-links-heading" className="font-semibold">
              Quick links
            </h2>
            <ul className="mt-3 space-y-1 text-sm">
              {[
                { href: "/tasks/new", label: "Add a task", hint: "Title, priority, due date" },
                { href: "/chat", label: "Talk to the assistant", hint: "“Add milk to my list for Friday”" },
                { href: "/tasks?status=overdue", label: "Catch up on overdue tasks", hint: plural(stats.overdue, "task") },
                { href: "/tasks", label: "See all tasks", hint: plural(stats.total, "task") },
              ].map((link) => (
                <li key={link.href}>
                  <Link
                    href={link.href}
                    className="-mx-2 block rounded-md px-2 py-2 hover:bg-zinc-100 dark:hover:bg-zinc-800"
                  >
                    <span className="block font-medium text-zinc-900 dark:text-zinc-100">{link.label}</span>
                    <span className="block text-xs text-zinc-500 dark:text-zinc-400">{link.hint}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        </Card>
      </div>
    </div>
  );
}
