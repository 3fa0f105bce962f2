import { addDays } from "@/lib/dates";

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const WEEKDAY_ABBR: Record<string, number> = { sun: 0, mon: 1, tue: 2, tues: 2, wed: 3, thu: 4, thur: 4, thurs: 4, fri: 5, sat: 6 };
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

const NUMBER_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

/**
 * Resolves a date phrase ("tomorrow", "friday", "next monday", "in 3 days", "2026-12-01",
 * "dec 24", "24 december") against today's date. Returns undefined when it is not a date.
 */
export function parseDatePhrase(phrase: string, today: string): string | undefined {
  const p = phrase.trim().toLowerCase().replace(/[.,!?]+$/, "").replace(/^(on|by|for|due|until|before)\s+/, "").replace(/^the\s+/, "");
  if (p === "today" || p === "tonight" || p === "this evening" || p === "later today") return today;
  if (p === "tomorrow" || p === "tmrw" || p === "tmr" || p === "tomorow" || p === "tommorow" || p === "tommorrow") return addDays(today, 1);
  if (p === "day after tomorrow") return addDays(today, 2);
  if (p === "next week") return addDays(today, 7);
  if (p === "end of the week" || p === "end of week" || p === "this weekend" || p === "the weekend" || p === "weekend") {
    const diff = (6 - dayOfWeek(today) + 7) % 7;
    return addDays(today, diff);
  }

  let m = p.match(/^in\s+(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(day|days|week|weeks)$/);
  if (m) {
    const n = NUMBER_WORDS[m[1]!] ?? Number(m[1]);
    return addDays(today, m[2]!.startsWith("week") ? n * 7 : n);
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

  m = p.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (m) return validDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]));

  m = p.match(/^([a-z]+)\s+(\d{1,2})(st|nd|rd|th)?$/);
  if (m && monthIndex(m[1]!) !== undefined) return nextMonthDay(today, monthIndex(m[1]!)!, Number(m[2]));
  m = p.match(/^(\d{1,2})(st|nd|rd|th)?\s+(of\s+)?([a-z]+)$/);
  if (m && monthIndex(m[4]!) !== undefined) return nextMonthDay(today, monthIndex(m[4]!)!, Number(m[1]));

  return undefined;
}

const DATE_TAIL =
  /\s+(?:(?:due|on|by|for|until|before)\s+)?(today|tonight|this evening|tomorrow|tmrw|tomorow|tommorow|tommorrow|(?:the\s+)?day after tomorrow|next week|(?:the\s+)?weekend|this weekend|end of (?:the\s+)?week|in\s+(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:days?|weeks?)|(?:this\s+|next\s+|coming\s+)?(?:sunday|monday|tuesday|wednesday|thursday|friday|saturday|sun|mon|tue|tues|wed|thu|thur|thurs|fri|sat)|\d{4}-\d{2}-\d{2}|[a-z]{3,9}\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[a-z]{3,9})$/i;

/** Splits a trailing date phrase off a task description: "buy milk tomorrow" → ["buy milk", "2026-11-26"]. */
export function extractTrailingDate(text: string, today: string): { rest: string; dueDate?: string } {
  const m = text.match(DATE_TAIL);
  if (!m) return { rest: text };
  const dueDate = parseDatePhrase(m[1]!, today);
  if (!dueDate) return { rest: text };
  return { rest: text.slice(0, m.index).trim(), dueDate };
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
