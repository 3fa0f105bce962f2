import type { TaskPriority } from "@/lib/tasks/schemas";
import { extractTrailingDate, parseDatePhrase } from "./dates";
import { parseRecurrence } from "@/lib/recurrence";
import type { Intent, ListTarget, NewTask } from "./intents";
import { trailingList } from "./organize";
import { parseRef } from "./refs";
import { wordTable } from "./word-table";

/* New tasks and changed fields as the user words them: titles (quoted, listed, with their own dates), priorities, dates. */

const PRIORITY_WORDS: Array<[RegExp, TaskPriority]> = [
  [/\s*[,(]?\s*(?:it'?s\s+)?(?:\burgent\b|\burgently\b|\basap\b|\bimportant\b|\b(?:high|top)[- ]?prio(?:rity)?\b|\bprio(?:rity)? high\b|!!+)\)?\s*/i, "high"],
  [/\s*[,(]?\s*(?:\blow[- ]?prio(?:rity)?\b|\bnot urgent\b|\bwhenever\b|\bsomeday\b|\bno rush\b|\bprio(?:rity)? low\b)\)?\s*/i, "low"],
  [/\s*[,(]?\s*(?:\b(?:medium|normal)[- ]?prio(?:rity)?\b|\bprio(?:rity)? (?:medium|normal)\b)\)?\s*/i, "medium"],
];

function extractPriority(text: string): { rest: string; priority?: TaskPriority } {
  for (const [re, priority] of PRIORITY_WORDS) {
    if (re.test(text)) return { rest: text.replace(re, " ").replace(/\s+/g, " ").trim(), priority };
  }
  return { rest: text };
}

function capitalize(title: string): string {
  return title ? title[0]!.toUpperCase() + title.slice(1) : title;
}

export function cleanTitle(text: string): string {
  return text
    .replace(/\s+(?:to|on|onto|in)\s+(?:my|the)\s+(?:todo\s+|to-do\s+|task\s+)?(?:list|tasks|todos)$/i, "")
    .replace(/^(?:a\s+)?(?:new\s+)?(?:task|todo|to-do|reminder)\s*(?:called|named|:|to)?\s+/i, "")
    .replace(/^["“']|["”']$/g, "")
    .replace(/[.!?,;:]+$/, "")
    .trim();
}

/** One request can name several tasks: "milk, eggs and bread". A quoted title is kept whole. */
function splitItems(text: string, today: string): string[] {
  if (quotedTitle(text.trim())) return [text];
  const parts = text.split(/\s*,\s*(?:and\s+)?|\s+and\s+|\s*;\s*/i).map((p) => p.trim()).filter(Boolean);
  // Split only a list of short items; "call mum about the trip and the car" stays one task.
  // An item's own date does not count towards its length.
  return parts.length > 1 && parts.every((p) => extractTrailingDate(p, today).rest.split(/\s+/).length <= 4) ? parts : [text];
}

const QUOTE_PAIRS = wordTable<string>({ '"': '"', "“": "”", "'": "'", "‘": "’", "«": "»", "”": "”" });

/**
 * A title in quotes at the start, and what follows it: "'eggs, milk, and bread'" or
 * "‘call Ann, Bob’ tomorrow". The closing quote is the last one followed by a space or the end,
 * so an apostrophe inside ("'mum's cake'") does not close it.
 */
function quotedTitle(text: string): { title: string; after: string } | undefined {
  const open = text[0];
  const close = open ? QUOTE_PAIRS[open] : undefined;
  if (!close) return undefined;
  for (let i = text.length - 1; i > 1; i--) {
    if ((text[i] === close || (close === "’" && text[i] === "'") || (close === "'" && text[i] === "’")) && (i === text.length - 1 || /[\s,.!?;:]/.test(text[i + 1]!))) {
      const title = text.slice(1, i).trim();
      return title ? { title, after: text.slice(i + 1) } : undefined;
    }
  }
  return undefined;
}

/** "three tasks: a, b, c", "these: a, b", "the following: a, b" introduce a list. */
const LIST_INTRO = /^(?:these|the following|the following tasks|(?:a\s+)?few things|(?:\d+|two|three|four|five|six|seven|eight|nine|ten|some|a few|several)\s+(?:new\s+)?(?:tasks|things|items|todos))\s*[:,]+\s*/i;

function parseNewTasks(text: string, today: string): NewTask[] | string {
  text = text.replace(LIST_INTRO, "");
  const quoted = quotedTitle(text.trim().replace(/^(?:a\s+)?(?:new\s+)?(?:task|todo|to-do|reminder)\s*(?:called|named|:)?\s+(?=["“'‘«])/i, ""));
  if (quoted) {
    // Words after the quotes only say when or how important: "‘call Ann, Bob’ tomorrow, urgent".
    const { rest, priority } = extractPriority(` ${quoted.after}`);
    const dated = extractTrailingDate(`task ${rest}`, today);
    const title = quoted.title.replace(/\s+/g, " ");
    if (title.length > 200) return "That title is longer than 200 characters. Could you shorten it?";
    return [{ title: capitalize(title), ...(dated.dueDate ? { dueDate: dated.dueDate } : {}), ...(priority ? { priority } : {}) }];
  }
  // A repeat is for every item: "add water the plants every day", "pay rent every month on the 1st".
  const repeating = parseRecurrence(text);
  const repeat = repeating && /[a-z]/i.test(repeating.rest) ? repeating.phrase : undefined;
  if (repeat) text = repeating!.rest;
  let { rest, priority } = extractPriority(text);
  const dated = extractTrailingDate(rest, today);
  rest = dated.rest;
  if (!priority) ({ rest, priority } = extractPriority(rest));
  // A date at the end is for every item; an item's own date ("pay gas bill tomorrow and …") is its own.
  const items = splitItems(cleanTitle(rest), today).map((item) => {
    const own = extractTrailingDate(item, today);
    return { title: capitalize(cleanTitle(own.rest)), dueDate: own.dueDate ?? dated.dueDate };
  });
  if (!items.length || items.some((t) => !t.title)) return "What should the task be called? For example: “add buy milk tomorrow”.";
  if (items.some((t) => t.title.length > 200)) return "That title is longer than 200 characters. Could you shorten it?";
  return items.map(({ title, dueDate }) => ({ title, ...(dueDate ? { dueDate } : {}), ...(priority ? { priority } : {}), ...(repeat ? { repeat } : {}) }));
}

export function priorityWord(word: string): TaskPriority {
  const w = word.toLowerCase();
  if (w === "low") return "low";
  if (w === "medium" || w === "normal") return "medium";
  return "high";
}

export function addIntent(text: string, today: string): Intent {
  const tasks = parseNewTasks(text, today);
  if (typeof tasks === "string") return { type: "clarify", message: tasks };
  const list = listTarget(text, today, tasks);
  return { type: "add", tasks: list?.tasks ?? tasks, ...(list ? { list: list.target } : {}) };
}

/**
 * "milk to groceries", "the report to my work list tomorrow": the words may name one of the
 * user's lists. Which lists exist is known only to the tools, so the planner decides; `plain`
 * keeps the whole words as the title for when there is no such list.
 */
function listTarget(text: string, today: string, plain: NewTask[]): { tasks: NewTask[]; target: ListTarget } | undefined {
  if (quotedTitle(text.trim())) return undefined;
  const repeating = parseRecurrence(text);
  const repeat = repeating && /[a-z]/i.test(repeating.rest) ? ` ${repeating.phrase}` : "";
  if (repeat) text = repeating!.rest;
  const { rest } = extractPriority(text);
  const dated = extractTrailingDate(rest, today);
  const dateWords = dated.dueDate && rest.startsWith(dated.rest) ? rest.slice(dated.rest.length) : "";
  const found = trailingList(dated.dueDate ? dated.rest : rest);
  if (!found) return undefined;
  const priority = extractPriority(text).priority;
  const tasks = parseNewTasks(`${found.rest}${dateWords}${repeat}`, today);
  if (typeof tasks === "string") return undefined;
  return { tasks: tasks.map((t) => ({ ...t, ...(priority ? { priority } : {}) })), target: { name: found.name, explicit: found.explicit, plain } };
}

/** A time of day with no date: "5pm", "at 10:30", "noon". */
export const TIME_ONLY = /^(?:at\s+|@\s*)?(?:\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)|\d{1,2}:\d{2}|noon|midday|midnight)$/i;

const NO_TIME_FIELD = (when: string) =>
  `Tasks have a due date but no time of day, so I can't set “${when.trim()}”. Give a day instead, like “tomorrow” or “friday”.`;

export function dueIntent(ref: string, when: string, today: string): Intent {
  if (/^(?:no|none|nothing|never|no date|no due date)$/i.test(when.trim())) return { type: "due", ref: parseRef(ref), dueDate: null };
  if (TIME_ONLY.test(when.trim())) return { type: "clarify", message: NO_TIME_FIELD(when) };
  const dueDate = parseDatePhrase(when, today);
  if (!dueDate)
    return { type: "clarify", message: `I couldn't read “${when.trim()}” as a date. Try “tomorrow”, “friday”, “next monday”, “in 3 days” or 2026-12-31.` };
  return { type: "due", ref: parseRef(ref), dueDate };
}

export function renameIntent(ref: string, title: string): Intent {
  const clean = capitalize(cleanTitle(title));
  if (!clean) return { type: "clarify", message: "What should the new title be?" };
  if (clean.length > 200) return { type: "clarify", message: "That title is longer than 200 characters. Could you shorten it?" };
  return { type: "rename", ref: parseRef(ref), title: clean };
}

