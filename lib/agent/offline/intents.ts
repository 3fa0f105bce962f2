import type { TaskPriority } from "@/lib/tasks/schemas";
import { extractTrailingDate, parseDatePhrase } from "./dates";
import { correctCommandWord } from "./fuzzy";
import { bulkIntent, listIntent } from "./list-questions";
import { parseRef, type TaskRef } from "./refs";
import {
  negatedCompletion,
  pastStatement,
  planStatement,
  priorityStatement,
  pronounDate,
  shiftIntent,
  shouldBe,
  statusLabel,
  whenIsItDue,
} from "./statements";
import { addIntent, cleanTitle, dueIntent, priorityWord, renameIntent, TIME_ONLY } from "./titles";
import { bareListQuestion, organizeIntent, quickAddMarks, type Marks } from "./organize";
import { parseRecurrence } from "@/lib/recurrence";

export { parseRef, type TaskRef };


/** A new task as the user described it; `repeat` is the repeat phrase ("every monday") the tools parse. */
export type NewTask = { title: string; dueDate?: string; priority?: TaskPriority; labels?: string[]; repeat?: string };

/** A list a new task names ("#groceries", "to my groceries list"); `plain` is the reading without it, for when no such list exists. */
export type ListTarget = { name: string; explicit: boolean; plain?: NewTask[] };

type TaskStatus = "active" | "all" | "completed";

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
  | { type: "add"; tasks: NewTask[]; list?: ListTarget }
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
  | { type: "show_lists" }
  | { type: "show_labels" }
  | { type: "create_list"; name: string }
  | { type: "rename_list"; from: string; to: string; fallback: Intent }
  | { type: "delete_list"; name: string; tasks?: "move" | "delete"; fallback: Intent }
  | { type: "list_in"; name: string; explicit: boolean; status: TaskStatus; fallback: Intent }
  | { type: "labelled"; name: string; status: TaskStatus }
  | { type: "label"; ref: TaskRef; labels: string[]; remove: boolean }
  | { type: "repeat"; ref: TaskRef; phrase: string | null; fallback?: Intent }
  | { type: "move_to_list"; ref: TaskRef; list: string; explicit: boolean; fallback: Intent }
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


const COMMAND_VERB = /^(add|create|new|make|delete|remove|mark|complete|finish|rename|change|move|set|show|list)\b/i;

/** One leading interjection ("oops", "no", "wait", "never mind,"): taken off one at a time, so no pattern repeats a group. */
const INTERJECTION = /^(?:oops|whoops|oh no|no|nope|wait|hang on|never ?mind|nvm|sorry|ugh|argh|uh oh|actually|please|pls)[,!.]*\s+/i;
const MAX_INTERJECTIONS = 5;

/**
 * "undo", "undo that", "revert that", "take that back", "oops undo", "never mind, undo that".
 * The interjections are stripped by a loop rather than matched by a repeated group: "no wait"
 * is both one phrase and two words, and a repeated alternation of the two backtracks exponentially.
 */
function isUndo(text: string): boolean {
  let rest = text;
  for (let i = 0; i < MAX_INTERJECTIONS; i++) {
    const next = rest.replace(INTERJECTION, "");
    if (next === rest) break;
    rest = next;
  }
  return UNDO.test(rest);
}

const UNDO =
  /^(?:(?:can|could) you\s+)?(?:undo|revert|reverse|roll ?back|take back|undo undo)(?:\s+(?:that|it|this|the last (?:change|action|thing|step|edit)|my last (?:change|action|edit)|last (?:change|action|step)|what you (?:just )?did|the last thing(?: you did)?|that change|that last change))?(?:\s+(?:please|pls|again))?$|^take (?:that|it) back$/i;

/**
 * The longest message the offline grammar reads as a command. A title is at most 200 characters;
 * past this, a message is prose, and reading it would only cost the request's thread time.
 */
export const MAX_COMMAND_CHARS = 1000;

/** Turns a user's message into what they want done. Pure: the same text and date give the same intent. */
export function parseIntent(message: string, today: string, depth = 0): Intent {
  if (message.length > MAX_COMMAND_CHARS)
    return { type: "clarify", message: `That message is longer than I can read as a command (${MAX_COMMAND_CHARS.toLocaleString("en")} characters). Try something shorter, like “add buy milk tomorrow”.` };
  const intent = parseWords(message, today, depth);
  if (intent.type !== "unknown") return intent;
  // A misspelt command word ("cmoplete buy milk", "shwo my tasks"): read it again, corrected.
  const text = stripPoliteness(message);
  const first = text.match(/^([a-z]+)(\s|$)/i)?.[1];
  const corrected = first ? correctCommandWord(first) : undefined;
  if (corrected) {
    const again = parseWords(`${corrected}${text.slice(first!.length)}`, today, depth);
    if (again.type !== "unknown") return again;
  }
  return repeatingStatement(message, text, today) ?? datedStatement(message, text, today) ?? bareListQuestion(text) ?? intent;
}

/** A statement with a repeat in it is a repeating task to add: "water the plants every day", "standup every weekday". */
function repeatingStatement(message: string, text: string, today: string): Intent | undefined {
  if (/\?\s*$/.test(message) || /^(?:what|which|when|where|who|why|how|is|are|do|does|did|can|could|should|will|would)\b/i.test(text)) return undefined;
  const found = parseRecurrence(text);
  if (!found || !/[a-z]/i.test(found.rest)) return undefined;
  const intent = addIntent(text, today);
  return intent.type === "add" && intent.tasks.every((t) => t.repeat) ? intent : undefined;
}

/** Quick-add marks put on every new task: the list on the request, labels and priority on each task. */
function withMarks(intent: Extract<Intent, { type: "add" }>, marks: Marks): Intent {
  const marked = eachNewTask(intent, (t) => ({
    ...t,
    ...(marks.labels.length ? { labels: [...new Set([...(t.labels ?? []), ...marks.labels])] } : {}),
    ...(marks.priority ? { priority: marks.priority } : {}),
  }));
  return marks.list && marked.type === "add" ? { type: "add", tasks: marked.tasks, list: { name: marks.list, explicit: true } } : marked;
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

function labelledPriority(text: string, today: string, depth: number): Intent | undefined {
  const m = text.match(PRIORITY_LABEL);
  if (!m) return undefined;
  const priority: TaskPriority = m[2] ? "low" : m[3] ? "medium" : "high";
  const inner = parseWords(m[5]!, today, depth + 1);
  const intent = inner.type === "add" ? inner : addIntent(m[5]!, today);
  return intent.type === "add" ? eachNewTask(intent, (t) => ({ ...t, priority })) : intent;
}

/** The same change to every new task of an add, including the reading without a list. */
function eachNewTask(intent: Extract<Intent, { type: "add" }>, change: (t: NewTask) => NewTask): Intent {
  return { ...intent, tasks: intent.tasks.map(change), ...(intent.list ? { list: { ...intent.list, ...(intent.list.plain ? { plain: intent.list.plain.map(change) } : {}) } } : {}) };
}


/**
 * How many wrappers one message may nest ("urgent: tomorrow: I'd like to add …"). Each reads the
 * rest again; without a bound "!! !! !! …" at the message limit took 18 s of the request's thread.
 */
const MAX_NESTING = 4;

function parseWords(message: string, today: string, depth = 0, organize = true): Intent {
  if (depth > MAX_NESTING) return { type: "unknown" };
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

  if (organize) {
    // Lists, labels and repeats first: "rename the work list to Office" is not a task's rename.
    const organized = organizeIntent(text, today, () => parseWords(message, today, depth, false));
    if (organized) return organized;
    // Quick-add marks typed in chat: "buy milk tomorrow #groceries @errands p1".
    const marks = quickAddMarks(text);
    if (marks && marks.rest) {
      const inner = parseIntent(marks.rest, today, depth + 1);
      if (inner.type === "add") return withMarks(inner, marks);
      if (inner.type === "unknown" || inner.type === "help" || inner.type === "greeting" || inner.type === "thanks") {
        const added = addIntent(marks.rest, today);
        return added.type === "add" ? withMarks(added, marks) : added;
      }
      return inner;
    }
  }

  // Wanting phrases either wrap a command ("I'd like to add milk") or are the task ("I need to call mum").
  m = text.match(/^(?:i(?:\s+would|'d|’d)\s+like\s+to|i\s+want\s+to|i\s+wanna)\s+(.+)$/i);
  if (m && COMMAND_VERB.test(m[1]!)) return parseIntent(m[1]!, today, depth + 1);

  // A leading purpose does not change the request: "for the party I need to get balloons, candles".
  m = text.match(/^for\s+(?:the|my|our|this|a|an|next)\s+(?:\S+\s+){0,3}?\S+?,?\s+((?:i|we)\s+(?:need|have|must|should|want|gotta|got)\b.*|remind me\b.*|(?:please\s+)?add\b.*)$/i);
  if (m) return parseWords(m[1]!, today, depth + 1);

  const labelled = labelledPriority(text, today, depth) ?? leadingDate(text, today, depth);
  if (labelled) return labelled;

  // --- undo the last change ("undo <title>" reopens that task, below) --------------------------
  if (isUndo(text)) return { type: "undo" };

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
    /^(?:what|whats|what's|wat|which)\b.*\b(?:tasks?|todos?|list|left|remaining|overdue|done|completed|to do|pending|open|have|got|due|stuff|things|urgent|important|priority)\b/i.test(text) ||
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
  if (m) return parseDatePhrase(m[2]!, today) || TIME_ONLY.test(m[2]!.trim()) ? dueIntent(m[1]!, m[2]!, today) : renameIntent(m[1]!, m[2]!);

  // --- add ------------------------------------------------------------------------------------
  m = text.match(/^(?:add|create|new)\s+(?:a\s+)?(?:task|todo|to-do|reminder)$/i);
  if (m) return { type: "clarify", message: "What should the task be called? For example: “add buy milk tomorrow”." };
  m = text.match(/^(?:add|ad|addd|create|creat|new|make|put|note|jot down|write down|log|capture|schedule)(?:\s+(?:a|an))?(?:\s+new)?(?:\s+(?:task|todo|to-do|reminder|item))?(?:\s*:|\s+to|\s+called|\s+named)?\s+(.+)$/i);
  if (m) return addIntent(m[1]!, today);
  // "remind me tomorrow to call mum": the date said first.
  m = text.match(/^remind me\s+(.{3,30}?)\s+to\s+(.+)$/i);
  if (m && parseDatePhrase(m[1]!, today)) return addIntent(`${m[2]} ${m[1]}`, today);
  m = text.match(/^(?:remind me to|remind me|remember to|don'?t let me forget to|don'?t forget to|dont forget to|i need to|i have to|i've got to|i gotta|i must|i should|need to|have to|gotta|must|i want to|i'd like to|i would like to|todo|to do|to-do|task)\s*:?\s+(.+)$/i);
  if (m) return addIntent(m[1]!, today);

  // --- a statement that something is done ("I called mum") -------------------------------------
  const statement = pastStatement(text);
  if (statement) return statement;
  m = text.match(/^(.+?)\s+(?:on|to)\s+(?:my|the)\s+(?:todo\s+|to-do\s+)?list$/i);
  if (m) return addIntent(m[1]!, today);

  return { type: "unknown" };
}


/** A date written as a label before the task: "tomorrow: pick up the parcel", "friday - call bob". */
function leadingDate(text: string, today: string, depth: number): Intent | undefined {
  const m =
    text.match(/^(.{3,30}?)\s*(?:[:–—]|\s-)\s*(.+)$/) ??
    text.match(/^(.{3,30}?),?\s+((?:remind me|(?:i|we)\s+(?:need|have|must|should|gotta|'ve got)|(?:please\s+)?add|don'?t (?:let me )?forget)\b.+)$/i);
  const dueDate = m ? parseDatePhrase(m[1]!, today) : undefined;
  if (!m || !dueDate) return undefined;
  const inner = parseWords(m[2]!, today, depth + 1);
  const intent = inner.type === "add" ? inner : inner.type === "unknown" ? addIntent(m[2]!, today) : inner;
  return intent.type === "add" ? eachNewTask(intent, (t) => ({ ...t, dueDate: t.dueDate ?? dueDate })) : intent;
}

