import type { RecurrenceInput } from "./rule";

/**
 * Finds a repeat phrase in what a person typed ("every day", "every weekday", "every monday and
 * thursday", "every 2 weeks", "biweekly", "every month on the 1st", "monthly on the last day",
 * "every year") and returns the rule, the words matched and the text without them. The same
 * parser serves the offline model, quick add and the API's preview, so they agree.
 */
export type RecurrenceMatch = { rule: RecurrenceInput; phrase: string; rest: string };

const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, other: 2 };
const WEEKDAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, tues: 2, wed: 3, thu: 4, thur: 4, thurs: 4, fri: 5, sat: 6 };
const DAY = "(?:sun|mon|tue|tues|wed|thu|thur|thurs|fri|sat)(?:day|nesday|rsday|urday|sday)?s?";
const DAY_LIST = `${DAY}(?:(?:\\s*,\\s*(?:and\\s+)?|\\s+(?:and|&)\\s+)${DAY})*`;
const COUNT = "(\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|other)";
const ORD = "(\\d{1,2})(?:st|nd|rd|th)?";

function count(word: string | undefined): number {
  if (!word) return 1;
  return NUMBER_WORDS[word.toLowerCase()] ?? Number(word);
}

function weekdaysIn(text: string): number[] {
  const days = new Set<number>();
  for (const m of text.toLowerCase().matchAll(new RegExp(DAY, "g"))) {
    const stem = m[0].replace(/s$/, "").replace(/(day|nesday|rsday|urday|sday)$/, "");
    const n = WEEKDAYS[stem];
    if (n !== undefined) days.add(n);
  }
  return [...days].sort((a, b) => a - b);
}

function monthDay(ord: string | undefined, last: string | undefined): number | undefined {
  if (last) return 31;
  const n = Number(ord);
  return n >= 1 && n <= 31 ? n : undefined;
}

type Pattern = { re: RegExp; rule: (m: RegExpMatchArray) => RecurrenceInput | undefined };

const ON_DAY = `(?:\\s+on\\s+the\\s+(?:${ORD}|(last)\\s+day))?`;

const PATTERNS: Pattern[] = [
  { re: /\b(?:every|each)\s+(?:single\s+)?day\b|\bdaily(?=\s*(?:$|[,.;!?]))/i, rule: () => ({ every: "day" }) },
  { re: new RegExp(`\\bevery\\s+${COUNT}\\s+days?\\b`, "i"), rule: (m) => ({ every: "day", interval: count(m[1]) }) },
  { re: /\b(?:every|on)\s+weekdays?\b|\b(?:each|every)\s+work\s*day\b/i, rule: () => ({ every: "week", weekdays: [1, 2, 3, 4, 5] }) },
  { re: /\b(?:every|on)\s+weekends?\b/i, rule: () => ({ every: "week", weekdays: [0, 6] }) },
  {
    re: new RegExp(`\\bevery\\s+${COUNT}\\s+weeks?(?:\\s+on\\s+(${DAY_LIST}))?\\b`, "i"),
    rule: (m) => ({ every: "week", interval: count(m[1]), ...(m[2] ? { weekdays: weekdaysIn(m[2]) } : {}) }),
  },
  { re: new RegExp(`\\b(?:(?:bi-?weekly|fortnightly)(?:\\s+on\\s+(${DAY_LIST}))?(?=\\s*(?:$|[,.;!?]))|every\\s+fortnight\\b)`, "i"), rule: (m) => ({ every: "week", interval: 2, ...(m[1] ? { weekdays: weekdaysIn(m[1]) } : {}) }) },
  { re: new RegExp(`\\b(?:every|each)\\s+(other\\s+)?(${DAY_LIST})\\b`, "i"), rule: (m) => ({ every: "week", ...(m[1] ? { interval: 2 } : {}), weekdays: weekdaysIn(m[2]!) }) },
  { re: new RegExp(`\\bon\\s+(${DAY.replace(/s\?$/, "s")}(?:(?:\\s*,\\s*(?:and\\s+)?|\\s+(?:and|&)\\s+)${DAY.replace(/s\?$/, "s")})*)\\b`, "i"), rule: (m) => ({ every: "week", weekdays: weekdaysIn(m[1]!) }) },
  { re: new RegExp(`\\b(?:(?:every|each)\\s+week(?:\\s+on\\s+(${DAY_LIST}))?\\b|weekly(?:\\s+on\\s+(${DAY_LIST}))?(?=\\s*(?:$|[,.;!?])))`, "i"), rule: (m) => ({ every: "week", ...(m[1] || m[2] ? { weekdays: weekdaysIn((m[1] ?? m[2])!) } : {}) }) },
  { re: new RegExp(`\\bon\\s+the\\s+(?:${ORD}|(last)\\s+day)\\s+of\\s+(?:every|each|the)\\s+month\\b`, "i"), rule: (m) => ({ every: "month", monthDay: monthDay(m[1], m[2]) }) },
  { re: new RegExp(`\\bevery\\s+${COUNT}\\s+months?${ON_DAY}`, "i"), rule: (m) => ({ every: "month", interval: count(m[1]), monthDay: monthDay(m[2], m[3]) }) },
  { re: new RegExp(`\\b(?:(?:every|each)\\s+month${ON_DAY}|monthly${ON_DAY}(?=\\s*(?:$|[,.;!?])))`, "i"), rule: (m) => ({ every: "month", monthDay: monthDay(m[1] ?? m[3], m[2] ?? m[4]) }) },
  { re: new RegExp(`\\bevery\\s+${COUNT}\\s+years?\\b`, "i"), rule: (m) => ({ every: "year", interval: count(m[1]) }) },
  { re: /\b(?:every|each)\s+year\b|\b(?:yearly|annually)(?=\s*(?:$|[,.;!?]))/i, rule: () => ({ every: "year" }) },
];

const stripUndefined = (rule: RecurrenceInput): RecurrenceInput =>
  Object.fromEntries(Object.entries(rule).filter(([, v]) => v !== undefined)) as RecurrenceInput;

export function parseRecurrence(text: string): RecurrenceMatch | null {
  if (text.length > 1000) return null;
  let best: { index: number; match: RegExpMatchArray; pattern: Pattern } | null = null;
  for (const pattern of PATTERNS) {
    const match = text.match(pattern.re);
    if (match?.index !== undefined && (!best || match.index < best.index)) best = { index: match.index, match, pattern };
  }
  if (!best) return null;
  const rule = best.pattern.rule(best.match);
  if (!rule || (rule.interval !== undefined && !(rule.interval >= 1))) return null;
  const phrase = best.match[0];
  const rest = (text.slice(0, best.index) + text.slice(best.index + phrase.length)).replace(/\s{2,}/g, " ").replace(/\s+([,.!?])/g, "$1").trim();
  return { rule: stripUndefined(rule), phrase: phrase.trim(), rest };
}
