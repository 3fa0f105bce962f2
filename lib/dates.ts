/** Calendar dates as YYYY-MM-DD strings, the form the database and the API use. */

export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;

// A fixed locale (US English), and every date read as a UTC calendar day, so the server and the
// browser render the same words for the same inputs (no hydration mismatch, no off-by-one zone
// shift). With the locale fixed the names are fixed too, so they are spelled here rather than
// asked of Intl: four Intl.DateTimeFormat objects cost about 80 ms of a throttled phone's main
// thread when this module loads during hydration (issue 15, Lighthouse on /tasks and /chat).
// tests/unit/format-date.test.ts checks every day of four years against Intl's en-US output.
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"] as const;
const shortMonth = (d: Date) => MONTHS[d.getUTCMonth()]!.slice(0, 3);

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
  if (Math.abs(days) < 7) return WEEKDAYS[utcDay(isoDate).getUTCDay()]!;
  return formatShortDate(isoDate, today);
}

/** "Mar 4", or "Mar 4, 2025" when the year is not `today`'s: a date without the relative words. */
export function formatShortDate(isoDate: string, today: string): string {
  const d = utcDay(isoDate);
  const monthDay = `${shortMonth(d)} ${d.getUTCDate()}`;
  return isoDate.slice(0, 4) === today.slice(0, 4) ? monthDay : `${monthDay}, ${d.getUTCFullYear()}`;
}

/** "Wednesday, March 4, 2026": the unambiguous form, for a tooltip or a screen reader. */
export function formatFullDate(isoDate: string): string {
  const d = utcDay(isoDate);
  return `${WEEKDAYS[d.getUTCDay()]}, ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}

/**
 * Orders ISO dates or timestamps written the same way (YYYY-MM-DD, or toISOString's form):
 * their character order is their time order. Not localeCompare, which builds an Intl collator,
 * and a browser's first one costs tens of milliseconds of main thread.
 */
export function compareIso(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
