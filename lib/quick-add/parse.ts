import { extractTrailingDate } from "@/lib/agent/offline/dates";
import { completeRule, parseRecurrence, recurrenceInWords, recurrenceSchema, type Recurrence } from "@/lib/recurrence";
import type { TaskPriority } from "@/lib/tasks/schemas";
import { scanMarks, type Mark } from "./marks";
import { blankSpans as blank, titleWithout } from "./title";

export { titleWithout };

/*
 * Quick add: one line of text ("Pay rent every month on the 1st #home p1") read into a task's
 * fields, with the span of every word that set one, so the UI can show chips and put a removed
 * chip's words back into the title. It reuses the offline model's date reader and the shared
 * repeat parser, so the chat, the API preview and quick add agree on what a phrase means.
 */

export type TokenKind = "date" | "priority" | "list" | "label" | "repeat";
/** `name` is the list's or label's name for those kinds. */
export type QuickAddToken = { kind: TokenKind; text: string; start: number; end: number; name?: string };

export type QuickAddContext = {
  today: string;
  /** The user's open (unarchived) lists. */
  lists: ReadonlyArray<{ id: number; name: string }>;
  labels: ReadonlyArray<{ id: number; name: string }>;
};

export type QuickAddParse = {
  title: string;
  dueDate: string | null;
  priority: TaskPriority | null;
  list: { id: number; name: string } | null;
  /** A `#name` that matches none of the user's lists: its words stay in the title. */
  unknownList: string | null;
  labels: Array<{ id?: number; name: string }>;
  recurrence: Recurrence | null;
  recurrenceText: string | null;
  tokens: QuickAddToken[];
};

export const QUICK_ADD_TEXT_MAX = 500;

const key = (name: string) => name.trim().toLowerCase().replace(/\s+/g, " ");

/** `#two-words` also names a list called "two words". */
function findByName<T extends { name: string }>(items: ReadonlyArray<T>, name: string): T | undefined {
  const wanted = new Set([key(name), key(name.replace(/[-_]+/g, " "))]);
  return items.find((item) => wanted.has(key(item.name)));
}

export function parseQuickAdd(input: string, context: QuickAddContext): QuickAddParse {
  const text = input.slice(0, QUICK_ADD_TEXT_MAX);
  const { marks, quoted } = scanMarks(text);
  const tokens: QuickAddToken[] = [];

  let list: QuickAddParse["list"] = null;
  let unknownList: string | null = null;
  const listMarks = marks.filter((m): m is Mark & { kind: "list" } => m.kind === "list");
  // The last list that exists wins; any other #word stays in the title.
  for (const mark of listMarks.toReversed()) {
    const found = findByName(context.lists, mark.name);
    if (found) {
      list = { id: found.id, name: found.name };
      tokens.push({ kind: "list", text: mark.text, start: mark.start, end: mark.end, name: found.name });
      break;
    }
  }
  if (!list && listMarks.length) unknownList = listMarks.at(-1)!.name;

  const labels: QuickAddParse["labels"] = [];
  for (const mark of marks) {
    if (mark.kind !== "label") continue;
    const found = findByName(context.labels, mark.name);
    const name = found?.name ?? mark.name;
    tokens.push({ kind: "label", text: mark.text, start: mark.start, end: mark.end, name });
    if (!labels.some((l) => key(l.name) === key(name))) labels.push(found ? { id: found.id, name: found.name } : { name });
  }

  const priorityMark = marks.filter((m) => m.kind === "priority").at(-1);
  let priority: TaskPriority | null = null;
  if (priorityMark?.kind === "priority") {
    priority = priorityMark.priority;
    tokens.push({ kind: "priority", text: priorityMark.text, start: priorityMark.start, end: priorityMark.end });
  }

  // Repeat and date phrases are read from the text with the marks blanked and quoted words hidden.
  let masked = blank(blank(text, tokens), quoted, "x");
  let recurrence: Recurrence | null = null;
  const found = parseRecurrence(masked);
  // "every 900 days" reads as a rule but is out of range: its words stay in the title.
  const repeat = found && recurrenceSchema.safeParse(found.rule).success ? found : null;
  if (repeat) {
    const start = masked.indexOf(repeat.phrase);
    if (start >= 0) {
      const token = { kind: "repeat" as const, text: text.slice(start, start + repeat.phrase.length), start, end: start + repeat.phrase.length };
      tokens.push(token);
      masked = blank(masked, [token]);
    }
  }

  let dueDate: string | null = null;
  const dated = extractTrailingDate(masked, context.today);
  if (dated.dueDate) {
    const lead = masked.length - masked.trimStart().length;
    let start = lead + dated.rest.length;
    const end = masked.replace(/[\s.!?]+$/, "").length;
    // The date's connector ("due", "on") may lie before a mark; the date itself starts after it.
    for (const t of tokens) if (t.start >= start && t.end <= end) start = Math.max(start, t.end);
    while (start < end && /\s/.test(text[start]!)) start++;
    if (start < end && titleWithout(text, [...tokens, { start, end }])) {
      dueDate = dated.dueDate;
      tokens.push({ kind: "date", text: text.slice(start, end), start, end });
    }
  }

  if (repeat && tokens.some((t) => t.kind === "repeat")) {
    // A weekly rule without days repeats on the due date's weekday (or today's); completeRule fills that in.
    recurrence = completeRule(repeat.rule, dueDate ?? context.today);
  }

  tokens.sort((a, b) => a.start - b.start);
  return {
    title: titleWithout(text, tokens),
    dueDate,
    priority,
    list,
    unknownList,
    labels,
    recurrence,
    recurrenceText: recurrence ? recurrenceInWords(recurrence) : null,
    tokens,
  };
}
