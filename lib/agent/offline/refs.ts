import { wordTable } from "./word-table";

/**
 * How a message points at a task: by id ("#12", "task 12"), by position in the last list
 * ("the second one"), as "it", or by words from its title, with a topic word allowed
 * ("the dentist one", "the one about the report").
 */
export type TaskRef =
  | { kind: "id"; id: number }
  | { kind: "position"; index: number } // 0-based; -1 is the last
  | { kind: "pronoun" }
  | { kind: "title"; text: string };

const ORDINALS = wordTable<number>({
  first: 0, "1st": 0, second: 1, "2nd": 1, third: 2, "3rd": 2, fourth: 3, "4th": 3, fifth: 4, "5th": 4,
  sixth: 5, "6th": 5, seventh: 6, "7th": 6, eighth: 7, "8th": 7, ninth: 8, "9th": 8, tenth: 9, "10th": 9, last: -1,
});

export function parseRef(raw: string): TaskRef {
  const text = raw.trim().replace(/^["“']|["”']$/g, "").trim();
  const lower = text.toLowerCase().replace(/[.!?]+$/, "");
  let m = lower.match(/^(?:task|todo|item|number|no\.?)?\s*#?\s*(\d{1,10})$/);
  if (m && (lower.includes("#") || /^(task|todo|item|number|no)/.test(lower) || /^\d+$/.test(lower))) return { kind: "id", id: Number(m[1]) };
  m = lower.match(/^(?:the\s+)?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|\d+(?:st|nd|rd|th))(?:\s+(?:one|task|item|todo))?(?:\s+(?:on|in) (?:the|my) list)?$/);
  if (m && ORDINALS[m[1]!] !== undefined) return { kind: "position", index: ORDINALS[m[1]!]! };
  if (/^(it|that|this|that one|this one|that task|this task|the task)$/.test(lower)) return { kind: "pronoun" };
  const title = text
    .replace(/^(?:the|my)\s+(?:task|todo)\s+(?:called\s+|named\s+)?/i, "")
    .replace(/^(?:task|todo)\s+(?:called\s+|named\s+)/i, "")
    // A topic word: "the dentist one", "the milk task", "the one about the report".
    .replace(/^(?:the|my)\s+(?:one|task|todo|item|thing)\s+(?:about|for|with|regarding)\s+(?:the\s+|my\s+)?/i, "")
    .replace(/^(?:the|my)\s+(.+?)\s+(?:one|task|todo|item|thing|stuff)$/i, "$1");
  return { kind: "title", text: title };
}
