import "server-only";
import { and, asc, eq, isNotNull, lte } from "drizzle-orm";
import { db } from "@/db";
import { tasks } from "@/db/schema";
import { addDays } from "@/lib/dates";
import { toTask, type Task } from "@/lib/tasks";

/** Days the Upcoming view shows, today included. */
export const UPCOMING_DAYS = 7;
/** A bound on one page's rows; far more than a week of tasks. */
export const UPCOMING_MAX_TASKS = 500;

/** The user's open tasks due on or before the last day of the week from `today` (so overdue ones too), soonest first. */
export async function upcomingWeek(userId: string, today: string): Promise<Task[]> {
  const rows = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.userId, userId), eq(tasks.completed, false), isNotNull(tasks.dueDate), lte(tasks.dueDate, addDays(today, UPCOMING_DAYS - 1))))
    .orderBy(asc(tasks.dueDate), asc(tasks.id))
    .limit(UPCOMING_MAX_TASKS);
  return rows.map(toTask);
}
