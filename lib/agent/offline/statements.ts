import { extractTrailingDate, parseDatePhrase } from "./dates";
import type { Intent, TaskRef } from "./intents";
import { parseRef } from "./refs";
import { dueIntent, priorityWord, renameIntent } from "./titles";
import { baseOfPastTense } from "./verbs";
import { wordTable } from "./word-table";

/*
 * Requests said as statements rather than commands: "I called mum", "buy milk isn't done",
 * "[x] buy milk", "book flights is urgent", "make it friday", "when is the rent due?".
 */

const DONE_WORDS = "done|completed|complete|finished|ticked off|checked off";
// "todo: X" adds a task, so "to do" and "open" are not status labels.
const NOT_DONE_WORDS = "not done|undone|not complete|not completed|incomplete|not finished|unfinished";
const CHECK_MARK = "✓|✔️?|✅|☑️?|\\[[x✓✔]\\]|\\(x\\)|\\((?:done|completed|finished)\\)|\\[(?:done|completed|finished)\\]";

/** A status written beside the title: "done: buy milk", "buy milk — done", "✓ buy milk", "[x] buy milk", "[ ] buy milk". */
export function statusLabel(text: string): Intent | undefined {
  if (/^(?:it|that|this)(?:'s|’s| is| has been| was)\s+(?:all\s+|now\s+)?(?:done|finished|complete|completed|sorted)$/i.test(text)) return { type: "complete", ref: { kind: "pronoun" }, completed: true };
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
export function negatedCompletion(text: string): Intent | undefined {
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

/** Verbs that say a task was done when their object is "it": "bought it", "sent that". */
const DOING_VERBS =
  /^(?:did|bought|called|rang|paid|sent|wrote|made|booked|fixed|cleaned|handled|submitted|returned|posted|mailed|emailed|renewed|ordered|picked|took|got|fed|washed|cooked|finished|completed|sorted|filed|signed|printed|collected|delivered|packed|cancelled|canceled|replied|answered|scheduled|tidied|watered|walked)$/i;

/** "I called mum", "paid the rent already", "just finished the report": complete the task they name. */
export function pastStatement(text: string): Intent | undefined {
  let words = text.replace(STATEMENT_START, "");
  for (let i = 0; i < 2; i++) words = words.replace(STATEMENT_TAIL, "");
  const finished = words.match(/^(?:finished|completed|did|done with|got done with|ticked off|checked off|crossed off|sorted|sorted out)\s+(.+)$/i);
  if (finished) return { type: "complete", ref: parseRef(finished[1]!), completed: true };
  const verb = words.match(/^([a-z]+)\s+(.+)$/i);
  if (!verb || !baseOfPastTense(verb[1]!)) return undefined;
  // "I loved it" is not news about a task; "I bought it" is. "got a lot to do" is not a past deed.
  if (/^(?:it|that|this|that one|this one)$/i.test(verb[2]!) && !DOING_VERBS.test(verb[1]!)) return undefined;
  if (/\bto\s+\w+/i.test(verb[2]!) && /^got$/i.test(verb[1]!)) return undefined;
  return { type: "complete", ref: refFromStatement(words), completed: true };
}

/** A date for the task just discussed: "make it friday", "it's due tomorrow", "actually, tomorrow". */
export function pronounDate(text: string, today: string): Intent | undefined {
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
export function whenIsItDue(text: string): Intent | undefined {
  const m =
    text.match(/^(?:when|what day)\s*(?:is|'s|’s|was|are)?\s+(.+?)\s+(?:due|scheduled|planned|for)$/i) ??
    text.match(/^(?:what(?:'s|’s| is)?|tell me)\s+the\s+(?:due\s+date|deadline|date)\s+(?:of|for|on)\s+(.+)$/i) ??
    text.match(/^when\s+(?:do|should|must)\s+i\s+(?:have\s+to\s+|need\s+to\s+)?(.+?)(?:\s+by)?$/i);
  return m ? { type: "when", ref: parseRef(m[1]!) } : undefined;
}

/** "book flights is urgent", "the garage one isn't urgent, make it low". */
export function priorityStatement(text: string): Intent | undefined {
  let m = text.match(/^(.+?)\s+(?:isn't|isnt|is not|aren't|are not)\s+(?:really\s+|that\s+|very\s+)?(?:urgent|important|a priority)(?:[,;]?\s*(?:so\s+)?(?:make it|set it to|mark it(?: as)?|change it to)\s+(low|medium|normal)(?:[- ]prio(?:rity)?)?)?$/i);
  if (m) return { type: "priority", ref: parseRef(m[1]!), priority: m[2] ? priorityWord(m[2]) : "low" };
  m = text.match(/^(.+?)\s+(?:is|'s|are)\s+(?:really\s+|very\s+|super\s+|now\s+)?(urgent|important|(?:a\s+)?(?:high|top)[- ]prio(?:rity)?|a priority|(?:a\s+)?low[- ]prio(?:rity)?|(?:a\s+)?(?:medium|normal)[- ]prio(?:rity)?|not urgent|not important|not a priority)$/i);
  if (m) return { type: "priority", ref: parseRef(m[1]!), priority: /\b(?:low|not)\b/i.test(m[2]!) ? "low" : /\b(?:medium|normal)\b/i.test(m[2]!) ? "medium" : "high" };
  return undefined;
}

/** "X should be 'Y'" renames; "X should be done by friday" moves it; "X should be high priority" reprioritizes. */
export function shouldBe(text: string, today: string): Intent | undefined {
  const m = text.match(/^(?:fix (?:the |a |that )?typo[:,]?\s+)?(.+?)\s+should\s+(?:be|say|read|be called|be named|be renamed to)\s+(.+?)(?:\s+instead)?$/i);
  if (!m) return undefined;
  const when = m[2]!.replace(/^(?:done|finished|ready|completed|sorted)\s+(?=by|on|for|before|until)/i, "");
  if (parseDatePhrase(when, today)) return dueIntent(m[1]!, when, today);
  const priority = m[2]!.match(/^(?:a\s+)?(high|low|medium|normal|top|urgent)(?:[- ]prio(?:rity)?)?$/i);
  if (priority) return { type: "priority", ref: parseRef(m[1]!), priority: priorityWord(priority[1]!) };
  return renameIntent(m[1]!, m[2]!);
}

/** "postpone X by 2 days", "push X back a week": moved from its own due date. */
export function shiftIntent(text: string): Intent | undefined {
  const m = text.match(/^(?:postpone|push(?:\s+back)?|delay|defer|move|bump|shift|put off)\s+(.+?)\s+(?:back\s+|forward\s+|out\s+)?(?:by\s+)?(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(days?|weeks?)(?:\s+(later|back|forward|earlier|sooner))?$/i);
  if (!m) return undefined;
  const n = NUMBER_WORDS[m[2]!.toLowerCase()] ?? Number(m[2]);
  const days = n * (/^week/i.test(m[3]!) ? 7 : 1) * (/^(?:earlier|sooner)$/i.test(m[4] ?? "") ? -1 : 1);
  return { type: "shift", ref: parseRef(m[1]!), days };
}

const NUMBER_WORDS = wordTable<number>({ a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 });

/** "I'll do the laundry tomorrow instead": the named task moves to that date. */
export function planStatement(text: string, today: string): Intent | undefined {
  const moved = text.match(/^(.+?)\s+(?:got|has been|was|is|'s been|have been|were|are)\s+(?:moved|pushed(?: back)?|postponed|rescheduled|changed|delayed|put off)\s+(?:to|till|until|for)\s+(.+)$/i);
  if (moved && parseDatePhrase(moved[2]!, today)) return dueIntent(moved[1]!, moved[2]!, today);
  const m = text.match(/^(?:i'll|i will|i'm going to|i am going to|i'm gonna|gonna|i can|let me|we'll|i'd rather)\s+(.+?)(?:\s+instead)?$/i);
  if (!m) return undefined;
  const dated = extractTrailingDate(m[1]!, today);
  return dated.dueDate && dated.rest ? { type: "due", ref: parseRef(dated.rest), dueDate: dated.dueDate } : undefined;
}
