import { parseRecurrence } from "@/lib/recurrence";
import type { TaskPriority } from "@/lib/tasks/schemas";
import { parseDatePhrase } from "./dates";
import type { Intent } from "./intents";
import { parseRef } from "./refs";

/*
 * Lists, labels and repeats as people say them: "what's on my work list?", "create a list called
 * Groceries", "move the report to work", "tag the report urgent", "make the gym every monday",
 * "stop repeating the gym", and quick-add marks typed in chat: "buy milk #groceries @errands p1".
 * Every pattern here is anchored and has no nested repetition, so a hostile message costs linear time.
 */

/** The longest list name the schema keeps (db/schema.ts), and label name. */
const LIST_NAME_MAX = 60;
const LABEL_NAME_MAX = 40;

/** Words that name the whole to-do list rather than one of the user's lists: "on my list", "my todo list". */
const GENERIC_LIST = /^(?:list|lists|tasks?|todos?|to-?dos?|todo list|to-?do list|task list|items?|everything|stuff|things|agenda)$/i;

function cleanName(raw: string): string {
  return raw
    .trim()
    .replace(/^["“'‘]|["”'’]$/g, "")
    .replace(/[.!?,;:]+$/, "")
    .trim();
}

/** A list name as typed, or undefined when it is empty, generic or too long to be one. */
function listName(raw: string): string | undefined {
  const name = cleanName(raw);
  if (!name || name.length > LIST_NAME_MAX || GENERIC_LIST.test(name)) return undefined;
  // "everything on my list", "all of them", "completed" are selections, not list names.
  if (/^(?:all|every|everything|each|any|completed|done|finished|overdue)\b|\b(?:on|in|from)\s+(?:my|the)\b|.[#@]/i.test(name)) return undefined;
  return name.replace(/^#/, "");
}

function labelName(raw: string): string | undefined {
  const name = cleanName(raw).replace(/^[@#]/, "");
  if (!name || name.length > LABEL_NAME_MAX || /\s{2,}/.test(name)) return undefined;
  return name;
}

// ---------------------------------------------------------------------------------------------
// Quick-add marks: "#groceries" is a list, "@errands" a label, "p1".."p3" a priority.

const LIST_MARK = /(?:^|\s)#(\p{L}[\p{L}\p{N}_-]{0,59})(?=$|[\s,.!?;])/gu;
const LABEL_MARK = /(?:^|\s)@(\p{L}[\p{L}\p{N}_-]{0,39})(?=$|[\s,.!?;])/gu;
const PRIORITY_MARK = /(?:^|\s)[pP]([1-4])(?=$|[\s,.!?;])/g;
/** Quoted text keeps its marks: "add “Call Bob re: Q3 #budget”". */
const HAS_QUOTES = /["“”«»‘’]|(?:^|\s)'/;

export type Marks = { list?: string; labels: string[]; priority?: TaskPriority; rest: string };

/** The quick-add marks in a message and the message without them; undefined when it has none. */
export function quickAddMarks(text: string): Marks | undefined {
  if (HAS_QUOTES.test(text) || !/(?:^|\s)(?:[#@]\p{L}|[pP][1-4](?=$|[\s,.!?;]))/u.test(text)) return undefined;
  const lists = [...text.matchAll(LIST_MARK)].map((m) => m[1]!);
  const labels = [...new Set([...text.matchAll(LABEL_MARK)].map((m) => m[1]!))];
  const priorities = [...text.matchAll(PRIORITY_MARK)].map((m) => m[1]!);
  // "p2" alone is too often part of a title ("print p2 of the form"); it counts beside other marks.
  if (!lists.length && !labels.length && priorities.length && !/(?:^|\s)[pP][1-4][\s.!?]*$/.test(text)) return undefined;
  const rest = text.replace(LIST_MARK, " ").replace(LABEL_MARK, " ").replace(PRIORITY_MARK, " ").replace(/\s+/g, " ").trim();
  const p = priorities.at(-1);
  const priority: TaskPriority | undefined = p === "1" ? "high" : p === "2" ? "medium" : p ? "low" : undefined;
  return { ...(lists.length ? { list: lists.at(-1)! } : {}), labels, ...(priority ? { priority } : {}), rest };
}

/** A list named at the end of a new task: "milk to groceries", "milk to my groceries list", "report in work". */
export function trailingList(text: string): { rest: string; name: string; explicit: boolean } | undefined {
  const m = text.match(/^(.+?)\s+(?:to|on|onto|in|into)\s+(my\s+|the\s+|our\s+)?([^\s,;:]+(?:\s[^\s,;:]+){0,2}?)(\s+list)?$/i);
  if (!m) return undefined;
  const name = listName(m[3]!);
  if (!name || /^(?:my|the|a|an|it|them|him|her|me|you|us|do|be)$/i.test(name)) return undefined;
  return { rest: m[1]!, name, explicit: Boolean(m[4]) || /^my\s/i.test(m[2] ?? "") };
}

// ---------------------------------------------------------------------------------------------
// Commands about lists and labels.

const SHOW = "(?:show|list|display|view|see|get|open|check|give)(?:\\s+me)?";
const STATUS_WORDS = /\b(?:open|remaining|left|to do|pending|unfinished)\b/i;

/** "what's left on my work list?" asks about open tasks; "everything in groceries" about all. */
function statusOf(text: string): "active" | "all" | "completed" {
  if (/\b(?:done|completed|finished)\b/i.test(text)) return "completed";
  if (/\b(?:all|everything)\b/i.test(text) && !STATUS_WORDS.test(text)) return "all";
  return "active";
}

/**
 * Commands that name a list or label in words: run before the task grammar, since "rename the
 * work list to Office" or "delete the groceries list" would otherwise read as a task's title.
 * `fallback` is the task grammar's reading, for when the user has no list by that name.
 */
export function organizeIntent(text: string, today: string, fallback: () => Intent): Intent | undefined {
  const t = text.replace(/[?!.]+$/, "").trim();
  let m: RegExpMatchArray | null;

  // --- which lists and labels exist ---------------------------------------------------------
  if (new RegExp(`^(?:${SHOW}\\s+)?(?:all\\s+)?(?:of\\s+)?(?:my|the)?\\s*(?:lists|projects)$`, "i").test(t) || /^(?:what|which)\s+lists\s+(?:do i have|have i got|are there)$/i.test(t) || /^what are my lists$/i.test(t))
    return { type: "show_lists" };
  if (new RegExp(`^(?:${SHOW}\\s+)?(?:all\\s+)?(?:of\\s+)?(?:my|the)?\\s*(?:labels|tags)$`, "i").test(t) || /^(?:what|which)\s+(?:labels|tags)\s+(?:do i have|have i got|are there)$/i.test(t) || /^what are my (?:labels|tags)$/i.test(t))
    return { type: "show_labels" };

  // --- create, rename, delete a list --------------------------------------------------------
  m = t.match(/^(?:create|add|make|start|set up|new)\s+(?:me\s+)?(?:a\s+|an\s+)?(?:new\s+)?list\s*(?:called|named|for|:)?\s+(.+)$/i);
  if (m && listName(m[1]!)) return { type: "create_list", name: listName(m[1]!)! };
  m = t.match(/^(?:create|make|start|set up|new)\s+(?:me\s+)?(?:a\s+|an\s+)?(?:new\s+)?(\S+(?:\s\S+)?)\s+list$/i);
  if (m && listName(m[1]!) && !/\b(?:to|on|in|my|the)\b/i.test(m[1]!)) return { type: "create_list", name: listName(m[1]!)! };

  m =
    t.match(/^(?:rename|retitle|call)\s+(?:the\s+|my\s+)?list\s+(.+?)\s+(?:to|as|into)\s+(.+)$/i) ??
    t.match(/^(?:rename|retitle)\s+(?:the\s+|my\s+)?(.+?)\s+list\s+(?:to|as|into)\s+(.+)$/i) ??
    t.match(/^(?:change|set)\s+the\s+name\s+of\s+(?:the\s+|my\s+)?(?:list\s+(.+?)|(.+?)\s+list)\s+to\s+(.+)$/i);
  if (m) {
    const from = listName(m[3] !== undefined ? (m[1] ?? m[2])! : m[1]!);
    const to = listName(m[3] ?? m[2]!);
    if (from && to) return { type: "rename_list", from, to: to.replace(/\s+list$/i, ""), fallback: fallback() };
  }

  m =
    t.match(/^(?:delete|remove|drop|get rid of|trash|scrap)\s+(?:the\s+|my\s+)?list\s+(?:called\s+|named\s+)?(.+?)(?:\s+(and|but|with(?:out)?)\s+(.+))?$/i) ??
    t.match(/^(?:delete|remove|drop|get rid of|trash|scrap)\s+(?:the\s+|my\s+)?(.+?)\s+list(?:\s+(and|but|with(?:out)?)\s+(.+))?$/i);
  if (m && listName(m[1]!)) {
    const tail = `${m[2] ?? ""} ${m[3] ?? ""}`;
    const tasks = /\b(?:keep|move|without)\b/i.test(tail) ? "move" : /\b(?:and|with)\b.*\b(?:tasks|everything|all)\b/i.test(tail) ? "delete" : undefined;
    if (!m[2] || tasks) return { type: "delete_list", name: listName(m[1]!)!, ...(tasks ? { tasks } : {}), fallback: fallback() };
  }

  // --- what is in a list, or has a label --------------------------------------------------------
  m =
    t.match(/^(?:what(?:'s|’s| is| are)?|whats|wat)\s+(?:(?:left|remaining|open|still|due|done|completed|else)\s+)?(?:on|in)\s+(my\s+|the\s+|our\s+)?(.+?)(\s+list)?$/i) ??
    t.match(new RegExp(`^${SHOW}\\s+(?:all\\s+|everything\\s+)?(?:of\\s+)?(?:(?:the\\s+)?(?:open\\s+|completed\\s+|done\\s+)?(?:tasks|todos|items|things|stuff)\\s+)?(?:on|in|from)\\s+(my\\s+|the\\s+|our\\s+)?(.+?)(\\s+list)?$`, "i")) ??
    t.match(new RegExp(`^${SHOW}\\s+(?:all\\s+)?(?:of\\s+)?(my\\s+|the\\s+|our\\s+)(.+?)(\\s+list)$`, "i"));
  if (m && listName(m[2]!) && !parseDatePhrase(m[2]!, today)) return { type: "list_in", name: listName(m[2]!)!, explicit: Boolean(m[3]), status: statusOf(t), fallback: fallback() };

  m =
    t.match(/^(?:what(?:'s|’s| is| are)?|whats|which(?:\s+tasks)?(?:\s+are)?|anything|(?:show|list|find)(?:\s+me)?(?:\s+(?:all|my|the))*(?:\s+(?:open\s+)?(?:tasks|todos|items))?|(?:tasks|todos|items))\s+(?:labell?ed|tagged|with\s+(?:the\s+)?(?:label|tag))\s+@?(.+?)$/i) ??
    t.match(/^(?:show|list|find)(?:\s+me)?(?:\s+(?:all|my|the))*(?:\s+(?:open\s+)?(?:tasks|todos|items))?(?:\s+with)?\s+@(\S+)$/i) ??
    t.match(/^@(\S+)$/);
  if (m && labelName(m[1]!)) return { type: "labelled", name: labelName(m[1]!)!, status: statusOf(t.replace(/\s+@?\S+$/, "")) };

  // --- labels on a task ---------------------------------------------------------------------
  m = t.match(/^(?:label|tag)\s+(.+?)\s+(?:as\s+|with\s+(?:the\s+)?(?:label\s+|tag\s+)?)?@?([\p{L}\p{N}_-]+)$/iu);
  if (m && labelName(m[2]!)) return { type: "label", ref: parseRef(m[1]!), labels: [labelName(m[2]!)!], remove: false };
  m = t.match(/^(?:add|put|stick|apply)\s+(?:the\s+|a\s+)?(?:(?:label|tag)\s+@?([\p{L}\p{N}_-]+)|@?([\p{L}\p{N}_-]+)\s+(?:label|tag))\s+(?:to|on|onto)\s+(.+)$/iu);
  if (m && labelName((m[1] ?? m[2])!)) return { type: "label", ref: parseRef(m[3]!), labels: [labelName((m[1] ?? m[2])!)!], remove: false };
  m = t.match(/^(?:remove|take|delete|drop|clear|strip)\s+(?:off\s+)?(?:the\s+)?(?:(?:label|tag)\s+@?([\p{L}\p{N}_-]+)|@?([\p{L}\p{N}_-]+)\s+(?:label|tag)|@([\p{L}\p{N}_-]+))\s+(?:off\s+|from\s+|off\s+of\s+)(.+)$/iu);
  if (m && labelName((m[1] ?? m[2] ?? m[3])!)) return { type: "label", ref: parseRef(m[4]!), labels: [labelName((m[1] ?? m[2] ?? m[3])!)!], remove: true };
  m = t.match(/^(?:untag|unlabel)\s+(.+?)\s+@?([\p{L}\p{N}_-]+)$/iu);
  if (m && labelName(m[2]!)) return { type: "label", ref: parseRef(m[1]!), labels: [labelName(m[2]!)!], remove: true };

  // --- repeats --------------------------------------------------------------------------------
  m =
    t.match(/^(?:stop|quit|don'?t keep|do not keep)\s+(?:repeating|recurring)\s+(.+)$/i) ??
    t.match(/^(?:stop|end|cancel|turn off|remove|clear|delete)\s+(?:the\s+)?(?:repeat|repeats|repetition|recurrence|repeating)\s+(?:of|on|for|from)\s+(.+)$/i) ??
    t.match(/^(?:make|set)\s+(.+?)\s+(?:not\s+repeat(?:ing)?|non-?repeating|one-?off|a\s+one-?off|never\s+repeat)$/i) ??
    t.match(/^(.+?)\s+(?:should\s+not|shouldn'?t|doesn'?t\s+need\s+to|does\s+not\s+need\s+to|no\s+longer\s+needs\s+to|should\s+no\s+longer|shouldn'?t\s+keep|doesn'?t)\s+(?:repeat|recur)(?:\s+any\s?more)?$/i) ??
    t.match(/^(.+?)\s+(?:no longer|never)\s+(?:repeats|recurs)$/i);
  if (m) return { type: "repeat", ref: parseRef(m[1]!), phrase: null };
  const repeating = t.match(/^(?:make|set|have|let|change|switch)\s+(.+)$|^(?:repeat)\s+(.+)$|^(.+?)\s+(?:should\s+)?(?:repeat|repeats|recur|recurs)\s+(.+)$/i);
  if (repeating) {
    const body = repeating[1] ?? repeating[2] ?? `${repeating[3]} ${repeating[4]}`;
    const found = parseRecurrence(body);
    if (found && body.trimEnd().toLowerCase().endsWith(found.phrase.toLowerCase())) {
      const ref = found.rest.replace(/\s+(?:repeat|recur)(?:\s+it)?$/i, "").replace(/\s+(?:to\s+)?(?:repeat|recur)$/i, "").trim();
      if (ref) return { type: "repeat", ref: parseRef(ref), phrase: found.phrase, fallback: /^(?:make|have|let)\b/i.test(t) ? fallback() : undefined };
    }
  }

  // --- a task moved to another list -------------------------------------------------------------
  m =
    t.match(/^(?:move|put|file|shift|transfer|switch)\s+(.+?)\s+(?:to|into|in|onto|on|under)\s+(?:the\s+|my\s+|our\s+)?(.+?)(\s+list)?$/i) ??
    t.match(/^(.+?)\s+(?:belongs|goes|should go|should be)\s+(?:in|on|to|into|under)\s+(?:the\s+|my\s+|our\s+)?(.+?)(\s+list)?$/i);
  if (m && listName(m[2]!) && !parseDatePhrase(m[2]!, today) && !CLOCK.test(m[2]!.trim()) && !/^(?:it|that|this)$/i.test(m[2]!.trim()) && !/^(?:all|every|everything)\b/i.test(m[1]!))
    return { type: "move_to_list", ref: parseRef(m[1]!), list: listName(m[2]!)!, explicit: Boolean(m[3]), fallback: fallback() };
  return undefined;
}

/** A time of day: "move X to 5pm" is about a time (which tasks do not keep), not a list. */
const CLOCK = /^(?:at\s+)?(?:\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?|noon|midday|midnight|tonight|morning|evening|afternoon)$/i;

/** "show my groceries", "open work": a bare name after a show verb, read only when nothing else matched. */
export function bareListQuestion(text: string): Intent | undefined {
  const m = text.replace(/[?!.]+$/, "").trim().match(new RegExp(`^${SHOW}\\s+(?:all\\s+)?(?:of\\s+)?(?:my|the|our)\\s+(.+)$`, "i"));
  const name = m ? listName(m[1]!) : undefined;
  return name ? { type: "list_in", name, explicit: false, status: statusOf(text), fallback: { type: "unknown" } } : undefined;
}
