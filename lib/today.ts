import { formatRelativeDate, todayUtc } from "./dates";

/**
 * "Today" in a time zone, and instants on the viewer's calendar. Apart from lib/dates.ts so that
 * pages which only write calendar days (task rows' due dates) do not load this too: /tasks's
 * first-load JavaScript sits at its 150 KiB budget.
 */

/** Today's date in an IANA time zone; falls back to UTC for an unknown zone. */
export function todayIn(timeZone: string | undefined, now = new Date()): string {
  if (!timeZone) return todayUtc(now);
  const temporal = temporalToday(timeZone, now);
  if (temporal) return temporal;
  const format = dayFormatIn(timeZone);
  return format ? format.format(now) : todayUtc(now);
}

/** Just what is used of the Temporal API, which not every runtime (nor TypeScript's lib) has yet. */
type TemporalApi = {
  Instant: { fromEpochMilliseconds(ms: number): { toZonedDateTimeISO(zone: string): { toPlainDate(): { toString(): string } } } };
};

/**
 * Temporal, where the runtime has it (Chromium and Firefox do, Node 22 does not): a browser's
 * first Intl.DateTimeFormat loads its locale data, 30–80 ms of main thread in Chromium here
 * against under a millisecond for this (issue 15, the chat page's load). Null for an unknown
 * zone or without Temporal.
 */
function temporalToday(timeZone: string, now: Date): string | null {
  const temporal = (globalThis as { Temporal?: TemporalApi }).Temporal;
  if (!temporal) return null;
  try {
    return temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(timeZone).toPlainDate().toString();
  } catch {
    return null;
  }
}

// Building an Intl.DateTimeFormat costs about a millisecond once the locale data is loaded, and
// a list of conversations asks for two days per row, so each zone's formatter is built once.
const dayFormats = new Map<string, Intl.DateTimeFormat | null>();

function dayFormatIn(timeZone: string): Intl.DateTimeFormat | null {
  let format = dayFormats.get(timeZone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    } catch {
      format = null;
    }
    // Bounded: zones come from the browser or a cookie, and there are a few hundred at most.
    if (dayFormats.size < 1000) dayFormats.set(timeZone, format);
  }
  return format;
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
