import type { TaskPriority } from "@/lib/tasks/schemas";
import { addDays } from "@/lib/dates";
import { extractTrailingDate, parseDatePhrase } from "./dates";
import { correctCommandWord } from "./fuzzy";
import { baseOfPastTense } from "./verbs";

/** How the user pointed at a task. */
export type TaskRef =
  | { kind: "id"; id: number }
  | { kind: "position"; index: number } // 0-based; -1 is the last
  | { kind: "pronoun" }
  | { kind: "title"; text: string };

export type NewTask = { title: string; dueDate?: string; priority?: TaskPriority };

/** A due-date window a question asks about: "due today" is one day, "this week" several. */
export type DueWindow = { from: string; to: string; label: string };

/** One change applied to many tasks in a single batch call. */
export type BatchAction =
  | { kind: "complete"; completed: boolean }
  | { kind: "delete" }
  | { kind: "due"; dueDate: string | null }
  | { kind: "priority"; priority: TaskPriority };

/** Which tasks "everything …" means: a status, a due window or a priority, less the ones excepted. */
export type Selection = { status?: "active" | "completed" | "all" | "overdue"; due?: DueWindow; priority?: TaskPriority; except?: string };

export type Intent =
  | { type: "add"; tasks: NewTask[] }
  | { type: "list"; status: "all" | "active" | "completed" | "overdue"; search?: string; priority?: TaskPriority; due?: DueWindow; undated?: true }
  | { type: "shift"; ref: TaskRef; days: number }
  | { type: "when"; ref: TaskRef }
  | { type: "complete"; ref: TaskRef; completed: boolean }
  | { type: "complete_all" }
  | { type: "rename"; ref: TaskRef; title: string }
  | { type: "due"; ref: TaskRef; dueDate: string | null }
  | { type: "priority"; ref: TaskRef; priority: TaskPriority }
  | { type: "delete"; ref: TaskRef }
  | { type: "delete_completed" }
  | { type: "undo" }
  | { type: "bulk"; action: BatchAction; selection: Selection }
  | { type: "help" }
  | { type: "greeting" }
  | { type: "thanks" }
  | { type: "clarify"; message: string }
  | { type: "unknown" };

const POLITE_PREFIX =
  /^(?:(?:hey|hi|hello|ok|okay|so|um|uh|alright|right|actually|oh|oops|wait|please|pls|plz|kindly|yo|also|and|plus|then)\b[,!.]?\s*|(?:no|nope|nah)[,!.]+\s*)*(?:(?:could|can|would|will|wud) (?:you|u)(?: please| pls| kindly)?\s+|(?:please|pls|plz|kindly)\s+)*/i;
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
  const title = text
    .replace(/^(?:the|my)\s+(?:task|todo)\s+(?:called\s+|named\s+)?/i, "")
    .replace(/^(?:task|todo)\s+(?:called\s+|named\s+)/i, "")
    // A topic word: "the dentist one", "the milk task", "the one about the report".
    .replace(/^(?:the|my)\s+(?:one|task|todo|item|thing)\s+(?:about|for|with|regarding)\s+(?:the\s+|my\s+)?/i, "")
    .replace(/^(?:the|my)\s+(.+?)\s+(?:one|task|todo|item|thing|stuff)$/i, "$1");
  return { kind: "title", text: title };
}

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

function cleanTitle(text: string): string {
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

const QUOTE_PAIRS: Record<string, string> = { '"': '"', "“": "”", "'": "'", "‘": "’", "«": "»", "”": "”" };

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
  return items.map(({ title, dueDate }) => ({ title, ...(dueDate ? { dueDate } : {}), ...(priority ? { priority } : {}) }));
}

function statusFrom(text: string): "all" | "active" | "completed" | "overdue" {
  if (/\b(overdue|late|past due|missed)\b/i.test(text)) return "overdue";
  if (/\b(done|completed|complete|finished|ticked)\b/i.test(text)) return "completed";
  if (/\b(left|remaining|open|active|pending|outstanding|unfinished|incomplete|to do|todo|still)\b/i.test(text)) return "active";
  return "all";
}

const COMMAND_VERB = /^(add|create|new|make|delete|remove|mark|complete|finish|rename|change|move|set|show|list)\b/i;

/** "undo", "undo that", "revert that", "take that back", "oops undo", "never mind, undo that". */
const UNDO =
  /^(?:(?:oops|whoops|oh no|no|nope|wait|no wait|hang on|never ?mind|nvm|sorry|ugh|argh|uh oh|actually|please|pls)[,!.]*\s+)*(?:(?:can|could) you\s+)?(?:undo|revert|reverse|roll ?back|take back|undo undo)(?:\s+(?:that|it|this|the last (?:change|action|thing|step|edit)|my last (?:change|action|edit)|last (?:change|action|step)|what you (?:just )?did|the last thing(?: you did)?|that change|that last change))?(?:\s+(?:please|pls|again))?$|^(?:(?:oops|whoops|no|nope|wait|no wait|never ?mind|sorry)[,!.]*\s+)*take (?:that|it) back$/i;

/** Turns a user's message into what they want done. Pure: the same text and date give the same intent. */
export function parseIntent(message: string, today: string): Intent {
  const intent = parseWords(message, today);
  if (intent.type !== "unknown") return intent;
  // A misspelt command word ("cmoplete buy milk", "shwo my tasks"): read it again, corrected.
  const text = stripPoliteness(message);
  const first = text.match(/^([a-z]+)(\s|$)/i)?.[1];
  const corrected = first ? correctCommandWord(first) : undefined;
  if (corrected) return parseWords(`${corrected}${text.slice(first!.length)}`, today);
  return datedStatement(message, text, today) ?? intent;
}

/** A statement (not a question) that ends in a date is a task to add: "call the vet today at 5". */
function datedStatement(message: string, text: string, today: string): Intent | undefined {
  if (/\?\s*$/.test(message) || /^(?:what|which|when|where|who|why|how|is|are|do|does|did|can|could|should|will|would)\b/i.test(text)) return undefined;
  // A goodbye is not a task: "see you tomorrow", "talk to you on monday".
  if (/^(?:(?:ok(?:ay)?|bye|thanks|cheers)[,!.]?\s+)*(?:see|talk to|speak to|catch) (?:you|ya|u)\b|^(?:bye|goodbye|good ?night|night)\b/i.test(text)) return undefined;
  const task = text.replace(/^(?:i(?:'ve| have)(?: got)?|we(?:'ve| have)(?: got)?|there(?:'s| is))\s+(?:an?\s+)?(?=\S+\s)/i, "");
  const dated = extractTrailingDate(task, today);
  return dated.dueDate && dated.rest.split(/\s+/).length >= 2 ? addIntent(task, today) : undefined;
}

/** A priority written as a label before the task: "urgent: call the bank", "low prio - water plants", "!! pay invoice". */
const PRIORITY_LABEL =
  /^(?:(?:(urgent|asap|important|(?:high|top)(?:[- ]?(?:priority|prio|pri))?|p1)|(low(?:[- ]?(?:priority|prio|pri))?|p3)|((?:medium|normal)(?:[- ]?(?:priority|prio|pri))?|p2))\s*(?:[:\-–—|]+|!+)|(!{1,3}))\s*(.+)$/i;

function labelledPriority(text: string, today: string): Intent | undefined {
  const m = text.match(PRIORITY_LABEL);
  if (!m) return undefined;
  const priority: TaskPriority = m[2] ? "low" : m[3] ? "medium" : "high";
  const inner = parseWords(m[5]!, today);
  const intent = inner.type === "add" ? inner : addIntent(m[5]!, today);
  return intent.type === "add" ? { type: "add", tasks: intent.tasks.map((t) => ({ ...t, priority })) } : intent;
}

const DONE_WORDS = "done|completed|complete|finished|ticked off|checked off";
// "todo: X" adds a task, so "to do" and "open" are not status labels.
const NOT_DONE_WORDS = "not done|undone|not complete|not completed|incomplete|not finished|unfinished";
const CHECK_MARK = "✓|✔️?|✅|☑️?|\\[[x✓✔]\\]|\\(x\\)|\\((?:done|completed|finished)\\)|\\[(?:done|completed|finished)\\]";

/** A status written beside the title: "done: buy milk", "buy milk — done", "✓ buy milk", "[x] buy milk", "[ ] buy milk". */
function statusLabel(text: string): Intent | undefined {
  const t = text.replace(/^[-*•]\s+(?=\[)/, "");
  let m = t.match(new RegExp(`^(?:(?:${NOT_DONE_WORDS})\\s*[:\\-–—]+|\\[\\s\\])\\s*(.+)$`, "i"));
  if (m) return { type: "complete", ref: parseRef(m[1]!), completed: false };
  m = t.match(new RegExp(`^(.+?)\\s*(?:[:\\-–—]+\\s*(?:${NOT_DONE_WORDS}|not yet)|\\[\\s\\])$`, "i"));
  if (m) return { type: "complete", ref: parseRef(m[1]!), completed: false };
  m = t.match(new RegExp(`^(?:(?:${DONE_WORDS})\\s*[:\\-–—]+|${CHECK_MARK})\\s*(.+)$`, "i"));
  if (m) return { type: "complete", ref: parseRef(m[1]!), completed: true };
  m = t.match(new RegExp(`^(.+?)\\s*(?:[:\\-–—]+\\s*(?:${DONE_WORDS})|${CHECK_MARK})$`, "i"));
  if (m) return { type: "complete", ref: parseRef(m[1]!), completed: true };
  return undefined;
}

/** What a statement is about: "bought it" is the task just discussed; "called mum" names "call mum". */
function refFromStatement(words: string): TaskRef {
  if (/^[a-z]+\s+(?:it|that|this|that one|this one)$/i.test(words)) return { kind: "pronoun" };
  return parseRef(titleFromStatement(words));
}

/** The title a statement names, with its verb back in the form titles use: "called mum" → "call mum". */
function titleFromStatement(words: string): string {
  const [verb = "", ...rest] = words.split(/\s+/);
  const base = baseOfPastTense(verb);
  return base ? [base, ...rest].join(" ") : words;
}

const STATEMENT_TAIL = /\s+(?:already|today|yesterday|earlier|just now|now|too|as well|this morning|last night|at last|finally|after all|actually|yet)$/i;
const STATEMENT_START = /^(?:(?:i|we)(?:'ve|'d| have| had)?\s+)?(?:(?:just|already|finally|actually|now|also)\s+)*/i;

/** "I didn't actually call mum", "buy milk isn't done", "haven't done the report": reopen it. */
function negatedCompletion(text: string): Intent | undefined {
  let m = text.match(new RegExp(`^(.+?)\\s+(?:isn't|isnt|is not|wasn't|wasnt|was not|aren't|arent|are not|ain't)\\s+(?:actually\\s+|really\\s+|quite\\s+|yet\\s+)?(?:${DONE_WORDS})(?:\\s+(?:yet|after all))?$`, "i"));
  if (m) return { type: "complete", ref: parseRef(m[1]!), completed: false };
  if (/^never\s*mind\b/i.test(text)) return undefined;
  m = text.match(/^(?:(?:i|we)\s+)?(?:didn't|didnt|did not|haven't|havent|have not|hadn't|had not|never)\s+(?:(?:actually|really|yet|even|quite)\s+)*(.+)$/i);
  if (!m) return undefined;
  let words = m[1]!;
  for (let i = 0; i < 2; i++) words = words.replace(STATEMENT_TAIL, "");
  const finished = words.match(/^(?:do|done|finish|finished|complete|completed|get to|got to|gotten to|get round to|get around to|tick off|ticked off)\s+(.+)$/i);
  return { type: "complete", ref: finished ? parseRef(finished[1]!) : refFromStatement(words), completed: false };
}

/** "I called mum", "paid the rent already", "just finished the report": complete the task they name. */
function pastStatement(text: string): Intent | undefined {
  let words = text.replace(STATEMENT_START, "");
  for (let i = 0; i < 2; i++) words = words.replace(STATEMENT_TAIL, "");
  const finished = words.match(/^(?:finished|completed|did|done with|got done with|ticked off|checked off|crossed off|sorted|sorted out)\s+(.+)$/i);
  if (finished) return { type: "complete", ref: parseRef(finished[1]!), completed: true };
  const verb = words.match(/^([a-z]+)\s+(.+)$/i);
  if (!verb || !baseOfPastTense(verb[1]!)) return undefined;
  return { type: "complete", ref: refFromStatement(words), completed: true };
}

/** A date for the task just discussed: "make it friday", "it's due tomorrow", "actually, tomorrow". */
function pronounDate(text: string, today: string): Intent | undefined {
  const m =
    text.match(/^(?:make|set|change|put|move|push|schedule|switch)\s+(?:it|that|this|that one|this one)\s+(?:to\s+|for\s+|till\s+|until\s+)?(?:due\s+)?(.+?)(?:\s+instead)?$/i) ??
    text.match(/^(?:it|that|this)(?:'s|’s| is| was| should be| needs to be| has to be| can be)?\s+(?:due\s+|for\s+|on\s+)+(.+?)(?:\s+instead)?$/i) ??
    text.match(/^(?:it|that|this)(?:'s|’s| is| should be| needs to be)\s+(.+?)(?:\s+instead)?$/i) ??
    text.match(/^(?:(?:no|nope|sorry|oh|wait|hmm|i meant|i mean|rather|make that|change that to)[,.!]?\s+)*(?:due\s+|on\s+|for\s+)?(.+?)(?:\s+instead)?$/i);
  if (!m) return undefined;
  // A bare ordinal answers "Which one do you mean?"; it is not a date.
  if (/^(?:the\s+)?\d{1,2}(?:st|nd|rd|th)$/i.test(m[1]!.trim())) return undefined;
  const dueDate = parseDatePhrase(m[1]!.replace(/^(?:done|finished|ready|completed|sorted)\s+(?=by|on|for|before|until)/i, ""), today);
  return dueDate ? { type: "due", ref: { kind: "pronoun" }, dueDate } : undefined;
}

/** "When is the rent due?", "when's the dentist due", "what's the due date of the report". */
function whenIsItDue(text: string): Intent | undefined {
  const m =
    text.match(/^(?:when|what day)\s*(?:is|'s|’s|was|are)?\s+(.+?)\s+(?:due|scheduled|planned|for)$/i) ??
    text.match(/^(?:what(?:'s|’s| is)?|tell me)\s+the\s+(?:due\s+date|deadline|date)\s+(?:of|for|on)\s+(.+)$/i) ??
    text.match(/^when\s+(?:do|should|must)\s+i\s+(?:have\s+to\s+|need\s+to\s+)?(.+?)(?:\s+by)?$/i);
  return m ? { type: "when", ref: parseRef(m[1]!) } : undefined;
}

function parseWords(message: string, today: string): Intent {
  // A list typed on several lines ("add these:\n- sunscreen\n- towels") is a list of items.
  message = message.replace(/(\w)’(\w)/g, "$1'$2").replace(/:?\s*\n\s*(?:[-*•]|\d+[.)])?\s*(?=\S)/g, ", ");
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

  // A leading purpose does not change the request: "for the party I need to get balloons, candles".
  m = text.match(/^for\s+(?:the|my|our|this|a|an|next)\s+(?:\S+\s+){0,3}?\S+?,?\s+((?:i|we)\s+(?:need|have|must|should|want|gotta|got)\b.*|remind me\b.*|(?:please\s+)?add\b.*)$/i);
  if (m) return parseWords(m[1]!, today);

  const labelled = labelledPriority(text, today) ?? leadingDate(text, today);
  if (labelled) return labelled;

  // --- undo the last change ("undo <title>" reopens that task, below) --------------------------
  if (UNDO.test(text)) return { type: "undo" };

  // --- bulk -----------------------------------------------------------------------------------
  if (/^(?:delete|remove|clear|clean up|get rid of|purge)\s+(?:all\s+)?(?:of\s+)?(?:the\s+|my\s+)?(?:completed|finished|done)(?:\s+(?:tasks|ones|todos|items))?$/i.test(text) ||
      /^clear (?:out )?(?:the )?(?:completed|done|finished)$/i.test(text))
    return { type: "delete_completed" };
  if (/^(?:mark|set)\s+(?:all|everything|all\s+(?:my\s+)?(?:tasks|todos))\s+(?:as\s+)?(?:done|complete|completed|finished)$/i.test(text) ||
      /^(?:complete|finish)\s+(?:all|everything)(?:\s+(?:my\s+)?(?:tasks|todos))?$/i.test(text))
    return { type: "complete_all" };

  const bulk = bulkIntent(text, today);
  if (bulk) return bulk;

  // --- list -----------------------------------------------------------------------------------
  const when = whenIsItDue(text);
  if (when) return when;
  m = text.match(/^(?:search|find|look)\s+(?:for\s+)?(?:tasks?\s+)?(?:about\s+|with\s+|containing\s+|called\s+|named\s+|matching\s+)?(.+)$/i);
  if (m) return { type: "list", status: "all", search: cleanTitle(m[1]!) };
  m = text.match(/^(?:do i have|have i got|is there|are there|got)\s+(?:anything|any tasks?|any todos?|something|a task)\s+(?:about|for|regarding|related to|to do with|mentioning|with)\s+(.+)$/i);
  if (m && !parseDatePhrase(m[1]!, today)) return { type: "list", status: "all", search: cleanTitle(m[1]!.replace(/^(?:the|my|a|an)\s+/i, "")) };
  m = text.match(/^(?:which|what|any|are there any|do i have any)\s+(?:tasks?|todos?|items?|ones?)\s+(?:are\s+|is\s+|do i have\s+)?(?:about|for|on|related to|to do with|mentioning|mention|regarding|with|containing)\s+(.+)$/i);
  if (m) return { type: "list", status: "all", search: cleanTitle(m[1]!.replace(/^(?:the|my|a|an)\s+/i, "")) };
  m = text.match(/^(?:show|list|display|view|see|get)(?:\s+me)?(?:\s+(?:all|every))?(?:\s+(?:of\s+)?(?:my|the))?\s+(?:tasks|todos|to-dos|items)\s+(?:about|with|containing|matching|mentioning)\s+(.+)$/i);
  if (m) return { type: "list", status: "all", search: cleanTitle(m[1]!) };
  if (
    /^(?:show|list|display|view|see|get(?! rid\b)|check)\b(?!.*\b(?:to|as)\b.*\b(?:done|complete)\b)/i.test(text) && /\b(tasks?|todos?|to-dos?|list|items?|everything|all|done|completed|overdue|left|open|pending|stuff|things|ones|due)\b/i.test(text) ||
    /^(?:what|whats|what's|wat|which)\b.*\b(?:tasks?|todos?|list|left|remaining|overdue|done|completed|to do|pending|open|have|got|due|stuff|things)\b/i.test(text) ||
    /^(?:do i have|have i got|anything|is there anything|any)\b.*\b(?:tasks?|todos?|left|overdue|due|pending|to do|urgent|important|high priority|low priority)\b/i.test(text) ||
    /^(?:my\s+|all\s+(?:my\s+)?)?(?:(?:high|low|medium|top)[- ]prio(?:rity)?\s+|urgent\s+|important\s+|open\s+|overdue\s+|completed\s+|undated\s+)?(?:tasks|todos|to-dos|list|todo list|to-do list|overdue|agenda|stuff)(?:\s+(?:with(?:out)?\s+(?:a\s+|no\s+)?(?:due\s+)?date|due\s+\w+(?:\s\w+)?))?[?!.]*$/i.test(text) ||
    /^how many\b.*\b(?:tasks?|todos?|left)\b/i.test(text)
  )
    return listIntent(text, today);

  // --- delete (a due date first: "remove the due date from X" is not a deletion) ---------------
  m = text.match(/^(?:remove|clear|delete|drop|unset)\s+(?:the\s+)?(?:due\s+date|deadline|date)\s+(?:of|from|for|on)\s+(.+)$/i);
  if (m) return { type: "due", ref: parseRef(m[1]!), dueDate: null };
  m =
    text.match(/^(?:i\s+)?(?:don't|dont|do not|no longer)\s+need\s+(?:to\s+do\s+|to\s+)?(.+?)(?:\s+(?:anymore|any more|now|after all))$/i) ??
    text.match(/^(?:i\s+)?no longer\s+need\s+(?:to\s+do\s+|to\s+)?(.+?)$/i) ??
    text.match(/^(.+?)\s+(?:is|are)\s+(?:no longer needed|not needed any ?more|not needed|cancelled|canceled)$/i) ??
    text.match(/^forget about\s+(.+)$/i);
  if (m) return { type: "delete", ref: parseRef(m[1]!) };
  m = text.match(/^(?:delete|del|remove|rm|get rid of|drop|trash|erase|scrap|scratch|discard|delet|deleet|remvoe|remoev)\s+(.+?)(?:\s+(?:from|off)\s+(?:my|the)\s+(?:list|tasks))?$/i);
  if (m) return { type: "delete", ref: parseRef(m[1]!) };

  // --- complete / reopen ----------------------------------------------------------------------
  const status = statusLabel(text) ?? negatedCompletion(text);
  if (status) return status;
  m = text.match(/^(?:(?:i|we)\s+)?still\s+(?:need|have|got)\s+to\s+(.+?)(?:[,;]?\s*(?:so\s+)?(?:put it back|add it back|reopen it|bring it back|mark it (?:as )?(?:not done|undone|open))(?:\s+(?:on|in|onto|to)\s+(?:my|the)\s+(?:list|tasks))?)?$/i);
  if (m) return { type: "complete", ref: parseRef(m[1]!), completed: false };
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
  const priorityStated = priorityStatement(text);
  if (priorityStated) return priorityStated;
  m = text.match(/^(?:set|change|make)\s+(?:the\s+)?priority\s+(?:of|for|on)\s+(.+?)\s+(?:to\s+)?(high|low|medium|normal|urgent)$/i);
  if (m) return { type: "priority", ref: parseRef(m[1]!), priority: priorityWord(m[2]!) };
  m = text.match(/^(?:make|mark|set|flag)\s+(.+?)\s+(?:as\s+)?(?:a\s+)?(high|low|medium|normal|urgent|important|top)(?:[- ]priority)?$/i);
  if (m) return { type: "priority", ref: parseRef(m[1]!), priority: priorityWord(m[2]!) };
  m = text.match(/^(?:prioriti[sz]e)\s+(.+)$/i);
  if (m) return { type: "priority", ref: parseRef(m[1]!), priority: "high" };

  // --- due dates ------------------------------------------------------------------------------
  const pronounDue = pronounDate(text, today) ?? shiftIntent(text) ?? planStatement(text, today);
  if (pronounDue) return pronounDue;
  m = text.match(/^(?:change|set|move|update|push|put|make)\s+(?:the\s+)?(?:due\s+date|deadline|date)\s+(?:of|for|on)\s+(.+?)\s+(?:to|for|as)\s+(.+)$/i);
  if (m) return dueIntent(m[1]!, m[2]!, today);
  m = text.match(/^(?:move|push|postpone|reschedule|defer|delay|bump)\s+(.+?)\s+(?:to|until|till|for)\s+(.+)$/i);
  if (m) return dueIntent(m[1]!, m[2]!, today);
  m = text.match(/^(.+?)\s+(?:is\s+)?due\s+(.+)$/i);
  if (m && !/^(?:add|create|remind|new)\b/i.test(m[1]!) && parseDatePhrase(m[2]!, today)) return dueIntent(m[1]!, m[2]!, today);

  // --- rename ---------------------------------------------------------------------------------
  const should = shouldBe(text, today);
  if (should) return should;
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

  // --- a statement that something is done ("I called mum") -------------------------------------
  const statement = pastStatement(text);
  if (statement) return statement;
  m = text.match(/^(.+?)\s+(?:on|to)\s+(?:my|the)\s+(?:todo\s+|to-do\s+)?list$/i);
  if (m) return addIntent(m[1]!, today);

  return { type: "unknown" };
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
function bulkIntent(text: string, today: string): Intent | undefined {
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

/** A date written as a label before the task: "tomorrow: pick up the parcel", "friday - call bob". */
function leadingDate(text: string, today: string): Intent | undefined {
  const m = text.match(/^(.{3,30}?)\s*(?:[:–—]|\s-)\s*(.+)$/);
  const dueDate = m ? parseDatePhrase(m[1]!, today) : undefined;
  if (!m || !dueDate) return undefined;
  const inner = parseWords(m[2]!, today);
  const intent = inner.type === "add" ? inner : inner.type === "unknown" ? addIntent(m[2]!, today) : inner;
  return intent.type === "add" ? { type: "add", tasks: intent.tasks.map((t) => ({ ...t, dueDate: t.dueDate ?? dueDate })) } : intent;
}

/** "book flights is urgent", "the garage one isn't urgent, make it low". */
function priorityStatement(text: string): Intent | undefined {
  let m = text.match(/^(.+?)\s+(?:isn't|isnt|is not|aren't|are not)\s+(?:really\s+|that\s+|very\s+)?(?:urgent|important|a priority)(?:[,;]?\s*(?:so\s+)?(?:make it|set it to|mark it(?: as)?|change it to)\s+(low|medium|normal)(?:[- ]prio(?:rity)?)?)?$/i);
  if (m) return { type: "priority", ref: parseRef(m[1]!), priority: m[2] ? priorityWord(m[2]) : "low" };
  m = text.match(/^(.+?)\s+(?:is|'s|are)\s+(?:really\s+|very\s+|super\s+|now\s+)?(urgent|important|(?:a\s+)?(?:high|top)[- ]prio(?:rity)?|a priority|(?:a\s+)?low[- ]prio(?:rity)?|(?:a\s+)?(?:medium|normal)[- ]prio(?:rity)?|not urgent|not important|not a priority)$/i);
  if (m) return { type: "priority", ref: parseRef(m[1]!), priority: /\b(?:low|not)\b/i.test(m[2]!) ? "low" : /\b(?:medium|normal)\b/i.test(m[2]!) ? "medium" : "high" };
  return undefined;
}

/** "X should be 'Y'" renames; "X should be done by friday" moves it; "X should be high priority" reprioritizes. */
function shouldBe(text: string, today: string): Intent | undefined {
  const m = text.match(/^(?:fix (?:the |a |that )?typo[:,]?\s+)?(.+?)\s+should\s+(?:be|say|read|be called|be named|be renamed to)\s+(.+?)(?:\s+instead)?$/i);
  if (!m) return undefined;
  const when = m[2]!.replace(/^(?:done|finished|ready|completed|sorted)\s+(?=by|on|for|before|until)/i, "");
  if (parseDatePhrase(when, today)) return dueIntent(m[1]!, when, today);
  const priority = m[2]!.match(/^(?:a\s+)?(high|low|medium|normal|top|urgent)(?:[- ]prio(?:rity)?)?$/i);
  if (priority) return { type: "priority", ref: parseRef(m[1]!), priority: priorityWord(priority[1]!) };
  return renameIntent(m[1]!, m[2]!);
}

/** "postpone X by 2 days", "push X back a week": moved from its own due date. */
function shiftIntent(text: string): Intent | undefined {
  const m = text.match(/^(?:postpone|push(?:\s+back)?|delay|defer|move|bump|shift|put off)\s+(.+?)\s+(?:back\s+|forward\s+|out\s+)?(?:by\s+)?(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(days?|weeks?)(?:\s+(later|back|forward|earlier|sooner))?$/i);
  if (!m) return undefined;
  const n = NUMBER_WORDS[m[2]!.toLowerCase()] ?? Number(m[2]);
  const days = n * (/^week/i.test(m[3]!) ? 7 : 1) * (/^(?:earlier|sooner)$/i.test(m[4] ?? "") ? -1 : 1);
  return { type: "shift", ref: parseRef(m[1]!), days };
}

const NUMBER_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

/** "I'll do the laundry tomorrow instead": the named task moves to that date. */
function planStatement(text: string, today: string): Intent | undefined {
  const m = text.match(/^(?:i'll|i will|i'm going to|i am going to|i'm gonna|gonna|i can|let me|we'll|i'd rather)\s+(.+?)(?:\s+instead)?$/i);
  if (!m) return undefined;
  const dated = extractTrailingDate(m[1]!, today);
  return dated.dueDate && dated.rest ? { type: "due", ref: parseRef(dated.rest), dueDate: dated.dueDate } : undefined;
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
function listIntent(text: string, today: string): Intent {
  const undated =
    /\b(?:don'?t|do not|doesn'?t|does not)\s+(?:have|has)\s+(?:a\s+|any\s+)?(?:due\s+)?(?:dates?|deadlines?)\b|\b(?:without|with no|have no|has no|no)\s+(?:a\s+)?(?:due\s+)?(?:dates?|deadlines?)\b|\bundated\b/i.test(text);
  let status = undated ? "all" : statusFrom(text);
  const due = status === "overdue" || undated ? undefined : dueWindowFrom(text, today);
  const priority = priorityFrom(text);
  // A question about what is due, undated or important is about what is still to do.
  if ((due || priority || undated) && status === "all") status = "active";
  return { type: "list", status, ...(priority ? { priority } : {}), ...(due ? { due } : {}), ...(undated ? { undated: true as const } : {}) };
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
