import { addDays, compareIso, formatRelativeDate } from "@/lib/dates";
import type { Task } from "@/lib/tasks/schemas";

/** How many days the Upcoming view shows, today first (lib/calendar/upcoming.ts's UPCOMING_DAYS; that module is server-only). */
export const WEEK_LENGTH = 7;

/** The week's days from `today`, as YYYY-MM-DD. */
export function weekDays(today: string): string[] {
  return Array.from({ length: WEEK_LENGTH }, (_, i) => addDays(today, i));
}

/** "Today", "Tomorrow", a weekday name; "No date" for null. */
export function dayName(date: string | null, today: string): string {
  return date === null ? "No date" : formatRelativeDate(date, today);
}

/** Open tasks split into overdue ones and one bucket per day of the week; others (later, undated) are left out. */
export function groupByDay(tasks: readonly Task[], today: string): { overdue: Task[]; days: Map<string, Task[]> } {
  const days = new Map(weekDays(today).map((d) => [d, [] as Task[]]));
  const overdue: Task[] = [];
  const sorted = [...tasks].sort((a, b) => compareIso(a.dueDate ?? "", b.dueDate ?? "") || a.id - b.id);
  for (const task of sorted) {
    if (task.completed || !task.dueDate) continue;
    if (task.dueDate < today) overdue.push(task);
    else days.get(task.dueDate)?.push(task);
  }
  return { overdue, days };
}

/** Where Alt+↑/↓ takes a task: a day earlier or later, kept within the week (an overdue task goes to today). */
export function shiftedDay(dueDate: string, by: -1 | 1, today: string): string {
  const last = addDays(today, WEEK_LENGTH - 1);
  const target = dueDate < today ? today : addDays(dueDate, by);
  if (target < today) return today;
  if (target > last) return last;
  return target;
}
