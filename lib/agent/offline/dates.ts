import { casual as chrono, type ParsedResult } from "chrono-node/en";
import { addDays } from "@/lib/dates";
import { wordTable } from "./word-table";

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const WEEKDAY_ABBR = wordTable<number>({ sun: 0, mon: 1, tue: 2, tues: 2, wed: 3, thu: 4, thur: 4, thurs: 4, fri: 5, sat: 6 });
const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

function weekdayIndex(word: string): number | undefined {
  const i = WEEKDAYS.indexOf(word);
  return i >= 0 ? i : WEEKDAY_ABBR[word];
}

function monthIndex(word: string): number | undefined {
  const i = MONTHS.findIndex((m) => m === word || (word.length >= 3 && m.startsWith(word)));
  return i >= 0 ? i : undefined;
}

function dayOfWeek(iso: string): number {
  return new Date(`${iso}T00:00:00Z`).getUTCDay();
}

function validDate(y: number, m: number, d: number): string | undefined {
  const date = new Date(Date.UTC(y, m, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

/** The next date (after today) with this month and day. */
function nextMonthDay(today: string, month: number, day: number): string | undefined {
  const year = Number(today.slice(0, 4));
  const thisYear = validDate(year, month, day);
  if (thisYear && thisYear >= today) return thisYear;
  return validDate(year + 1, month, day);
}

const NUMBER_WORDS = wordTable<number>({ a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 });

/** The next date (from today on) with this day of the month: "the 3rd". */
function nextDayOfMonth(today: string, day: number): string | undefined {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7)) - 1;
  for (let ahead = 0; ahead < 3; ahead++) {
    const date = validDate(year + Math.floor((month + ahead) / 12), (month + ahead) % 12, day);
    if (date && date >= today) return date;
  }
  return undefined;
}

/** A weekday in the Monday-to-Sunday week after this one: "friday next week". */
function weekdayNextWeek(today: string, weekday: number): string {
  const mondayNext = addDays(today, 7 - ((dayOfWeek(today) + 6) % 7));
  return addDays(mondayNext, (weekday + 6) % 7);
}

/**
 * A time of day at the end of a phrase ("at 3pm", "10am", "14:30", "at 8", "morning").
 * There is no time field, so it is dropped once a date before it is known.
 */
const CLOCK_TIME =
  /[\s,]+(?:(?:at|@|around|by)\s+)?(?:\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|o'?clock)|\d{1,2}:\d{2}|noon|midday|midnight)$|[\s,]+(?:at|@|around)\s+(?:\d{1,2}|lunch(?:time)?)$/i;
/** A part of the day is a time only right after a date ("friday night"); "game night" is a title. */
const DAY_PART = /[\s,]+(?:in\s+the\s+|first\s+thing\s+(?:in\s+the\s+)?)?(?:morning|afternoon|evening|night|lunchtime)$|[\s,]+(?:first thing|eod|end of (?:the )?day|after work|before work)$/i;
const TIME_OF_DAY = new RegExp(`${CLOCK_TIME.source}|${DAY_PART.source}`, "i");

/** The text with one, two, then three trailing times of day removed: "tomorrow morning at 9" → "tomorrow morning", "tomorrow". */
function untimedForms(text: string): string[] {
  const forms: string[] = [];
  let rest = ` ${text.trim()}`;
  for (let i = 0; i < 3; i++) {
    const next = rest.replace(/[.!?]+$/, "").replace(TIME_OF_DAY, "");
    if (next === rest) break;
    forms.push(next.trim());
    rest = next;
  }
  return forms;
}

/** Removes trailing times of day: "tomorrow morning at 9" → "tomorrow". */
export function stripTimeOfDay(text: string): string {
  return untimedForms(text).at(-1) ?? text.trim();
}

/** Chrono resolves against a reference instant in local time; the start of `today` keeps it on our calendar. */
function referenceDate(today: string): Date {
  return new Date(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1, Number(today.slice(8, 10)));
}

/** A chrono result names a day (not only a time, or a bare month): "end of month", "12/24", "in 2 months". */
function namesADay(result: ParsedResult): boolean {
  return result.start.isCertain("day") || result.start.isCertain("weekday") || /\b(?:weeks?|months?|years?|fortnight)\b/i.test(result.text);
}

function isoOf(result: ParsedResult): string | undefined {
  return validDate(result.start.get("year")!, result.start.get("month")! - 1, result.start.get("day")!);
}

/** The phrases our own rules do not know ("end of month", "jan 5 2027", "12/24", "in 2 months"), read by chrono-node. */
function chronoDate(text: string, today: string): string | undefined {
  const phrase = text.replace(/^the\s+/, "");
  const results = chrono.parse(phrase, referenceDate(today), { forwardDate: true });
  const only = results.length === 1 ? results[0]! : undefined;
  // A range ("today to tomorrow") is not one date.
  if (!only || only.end || only.index !== 0 || only.text.length !== phrase.length || !namesADay(only)) return undefined;
  return isoOf(only);
}

/**
 * Resolves a date phrase ("tomorrow", "friday", "next monday", "in 3 days", "2026-12-01",
 * "dec 24", "24 december", "the 3rd", "end of month", "tomorrow at 3pm") against today's date,
 * never the clock. A time of day after the date is accepted and ignored. Returns undefined when
 * it is not a date.
 */
export function parseDatePhrase(phrase: string, today: string): string | undefined {
  const p = normalizePhrase(phrase);
  if (!p) return undefined;
  const own = ownDate(p, today);
  if (own) return own;
  for (const form of untimedForms(p)) {
    const untimed = normalizePhrase(form);
    const dated = untimed ? (ownDate(untimed, today) ?? chronoDate(untimed, today)) : undefined;
    if (dated) return dated;
  }
  return chronoDate(p, today);
}

function normalizePhrase(phrase: string): string {
  return phrase.trim().toLowerCase().replace(/[.,!?]+$/, "").replace(/^(on|by|for|due|until|till|before)\s+/, "").trim();
}

function ownDate(phrase: string, today: string): string | undefined {
  const p = phrase.replace(/^the\s+/, "");
  if (p === "today" || p === "tonight" || p === "this evening" || p === "later today") return today;
  if (p === "tomorrow" || p === "tmrw" || p === "tmr" || p === "tomorow" || p === "tommorow" || p === "tommorrow") return addDays(today, 1);
  if (p === "day after tomorrow") return addDays(today, 2);
  if (p === "next week") return addDays(today, 7);
  if (p === "end of the week" || p === "end of week" || p === "this weekend" || p === "the weekend" || p === "weekend") {
    const diff = (6 - dayOfWeek(today) + 7) % 7;
    return addDays(today, diff);
  }

  let m = p.match(/^(?:in\s+(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(day|days|week|weeks)|(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(day|days|week|weeks)\s+from\s+(?:today|now))$/);
  if (m) {
    const count = (m[1] ?? m[3])!;
    const n = NUMBER_WORDS[count] ?? Number(count);
    return addDays(today, (m[2] ?? m[4])!.startsWith("week") ? n * 7 : n);
  }

  m = p.match(/^(this\s+|next\s+|coming\s+)?([a-z]+)$/);
  if (m) {
    const target = weekdayIndex(m[2]!);
    if (target !== undefined) {
      let diff = (target - dayOfWeek(today) + 7) % 7;
      if (diff === 0) diff = 7; // "friday" on a Friday means next week's
      return addDays(today, diff);
    }
  }

  m = p.match(/^(?:next week\s+(?:on\s+)?([a-z]+)|([a-z]+)\s+(?:of\s+)?next week)$/);
  if (m) {
    const target = weekdayIndex((m[1] ?? m[2])!);
    if (target !== undefined) return weekdayNextWeek(today, target);
  }

  if (/^end of (?:the |this )?month$/.test(p)) {
    // Day 0 of next month is the last day of this one.
    return new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 0)).toISOString().slice(0, 10);
  }

  m = p.match(/^(\d{1,2})(?:st|nd|rd|th)(?:\s+of\s+(?:the|this)\s+month)?$/);
  if (m) return nextDayOfMonth(today, Number(m[1]));

  m = p.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (m) return validDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]));

  m = p.match(/^([a-z]+)\s+(\d{1,2})(st|nd|rd|th)?$/);
  if (m && monthIndex(m[1]!) !== undefined) return nextMonthDay(today, monthIndex(m[1]!)!, Number(m[2]));
  m = p.match(/^(\d{1,2})(st|nd|rd|th)?\s+(of\s+)?([a-z]+)$/);
  if (m && monthIndex(m[4]!) !== undefined) return nextMonthDay(today, monthIndex(m[4]!)!, Number(m[1]));

  return undefined;
}

const DATE_TAIL =
  /\s+(?:(?:due|on|by|for|until|till|before)\s+)?(today|tonight|this evening|tomorrow|tmrw|tomorow|tommorow|tommorrow|(?:the\s+)?day after tomorrow|next week\s+(?:on\s+)?(?:sunday|monday|tuesday|wednesday|thursday|friday|saturday)|(?:sunday|monday|tuesday|wednesday|thursday|friday|saturday)\s+(?:of\s+)?next week|next week|(?:the\s+)?weekend|this weekend|end of (?:the\s+)?(?:week|month)|in\s+(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:days?|weeks?)|(?:this\s+|next\s+|coming\s+)?(?:sunday|monday|tuesday|wednesday|thursday|friday|saturday|sun|mon|tue|tues|wed|thu|thur|thurs|fri|sat)|\d{4}-\d{2}-\d{2}|the\s+\d{1,2}(?:st|nd|rd|th)|[a-z]{3,9}\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[a-z]{3,9})$/i;

const CONNECTOR_TAIL = /\s+(?:due|on|by|for|in|within|until|till|before)$/i;

/** A date at the very end of the text, by our own rules. */
function ownTrailingDate(text: string, today: string): { rest: string; dueDate: string } | undefined {
  const m = text.match(DATE_TAIL);
  const own = m ? parseDatePhrase(m[1]!, today) : undefined;
  return m && own ? { rest: text.slice(0, m.index), dueDate: own } : undefined;
}

/** A date at the very end of the text, by chrono-node's rules. */
function chronoTrailingDate(text: string, today: string): { rest: string; dueDate: string } | undefined {
  const last = chrono.parse(text, referenceDate(today), { forwardDate: true }).at(-1);
  if (!last || last.index === 0 || !/^[\s.!?]*$/.test(text.slice(last.index + last.text.length)) || !namesADay(last)) return undefined;
  // A chrono match can swallow a leading time ("at 3pm tomorrow"); its date is still the day.
  const dueDate = isoOf(last);
  return dueDate ? { rest: text.slice(0, last.index), dueDate } : undefined;
}

/**
 * Splits a trailing date phrase off a task description: "buy milk tomorrow" → ["buy milk", "2026-11-26"].
 * A time of day around the date ("dentist tomorrow at 3pm", "call bob at 10am friday") is dropped
 * from the title, since a task has a due date but no time.
 */
export function extractTrailingDate(text: string, today: string): { rest: string; dueDate?: string } {
  const trimmed = text.replace(/[\s.!?]+$/, "");
  const untimed = stripTimeOfDay(trimmed);
  // Our rules first, with or without the time, so "monday at 14:30" means what "monday" does.
  const found =
    ownTrailingDate(` ${trimmed}`, today) ??
    ownTrailingDate(` ${untimed}`, today) ??
    chronoTrailingDate(` ${trimmed}`, today) ??
    chronoTrailingDate(` ${untimed}`, today);
  if (!found) return { rest: text };
  // A clock time left before the date ("dentist at 3pm tomorrow") goes too.
  const rest = found.rest.trimEnd().replace(CONNECTOR_TAIL, "").replace(CLOCK_TIME, "").replace(CONNECTOR_TAIL, "").trim();
  if (!rest) return { rest: text };
  return { rest, dueDate: found.dueDate };
}

/** "Thu 26 Nov", or "today" / "tomorrow", for replies. */
export function describeDate(iso: string, today: string): string {
  if (iso === today) return "today";
  if (iso === addDays(today, 1)) return "tomorrow";
  if (iso === addDays(today, -1)) return "yesterday";
  const d = new Date(`${iso}T00:00:00Z`);
  const label = d.toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });
  return iso.slice(0, 4) === today.slice(0, 4) ? label : `${label} ${iso.slice(0, 4)}`;
}
