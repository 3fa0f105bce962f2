import type { TaskPriority } from "@/lib/tasks/schemas";

/*
 * The marks in a quick-add line: `#list`, `#"two words"`, `@label`, `@"two words"`, `p1`..`p3`,
 * `!!` and a leading or trailing "urgent". One left-to-right pass with no backtracking, so a
 * hostile 500-character line costs linear time. A mark starts a word ("bob@example.com" and
 * "C#" are words, not marks); text in quotes ("Read “#1 tips”") is left alone.
 */

export type Mark =
  | { kind: "list" | "label"; name: string; text: string; start: number; end: number }
  | { kind: "priority"; priority: TaskPriority; text: string; start: number; end: number };

const LIST_NAME_MAX = 60;
const LABEL_NAME_MAX = 40;
const OPEN_QUOTES: Record<string, string> = { '"': '"', "“": "”", "«": "»" };
const NAME_CHAR = /[\p{L}\p{N}_-]/u;
const WORD_END = /[\s,.!?;:)]/;
const PRIORITIES: Record<string, TaskPriority> = { "1": "high", "2": "medium", "3": "low" };

const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
const endsWord = (c: string | undefined) => c === undefined || WORD_END.test(c);

export function scanMarks(text: string): { marks: Mark[]; quoted: Array<{ start: number; end: number }> } {
  const marks: Mark[] = [];
  const quoted: Array<{ start: number; end: number }> = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const atWordStart = isSpace(text[i - 1]);
    if (!atWordStart || isSpace(c)) {
      i++;
      continue;
    }

    const close = OPEN_QUOTES[c];
    if (close) {
      const end = text.indexOf(close, i + 1);
      if (end > i) {
        quoted.push({ start: i, end: end + 1 });
        i = end + 1;
        continue;
      }
    }

    if (c === "#" || c === "@") {
      const mark = nameMark(text, i, c === "#" ? "list" : "label");
      if (mark) {
        marks.push(mark);
        i = mark.end;
        continue;
      }
    }

    const priority = priorityMark(text, i);
    if (priority) {
      marks.push(priority);
      i = priority.end;
      continue;
    }

    while (i < text.length && !isSpace(text[i])) i++;
  }
  return { marks, quoted };
}

function nameMark(text: string, at: number, kind: "list" | "label"): Mark | undefined {
  const max = kind === "list" ? LIST_NAME_MAX : LABEL_NAME_MAX;
  const close = OPEN_QUOTES[text[at + 1] ?? ""];
  if (close) {
    // `#"two words"`: the closing quote must come within a name's length.
    const end = text.indexOf(close, at + 2);
    if (end < 0 || end - (at + 2) > max || !endsWord(text[end + 1])) return undefined;
    const name = text.slice(at + 2, end).replace(/\s+/g, " ").trim();
    return name ? { kind, name, text: text.slice(at, end + 1), start: at, end: end + 1 } : undefined;
  }
  let end = at + 1;
  while (end < text.length && end - at - 1 < max + 1 && NAME_CHAR.test(text[end]!)) end++;
  // Trailing punctuation ("#home.") ends the sentence, not the name.
  while (end > at + 1 && /[-_]/.test(text[end - 1]!)) end--;
  const name = text.slice(at + 1, end);
  if (!name || name.length > max || !/^\p{L}/u.test(name) || !endsWord(text[end])) return undefined;
  return { kind, name, text: text.slice(at, end), start: at, end };
}

function priorityMark(text: string, at: number): Mark | undefined {
  const rest = text.slice(at, at + 7);
  let m = rest.match(/^[pP]([1-3])/);
  if (m && endsWord(text[at + 2])) return { kind: "priority", priority: PRIORITIES[m[1]!]!, text: m[0], start: at, end: at + 2 };
  m = rest.match(/^!!!?/);
  if (m && isSpace(text[at + m[0].length])) return { kind: "priority", priority: "high", text: m[0], start: at, end: at + m[0].length };
  m = rest.match(/^urgent/i);
  if (m && endsWord(text[at + 6])) {
    // Only as the line's first or last word: "urgent: call the bank", "call the bank urgent". "Send the urgent form" keeps it.
    const first = text.slice(0, at).trim() === "";
    const last = /^[\s.!?]*$/.test(text.slice(at + 6));
    if (first || last) return { kind: "priority", priority: "high", text: m[0], start: at, end: at + 6 };
  }
  return undefined;
}
