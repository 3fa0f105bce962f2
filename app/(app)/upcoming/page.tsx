import type { Metadata } from "next";
import { UpcomingBoard } from "@/components/upcoming/upcoming-board";
import { upcomingWeek } from "@/lib/calendar/upcoming";
import { requireUser } from "@/lib/session";
import { userToday } from "@/lib/timezone-server";

export const metadata: Metadata = { title: "Upcoming" };

/** Overdue tasks, then the next seven days in the viewer's time zone. */
export default async function UpcomingPage() {
  const user = await requireUser();
  const today = await userToday();
  const tasks = await upcomingWeek(user.id, today);
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Upcoming</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Your week at a glance. Drag a task to another day, or use its “Move to…” menu (Alt+↑/↓ moves it a day).
        </p>
      </div>
      <UpcomingBoard initialTasks={tasks} today={today} />
    </div>
  );
}
