import { addDays } from "@/lib/dates";
import { completeRule, type RecurrenceInput } from "./rule";

const parts = (isoDate: string) => ({ y: Number(isoDate.slice(0, 4)), m: Number(isoDate.slice(5, 7)), d: Number(isoDate.slice(8, 10)) });
const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const dayNumber = (isoDate: string) => Math.round(Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000);
/** Days since 1970-01-04, a Sunday, over 7: the index of the Sunday-to-Saturday week. */
const weekNumber = (isoDate: string) => Math.floor((dayNumber(isoDate) - 3) / 7);

/** The day a monthly or yearly rule lands on in a month: its day, or the month's last day when shorter. */
const clampedDay = (y: number, m: number, monthDay: number) => Math.min(monthDay, daysInMonth(y, m));

/**
 * The first date after `after` on which the rule falls, counting its interval from `anchor` (the
 * occurrence being completed), so "every 2 weeks" keeps its weeks. All dates are YYYY-MM-DD.
 */
export function occurrenceAfter(ruleInput: RecurrenceInput, anchor: string, after: string): string {
  const rule = completeRule(ruleInput, anchor);
  const a = parts(anchor);
  switch (rule.every) {
    case "day": {
      const gap = dayNumber(after) - dayNumber(anchor);
      const steps = gap < 0 ? 1 : Math.floor(gap / rule.interval) + 1;
      return addDays(anchor, steps * rule.interval);
    }
    case "week": {
      const weekdays = rule.weekdays!;
      for (let date = addDays(after, 1); ; date = addDays(date, 1)) {
        const weeks = weekNumber(date) - weekNumber(anchor);
        if (weeks % rule.interval === 0 && weekdays.includes(new Date(`${date}T00:00:00Z`).getUTCDay())) return date;
      }
    }
    case "month": {
      const monthDay = rule.monthDay!;
      // Month indexes from the anchor's month, stepping by the interval, until one is after `after`.
      for (let k = 0; ; k += rule.interval) {
        const total = a.y * 12 + (a.m - 1) + k;
        const y = Math.floor(total / 12);
        const m = (total % 12) + 1;
        const date = iso(y, m, clampedDay(y, m, monthDay));
        if (date > after) return date;
      }
    }
    case "year": {
      for (let y = a.y; ; y += rule.interval) {
        const date = iso(y, rule.month!, clampedDay(y, rule.month!, rule.monthDay!));
        if (date > after) return date;
      }
    }
  }
}

/**
 * The due date of the next occurrence when a repeating task is completed on `today` (the user's
 * calendar day). It follows the schedule from the current due date, and never lands on or before
 * today: a daily task done late comes back tomorrow, not with a backlog of missed days. Without a
 * due date, the schedule starts today.
 */
export function nextDueDate(rule: RecurrenceInput, dueDate: string | null, today: string): string {
  const anchor = dueDate ?? today;
  const after = dueDate && dueDate > today ? dueDate : today;
  return occurrenceAfter(rule, anchor, after);
}
