import type { TaskPriority } from "@/lib/tasks/schemas";
import { extractTrailingDate, parseDatePhrase } from "./dates";

/** How the user pointed at a task. */
export type TaskRef =
  | { kind: "id"; id: number }
  | { kind: "position"; index: number } // 0-based; -1 is the last
  | { kind: "pronoun" }
  | { kind: "title"; text: string };

export type NewTask = { title: string; dueDate?: string; priority?: TaskPriority };

export type Intent =
  | { type: "add"; tasks: NewTask[] }
  | { type: "list"; status: "all" | "active" | "completed" | "overdue"; search?: string }
  | { type: "complete"; ref: TaskRef; completed: boolean }
  | { type: "complete_all" }
  | { type: "rename"; ref: TaskRef; title: string }
  | { type: "due"; ref: TaskRef; dueDate: string | null }
  | { type: "priority"; ref: TaskRef; priority: TaskPriority }
  | { type: "delete"; ref: TaskRef }
  | { type: "delete_completed" }
  | { type: "help" }
  | { type: "greeting" }
  | { type: "thanks" }
  | { type: "clarify"; message: string }
  | { type: "unknown" };

const POLITE_PREFIX =
  /^(?:(?:hey|hi|hello|ok|okay|so|um|uh|alright|right|actually|oh|oops|wait|please|pls|plz|kindly|yo)\b[,!.]?\s*)*(?:(?:could|can|would|will|wud) (?:you|u)(?: please| pls| kindly)?\s+|(?:please|pls|plz|kindly)\s+)*/i;
const POLITE_SUFFIX = /(?:[,\s]+(?:please|pls|plz|thanks|thank you|thx|ty|for me|if you can|if you could|if possible|now))*[\s.!?]*$/i;

export function stripPoliteness(text: string): string {
  let t = text.trim().replace(/\s+/g, " ");
  for (let i = 0; i < 3; i++) {
    const next = t.replace(POLITE_PREFIX, "").replace(POLITE_SUFFIX, "").trim();
    if (next === t) break;
    t = next;
  }
  return t;
}

const ORDINALS: Record<string, number> = {
  first: 0, "1st": 0, second: 1, "2nd": 1, third: 2, "3rd": 2, fourth: 3, "4th": 3, fifth: 4, "5th": 4,
  sixth: 5, "6th": 5, seventh: 6, "7th": 6, eighth: 7, "8th": 7, ninth: 8, "9th": 8, tenth: 9, "10th": 9, last: -1,
};

export function parseRef(raw: string): TaskRef {
  const text = raw.trim().replace(/^["“']|["”']$/g, "").trim();
  const lower = text.toLowerCase().replace(/[.!?]+$/, "");
  let m = lower.match(/^(?:task|todo|item|number|no\.?)?\s*#?\s*(\d{1,10})$/);
  if (m && (lower.includes("#") || /^(task|todo|item|number|no)/.test(lower) || /^\d+$/.test(lower))) return { kind: "id", id: Number(m[1]) };
  m = lower.match(/^(?:the\s+)?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|\d+(?:st|nd|rd|th))(?:\s+(?:one|task|item|todo))?(?:\s+(?:on|in) (?:the|my) list)?$/);
  if (m && ORDINALS[m[1]!] !== undefined) return { kind: "position", index: ORDINALS[m[1]!]! };
  if (/^(it|that|this|that one|this one|that task|this task|the task)$/.test(lower)) return { kind: "pronoun" };
  return { kind: "title", text: text.replace(/^(?:the|my)\s+(?:task|todo)\s+(?:called\s+|named\s+)?/i, "").replace(/^(?:task|todo)\s+(?:called\s+|named\s+)/i, "") };
}

const PRIORITY_WORDS: Array<[RegExp, TaskPriority]> = [
  [/\s*[,(]?\s*(?:it'?s\s+)?(?:urgent|urgently|asap|important|high[- ]priority|top priority|priority high|!!+)\)?\s*/i, "high"],
  [/\s*[,(]?\s*(?:low[- ]priority|not urgent|whenever|someday|no rush|priority low)\)?\s*/i, "low"],
  [/\s*[,(]?\s*(?:medium[- ]priority|normal priority|priority medium)\)?\s*/i, "medium"],
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

function cleanTitle(text: string): string {
  return text
    .replace(/\s+(?:to|on|onto|in)\s+(?:my|the)\s+(?:todo\s+|to-do\s+|task\s+)?(?:list|tasks|todos)$/i, "")
    .replace(/^(?:a\s+)?(?:new\s+)?(?:task|todo|to-do|reminder)\s*(?:called|named|:|to)?\s+/i, "")
    .replace(/^["“']|["”']$/g, "")
    .replace(/[.!?,;:]+$/, "")
    .trim();
}

/** One request can name several tasks: "milk, eggs and bread". A quoted title is kept whole. */
function splitItems(text: string): string[] {
  if (/^["“].*["”]$/.test(text.trim())) return [text];
  const parts = text.split(/\s*,\s*(?:and\s+)?|\s+and\s+|\s*;\s*/i).map((p) => p.trim()).filter(Boolean);
  // Split only a list of short items; "call mum about the trip and the car" stays one task.
  return parts.length > 1 && parts.every((p) => p.split(/\s+/).length <= 4) ? parts : [text];
}

function parseNewTasks(text: string, today: string): NewTask[] | string {
  const quoted = text.trim().match(/^["“](.+)["”]$/);
  if (quoted) return [{ title: capitalize(quoted[1]!.trim()) }];
  let { rest, priority } = extractPriority(text);
  const dated = extractTrailingDate(rest, today);
  rest = dated.rest;
  if (!priority) ({ rest, priority } = extractPriority(rest));
  const titles = splitItems(cleanTitle(rest)).map((t) => capitalize(cleanTitle(t)));
  if (!titles.length || titles.some((t) => !t)) return "What should the task be called? For example: “add buy milk tomorrow”.";
  const tooLong = titles.find((t) => t.length > 200);
  if (tooLong) return "That title is longer than 200 characters. Could you shorten it?";
  return titles.map((title) => ({ title, ...(dated.dueDate ? { dueDate: dated.dueDate } : {}), ...(priority ? { priority } : {}) }));
}

function statusFrom(text: string): "all" | "active" | "completed" | "overdue" {
  if (/\b(overdue|late|past due|missed)\b/i.test(text)) return "overdue";
  if (/\b(done|completed|complete|finished|ticked)\b/i.test(text)) return "completed";
  if (/\b(left|remaining|open|active|pending|outstanding|unfinished|incomplete|to do|todo|still)\b/i.test(text)) return "active";
  return "all";
}

const COMMAND_VERB = /^(add|create|new|make|delete|remove|mark|complete|finish|rename|change|move|set|show|list)\b/i;

/** Turns a user's message into what they want done. Pure: the same text and date give the same intent. */
export function parseIntent(message: string, today: string): Intent {
  const bare = message.trim().toLowerCase().replace(/[\s.!?,]+$/, "");
  if (/^(hi|hello|hey|hiya|good (morning|afternoon|evening)|yo|howdy)( there)?$/.test(bare)) return { type: "greeting" };
  const text = stripPoliteness(message);
  const lower = text.toLowerCase();
  if (!text) return { type: "help" };

  if (/^(help|\?+|what can you do|what do you do|how does this work|commands|examples|what can i say)\b/.test(lower)) return { type: "help" };
  if (/^(hi|hello|hey|hiya|good (morning|afternoon|evening)|yo|howdy)$/.test(lower)) return { type: "greeting" };
  if (/^(thanks|thank you|thx|ty|cheers|great|perfect|awesome|nice|cool|ok|okay)$/.test(lower)) return { type: "thanks" };

  let m: RegExpMatchArray | null;

  // Wanting phrases either wrap a command ("I'd like to add milk") or are the task ("I need to call mum").
  m = text.match(/^(?:i(?:\s+would|'d|’d)\s+like\s+to|i\s+want\s+to|i\s+wanna)\s+(.+)$/i);
  if (m && COMMAND_VERB.test(m[1]!)) return parseIntent(m[1]!, today);

  // --- bulk -----------------------------------------------------------------------------------
  if (/^(?:delete|remove|clear|clean up|get rid of|purge)\s+(?:all\s+)?(?:of\s+)?(?:the\s+|my\s+)?(?:completed|finished|done)(?:\s+(?:tasks|ones|todos|items))?$/i.test(text) ||
      /^clear (?:out )?(?:the )?(?:completed|done|finished)$/i.test(text))
    return { type: "delete_completed" };
  if (/^(?:mark|set)\s+(?:all|everything|all\s+(?:my\s+)?(?:tasks|todos))\s+(?:as\s+)?(?:done|complete|completed|finished)$/i.test(text) ||
      /^(?:complete|finish)\s+(?:all|everything)(?:\s+(?:my\s+)?(?:tasks|todos))?$/i.test(text))
    return { type: "complete_all" };

  // --- list -----------------------------------------------------------------------------------
  m = text.match(/^(?:search|find|look)\s+(?:for\s+)?(?:tasks?\s+)?(?:about\s+|with\s+|containing\s+|called\s+|named\s+|matching\s+)?(.+)$/i);
  if (m) return { type: "list", status: "all", search: cleanTitle(m[1]!) };
  m = text.match(/^(?:show|list|display|view|see|get)(?:\s+me)?(?:\s+(?:all|every))?(?:\s+(?:of\s+)?(?:my|the))?\s+(?:tasks|todos|to-dos|items)\s+(?:about|with|containing|matching|mentioning)\s+(.+)$/i);
  if (m) return { type: "list", status: "all", search: cleanTitle(m[1]!) };
  if (
    /^(?:show|list|display|view|see|get|check)\b(?!.*\b(?:to|as)\b.*\b(?:done|complete)\b)/i.test(text) && /\b(tasks?|todos?|to-dos?|list|items?|everything|all|done|completed|overdue|left|open|pending)\b/i.test(text) ||
    /^(?:what|whats|what's|wat)\b.*\b(?:tasks?|todos?|list|left|remaining|overdue|done|completed|to do|pending|open|have|got)\b/i.test(text) ||
    /^(?:do i have|have i got|anything|is there anything|any)\b.*\b(?:tasks?|todos?|left|overdue|due|pending|to do)\b/i.test(text) ||
    /^(?:my\s+)?(?:tasks|todos|to-dos|list|todo list|to-do list|overdue|agenda)[?!.]*$/i.test(text) ||
    /^how many\b.*\b(?:tasks?|todos?|left)\b/i.test(text)
  )
    return { type: "list", status: statusFrom(text) };

  // --- delete (a due date first: "remove the due date from X" is not a deletion) ---------------
  m = text.match(/^(?:remove|clear|delete|drop|unset)\s+(?:the\s+)?(?:due\s+date|deadline|date)\s+(?:of|from|for|on)\s+(.+)$/i);
  if (m) return { type: "due", ref: parseRef(m[1]!), dueDate: null };
  m = text.match(/^(?:delete|del|remove|rm|get rid of|drop|trash|erase|scrap|scratch|discard|delet|deleet|remvoe|remoev)\s+(.+?)(?:\s+(?:from|off)\s+(?:my|the)\s+(?:list|tasks))?$/i);
  if (m) return { type: "delete", ref: parseRef(m[1]!) };

  // --- complete / reopen ----------------------------------------------------------------------
  m = text.match(/^(?:mark|set|flag|make)\s+(.+?)\s+(?:as\s+)?(?:not done|undone|not complete|incomplete|not finished|open|active|to ?do|unfinished|pending)$/i);
  if (m) return { type: "complete", ref: parseRef(m[1]!), completed: false };
  m = text.match(/^(?:reopen|re-open|uncomplete|unmark|undo|uncheck|untick)\s+(.+)$/i);
  if (m) return { type: "complete", ref: parseRef(m[1]!), completed: false };
  m = text.match(/^(?:mark|set|flag|make)\s+(.+?)\s+(?:as\s+)?(?:done|complete|completed|finished|dne|doen|compelte|completd|finsihed)$/i);
  if (m) return { type: "complete", ref: parseRef(m[1]!), completed: true };
  m = text.match(
    /^(?:complete|compelte|finish|finsh|finished|check off|tick off|cross off|done with|done|i(?:'ve| have)? (?:finished|completed|done|did)|i'm done with|im done with|i am done with|i finished|i completed|i did)\s+(.+?)(?:\s+(?:off|already|today|now))?$/i,
  );
  if (m) return { type: "complete", ref: parseRef(m[1]!), completed: true };
  m = text.match(/^(.+?)\s+(?:is|are)\s+(?:done|finished|complete|completed)$/i);
  if (m) return { type: "complete", ref: parseRef(m[1]!), completed: true };

  // --- priority -------------------------------------------------------------------------------
  m = text.match(/^(?:set|change|make)\s+(?:the\s+)?priority\s+(?:of|for|on)\s+(.+?)\s+(?:to\s+)?(high|low|medium|normal|urgent)$/i);
  if (m) return { type: "priority", ref: parseRef(m[1]!), priority: priorityWord(m[2]!) };
  m = text.match(/^(?:make|mark|set|flag)\s+(.+?)\s+(?:as\s+)?(?:a\s+)?(high|low|medium|normal|urgent|important|top)(?:[- ]priority)?$/i);
  if (m) return { type: "priority", ref: parseRef(m[1]!), priority: priorityWord(m[2]!) };
  m = text.match(/^(?:prioriti[sz]e)\s+(.+)$/i);
  if (m) return { type: "priority", ref: parseRef(m[1]!), priority: "high" };

  // --- due dates ------------------------------------------------------------------------------
  m = text.match(/^(?:change|set|move|update|push|put|make)\s+(?:the\s+)?(?:due\s+date|deadline|date)\s+(?:of|for|on)\s+(.+?)\s+(?:to|for|as)\s+(.+)$/i);
  if (m) return dueIntent(m[1]!, m[2]!, today);
  m = text.match(/^(?:move|push|postpone|reschedule|defer|delay|bump)\s+(.+?)\s+(?:to|until|till|for)\s+(.+)$/i);
  if (m) return dueIntent(m[1]!, m[2]!, today);
  m = text.match(/^(.+?)\s+(?:is\s+)?due\s+(.+)$/i);
  if (m && !/^(?:add|create|remind|new)\b/i.test(m[1]!) && parseDatePhrase(m[2]!, today)) return dueIntent(m[1]!, m[2]!, today);

  // --- rename ---------------------------------------------------------------------------------
  m = text.match(/^(?:rename|retitle|renmae|reanme)\s+(.+?)\s+(?:to|as|into)\s+(.+)$/i);
  if (m) return renameIntent(m[1]!, m[2]!);
  m = text.match(/^(?:change|update|edit|set)\s+(?:the\s+)?(?:title|name|text)\s+(?:of|for|on)\s+(.+?)\s+to\s+(.+)$/i);
  if (m) return renameIntent(m[1]!, m[2]!);
  m = text.match(/^(?:change|update|edit)\s+(.+?)\s+to\s+(.+)$/i);
  if (m) return parseDatePhrase(m[2]!, today) ? dueIntent(m[1]!, m[2]!, today) : renameIntent(m[1]!, m[2]!);

  // --- add ------------------------------------------------------------------------------------
  m = text.match(/^(?:add|create|new)\s+(?:a\s+)?(?:task|todo|to-do|reminder)$/i);
  if (m) return { type: "clarify", message: "What should the task be called? For example: “add buy milk tomorrow”." };
  m = text.match(/^(?:add|ad|addd|create|creat|new|make|put|note|jot down|write down|log|capture|schedule)(?:\s+(?:a|an))?(?:\s+new)?(?:\s+(?:task|todo|to-do|reminder|item))?(?:\s*:|\s+to|\s+called|\s+named)?\s+(.+)$/i);
  if (m) return addIntent(m[1]!, today);
  m = text.match(/^(?:remind me to|remind me|remember to|don'?t let me forget to|don'?t forget to|dont forget to|i need to|i have to|i've got to|i gotta|i must|i should|need to|have to|gotta|must|i want to|i'd like to|i would like to|todo|to do|to-do|task)\s*:?\s+(.+)$/i);
  if (m) return addIntent(m[1]!, today);
  m = text.match(/^(.+?)\s+(?:on|to)\s+(?:my|the)\s+(?:todo\s+|to-do\s+)?list$/i);
  if (m) return addIntent(m[1]!, today);

  return { type: "unknown" };
}

function priorityWord(word: string): TaskPriority {
  const w = word.toLowerCase();
  if (w === "low") return "low";
  if (w === "medium" || w === "normal") return "medium";
  return "high";
}

function addIntent(text: string, today: string): Intent {
  const tasks = parseNewTasks(text, today);
  return typeof tasks === "string" ? { type: "clarify", message: tasks } : { type: "add", tasks };
}

function dueIntent(ref: string, when: string, today: string): Intent {
  if (/^(?:no|none|nothing|never|no date|no due date)$/i.test(when.trim())) return { type: "due", ref: parseRef(ref), dueDate: null };
  const dueDate = parseDatePhrase(when, today);
  if (!dueDate)
    return { type: "clarify", message: `I couldn't read “${when.trim()}” as a date. Try “tomorrow”, “friday”, “next monday”, “in 3 days” or 2026-12-31.` };
  return { type: "due", ref: parseRef(ref), dueDate };
}

function renameIntent(ref: string, title: string): Intent {
  const clean = capitalize(cleanTitle(title));
  if (!clean) return { type: "clarify", message: "What should the new title be?" };
  if (clean.length > 200) return { type: "clarify", message: "That title is longer than 200 characters. Could you shorten it?" };
  return { type: "rename", ref: parseRef(ref), title: clean };
}
