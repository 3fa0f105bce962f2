import type { TaskPriority } from "@/lib/tasks/schemas";
import { addDays } from "@/lib/dates";
import { extractTrailingDate, parseDatePhrase } from "./dates";
import type { DueWindow, Intent, Selection } from "./intents";
import { priorityWord } from "./titles";

/* Which tasks a question or a bulk change is about: a status, a due window, a priority, "everything except X". */

function statusFrom(text: string): "all" | "active" | "completed" | "overdue" {
  if (/\b(overdue|late|past due|missed)\b/i.test(text)) return "overdue";
  if (/\b(done|completed|complete|finished|ticked)\b/i.test(text)) return "completed";
  if (/\b(left|remaining|open|active|pending|outstanding|unfinished|incomplete|to do|todo|still)\b/i.test(text)) return "active";
  return "all";
}

/** Words that may stand around "all"/"everything" without naming a task. */
const SELECTION_FILLER =
  /\b(?:all|every|everything|each|of|them|those|these|my|the|tasks?|todos?|to-dos?|items?|things|stuff|ones?|on|in|from|list|that|are|is|overdue|late|past|completed|done|finished|open|remaining|left|outstanding|pending|high|low|medium|normal|priority|prio|urgent|important|i|have|got|else|current|currently)\b|'s/gi;

/** "everything", "all of them", "all my overdue stuff", "everything due today", "everything except walk the dog". */
function parseSelection(raw: string, today: string): Selection | undefined {
  let t = raw.trim().replace(/[.!?]+$/, "");
  let except: string | undefined;
  const ex = t.match(/^(.+?)\s*,?\s+(?:except(?:\s+for)?|but(?:\s+not)?|apart from|other than|besides)\s+(.+)$/i);
  if (ex) [t, except] = [ex[1]!, ex[2]!.replace(/^(?:the|my)\s+/i, "")];
  if (!/^(?:all|every|everything|each)\b/i.test(t)) return undefined;
  const due = /\bdue\b/i.test(t) ? dueWindowFrom(t, today) : undefined;
  if (/\bdue\b/i.test(t) && !due) return undefined;
  const core = due ? t.replace(/\bdue\b.*$/i, "") : t;
  if (/[a-z]/i.test(core.replace(SELECTION_FILLER, " "))) return undefined;
  const status = /\b(?:overdue|late|past due)\b/i.test(core) ? "overdue" : /\b(?:completed|done|finished)\b/i.test(core) ? "completed" : /\b(?:open|remaining|left|outstanding|pending)\b/i.test(core) ? "active" : undefined;
  const priority = priorityFrom(core);
  return { ...(status ? { status } : {}), ...(due ? { due } : {}), ...(priority ? { priority } : {}), ...(except ? { except } : {}) };
}

/** A change to "everything …": "complete everything except X", "move everything due today to tomorrow", "make all of them high priority". */
export function bulkIntent(text: string, today: string): Intent | undefined {
  let m = text.match(/^(?:mark|set|complete|finish|tick off|check off|cross off)\s+(.+?)(?:\s+(?:as\s+)?(done|complete|completed|finished|not done|undone|incomplete|open))?$/i);
  let selection = m ? parseSelection(m[1]!, today) : undefined;
  if (m && selection && (m[2] || !/^(?:mark|set)\b/i.test(text)))
    return { type: "bulk", action: { kind: "complete", completed: !/^(?:not done|undone|incomplete|open)$/i.test(m[2] ?? "") }, selection };
  m = text.match(/^(?:reopen|uncheck|untick|unmark)\s+(.+)$/i);
  selection = m ? parseSelection(m[1]!, today) : undefined;
  if (selection) return { type: "bulk", action: { kind: "complete", completed: false }, selection };
  m = text.match(/^(?:delete|remove|clear|get rid of|trash|erase|drop|wipe)\s+(.+)$/i);
  selection = m ? parseSelection(m[1]!, today) : undefined;
  if (selection) return { type: "bulk", action: { kind: "delete" }, selection };
  m = text.match(/^(?:move|push|postpone|reschedule|shift|change|set|put)\s+(.+)\s+(?:to|until|till|for)\s+(.+)$/i) ?? text.match(/^(?:make|set)\s+(.+?)\s+due\s+(.+)$/i);
  selection = m ? parseSelection(m[1]!, today) : undefined;
  const dueDate = m ? parseDatePhrase(m[2]!, today) : undefined;
  if (selection && dueDate) return { type: "bulk", action: { kind: "due", dueDate }, selection };
  m = text.match(/^(?:make|mark|set|flag|change)\s+(.+?)\s+(?:to\s+|as\s+)?(?:a\s+)?(high|low|medium|normal|urgent|important|top)(?:[- ]prio(?:rity)?)?$/i);
  selection = m ? parseSelection(m[1]!, today) : undefined;
  if (selection) return { type: "bulk", action: { kind: "priority", priority: priorityWord(m![2]!) }, selection };
  return undefined;
}

/** The end of the week (Sunday) containing this date. */
function endOfWeek(iso: string): string {
  return addDays(iso, (7 - new Date(`${iso}T00:00:00Z`).getUTCDay()) % 7);
}

/** The due dates a question is about: "due today", "this week", "tomorrow", "on friday". */
function dueWindowFrom(text: string, today: string): DueWindow | undefined {
  const t = text.replace(/[?!.]+$/, "");
  const pair = t.match(/\b((?:this\s+|next\s+)?[a-z]+)\s+(?:or|and|&)\s+((?:this\s+|next\s+)?[a-z]+)$/i);
  const a = pair ? parseDatePhrase(pair[1]!, today) : undefined;
  const b = pair ? parseDatePhrase(pair[2]!, today) : undefined;
  if (pair && a && b) return { from: a < b ? a : b, to: a < b ? b : a, label: `${pair[1]!.toLowerCase()} or ${pair[2]!.toLowerCase()}` };
  if (/\b(?:this|the)\s+week\b/i.test(t)) return { from: today, to: endOfWeek(today), label: "this week" };
  if (/\bnext\s+week\b(?!\s+\w+day)/i.test(t) && !/\w+day\s+next\s+week/i.test(t)) {
    const from = addDays(endOfWeek(today), 1);
    return { from, to: addDays(from, 6), label: "next week" };
  }
  if (/\b(?:this|the)\s+month\b/i.test(t)) {
    const to = parseDatePhrase("end of month", today) ?? today;
    return { from: today, to, label: "this month" };
  }
  const dated = extractTrailingDate(`tasks ${t.replace(/\s+(?:then|too|again)$/i, "")}`, today);
  if (!dated.dueDate) return undefined;
  const word = t.slice(dated.rest.length - "tasks ".length).trim().replace(/^(?:due|on|by|for)\s+/i, "");
  return { from: dated.dueDate, to: dated.dueDate, label: /^(?:today|tonight|tomorrow)$/i.test(word) ? word.toLowerCase() : "" };
}

function priorityFrom(text: string): TaskPriority | undefined {
  if (/\b(?:high|top)[- ]?prio(?:rity)?\b|\burgent\b|\bimportant\b/i.test(text) && !/\bnot (?:urgent|important)\b/i.test(text)) return "high";
  if (/\blow[- ]?prio(?:rity)?\b|\bnot urgent\b|\bunimportant\b/i.test(text)) return "low";
  if (/\b(?:medium|normal)[- ]?prio(?:rity)?\b/i.test(text)) return "medium";
  return undefined;
}

/** A question about the list, with what it narrows to: "what's due today?", "show me low priority stuff". */
export function listIntent(text: string, today: string): Intent {
  const undated =
    /\b(?:don'?t|do not|doesn'?t|does not)\s+(?:have|has)\s+(?:a\s+|any\s+)?(?:due\s+)?(?:dates?|deadlines?)\b|\b(?:without|with no|have no|has no|no)\s+(?:a\s+)?(?:due\s+)?(?:dates?|deadlines?)\b|\bundated\b/i.test(text);
  let status = undated ? "all" : statusFrom(text);
  // "What have I done today?" asks about completions, not due dates; tasks keep no completion day to filter by here.
  const due = status === "overdue" || status === "completed" || undated ? undefined : dueWindowFrom(text, today);
  const priority = priorityFrom(text);
  // A question about what is due, undated or important is about what is still to do.
  if ((due || priority || undated) && status === "all") status = "active";
  return { type: "list", status, ...(priority ? { priority } : {}), ...(due ? { due } : {}), ...(undated ? { undated: true as const } : {}) };
}
