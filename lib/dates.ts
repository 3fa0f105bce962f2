/** Calendar dates as YYYY-MM-DD strings, the form the database and the API use. */

export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Today's date in an IANA time zone; falls back to UTC for an unknown zone. */
export function todayIn(timeZone: string | undefined, now = new Date()): string {
  if (!timeZone) return todayUtc(now);
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  } catch {
    return todayUtc(now);
  }
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;

// A fixed locale, and every date read as a UTC calendar day, so the server and the browser
// render the same words for the same inputs (no hydration mismatch, no off-by-one zone shift).
const weekdayFormat = new Intl.DateTimeFormat("en-US", { weekday: "long", timeZone: "UTC" });
const shortFormat = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const shortYearFormat = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
const fullFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "full", timeZone: "UTC" });

const utcDay = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);

/** Whole calendar days from `today` to `isoDate` (negative in the past). Both are YYYY-MM-DD. */
export function daysBetween(today: string, isoDate: string): number {
  return Math.round((utcDay(isoDate).getTime() - utcDay(today).getTime()) / DAY_MS);
}

/**
 * The app's one way to write a calendar day (YYYY-MM-DD, as due dates are stored) seen on the
 * viewer's `today`: "Today", "Tomorrow", "Yesterday", a weekday name within six days either way
 * ("Friday"), else a short date, "Mar 4", with the year only when it is not this year
 * ("Mar 4, 2025").
 */
export function formatRelativeDate(isoDate: string, today: string): string {
  const days = daysBetween(today, isoDate);
  if (days === 0) return "Today";
  if (days === 1) return "Tomorrow";
  if (days === -1) return "Yesterday";
  if (Math.abs(days) < 7) return weekdayFormat.format(utcDay(isoDate));
  return formatShortDate(isoDate, today);
}

/** "Mar 4", or "Mar 4, 2025" when the year is not `today`'s: a date without the relative words. */
export function formatShortDate(isoDate: string, today: string): string {
  return (isoDate.slice(0, 4) === today.slice(0, 4) ? shortFormat : shortYearFormat).format(utcDay(isoDate));
}

/** "Wednesday, March 4, 2026": the unambiguous form, for a tooltip or a screen reader. */
export function formatFullDate(isoDate: string): string {
  return fullFormat.format(utcDay(isoDate));
}

/**
 * An instant (an ISO timestamp such as a key's `createdAt`) as the calendar day it fell on in
 * the viewer's time zone (UTC when unknown), written like formatRelativeDate.
 */
export function formatRelativeInstant(instant: string | Date, timeZone: string | undefined, now: Date = new Date()): string {
  const at = typeof instant === "string" ? new Date(instant) : instant;
  if (Number.isNaN(at.getTime())) return "";
  return formatRelativeDate(todayIn(timeZone, at), todayIn(timeZone, now));
}
