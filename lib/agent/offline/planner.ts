import { addDays } from "@/lib/dates";
import { describeDate } from "./dates";
import { MATCH_THRESHOLD, titleMatchScore } from "./fuzzy";
import { batchActionOf, batchArgs, batchTool, batchWords } from "./batch";
import { parseIntent, parseRef, type BatchAction, type Intent, type Selection, type TaskRef } from "./intents";
import { TOOL } from "@/mcp/tools";
import { addedReply, isOrganizeIntent, planAddToList, planOrganize, ruleWords, type OrganizeContext } from "./organize-plan";
import type { PlannedToolName, ToolCatalog } from "./tool-names";
import { REJECTION_MARKER, Transcript, type TaskData, type ToolExchange, type ToolOutcome } from "./transcript";

export { REJECTION_MARKER };

/** The offline model's next move: call tools (in order), or answer. */
export type Step = { type: "calls"; calls: Array<{ name: PlannedToolName; args: Record<string, unknown> }> } | { type: "reply"; text: string };

export const EXAMPLES = [
  "add buy milk tomorrow",
  "remind me to call mum on friday, high priority",
  "what's left?",
  "mark buy milk as done",
  "rename buy milk to buy oat milk",
  "change the due date of call mum to monday",
  "delete the second one",
];

export const HELP_TEXT = [
  "I'm the built-in offline assistant: I understand simple task commands. Try:",
  ...EXAMPLES.map((e) => `- “${e}”`),
  "Refer to tasks by title (typos are fine), by number from the last list (“the second one”), by id (“task #12”), or as “it”.",
  "Ask “what's due this week?” or “what's urgent?”, change several at once (“complete everything except the report”), and say “undo” to take back the last change.",
  "Lists, labels and repeats: “add milk to groceries”, “what's on my work list?”, “tag the report urgent”, “add water plants every day”, or “buy milk tomorrow #groceries @errands p1”.",
].join("\n");

const AMBIGUITY_PREFIX = "Which one do you mean";
const MAX_OPTIONS = 5;

const reply = (text: string): Step => ({ type: "reply", text });
const call = (name: PlannedToolName, args: Record<string, unknown>): Step => ({ type: "calls", calls: [{ name, args }] });

function quote(title: string) {
  return `“${title}”`;
}

function details(t: { dueDate?: string | null; priority?: string | null; recurrenceText?: string | null }, today: string): string {
  const parts: string[] = [];
  if (t.dueDate) parts.push(`due ${describeDate(t.dueDate, today)}`);
  if (t.priority && t.priority !== "medium") parts.push(`${t.priority} priority`);
  if (t.recurrenceText) parts.push(t.recurrenceText.charAt(0).toLowerCase() + t.recurrenceText.slice(1));
  return parts.length ? ` (${parts.join(", ")})` : "";
}

function joinTitles(titles: string[]): string {
  const q = titles.map(quote);
  return q.length <= 1 ? (q[0] ?? "") : `${q.slice(0, -1).join(", ")} and ${q.at(-1)}`;
}

type Failed = Extract<ToolOutcome, { status: "error" }>;
const isRejected = (ex: ToolExchange) => ex.outcome?.status === "rejected";
const failure = (ex: ToolExchange): Failed | undefined => (ex.outcome?.status === "error" ? ex.outcome : undefined);
const tasksOf = (ex: ToolExchange): TaskData[] => (ex.outcome?.status === "ok" ? ex.outcome.tasks : []);

function cleanMessage(message: string): string {
  return message.replace(/^MCP error -?\d+:\s*/, "").replace(/^Input validation error:\s*/, "");
}

function errorReply(failed: Failed): Step {
  return reply(`I couldn't do that: ${cleanMessage(failed.message)}`);
}

/** The batch tools take at most this many ids a call (mcp/tools/schemas.ts). */
const BATCH_MAX = 50;

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/**
 * One change over many tasks as a single batch call (split only past the tool's limit of ids),
 * then, once it has run, the reply from its per-item results.
 */
function batchStep(action: BatchAction, targets: TaskData[], turn: ToolExchange[], listed: TaskData[], today: string): Step {
  const toolName = batchTool(action);
  const actions = turn.filter((ex) => ex.name === toolName);
  if (!actions.length) return { type: "calls", calls: chunk(targets.map((t) => t.id), BATCH_MAX).map((ids) => ({ name: toolName, args: batchArgs(action, ids) })) };
  if (actions.every(isRejected)) return reply(`Okay, I left your tasks as they were.`);
  const errored = actions.map(failure).find(Boolean);
  if (errored && !actions.some((a) => tasksOf(a).length)) return errorReply(errored);
  const { verb, suffix } = batchWords(action, today);
  return reply(batchReply(verb, suffix, actions, listed));
}

/** Whether a task is among "everything …" for this action; an unnamed status is the one the action changes. */
function inSelection(task: TaskData, selection: Selection, action: BatchAction, today: string): boolean {
  const status = selection.status ?? (action.kind === "delete" ? "all" : action.kind === "complete" && !action.completed ? "completed" : "active");
  if (status === "active" && task.completed) return false;
  if (status === "completed" && !task.completed) return false;
  if (status === "overdue" && (task.completed || !task.dueDate || task.dueDate >= today)) return false;
  if (selection.priority && (task.priority ?? "medium") !== selection.priority) return false;
  if (selection.due && (!task.dueDate || task.dueDate < selection.due.from || task.dueDate > selection.due.to)) return false;
  return true;
}

/** "buy milk and call mum": each part names exactly one task, or this is not a list of tasks. */
function resolveParts(text: string, tasks: TaskData[], preferred: (t: TaskData) => boolean): TaskData[] | undefined {
  const parts = text.split(/\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+/i).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2) return undefined;
  const found: TaskData[] = [];
  for (const part of parts) {
    const first = closestTitles(part, tasks.filter(preferred));
    const rivals = first.length ? first : closestTitles(part, tasks);
    if (rivals.length !== 1 || found.includes(rivals[0]!)) return undefined;
    found.push(rivals[0]!);
  }
  return found;
}

/** A batch's outcome from its per-item results: what was changed, and which ids failed and why. */
function batchReply(verb: string, suffix: string, actions: ToolExchange[], listed: TaskData[]): string {
  const ok = actions.flatMap(tasksOf);
  const failed = actions.flatMap((a) => (a.outcome?.status === "ok" ? a.outcome.failed : []));
  const titleOf = (id: number) => listed.find((t) => t.id === id)?.title;
  const done = ok.length ? `${verb} ${ok.length} task${ok.length === 1 ? "" : "s"}${suffix}: ${joinTitles(ok.map((t) => t.title))}.` : `No tasks were ${verb.toLowerCase()}.`;
  if (!failed.length) return done;
  const lines = failed.map((f) => `- ${titleOf(f.id) ? quote(titleOf(f.id)!) : `#${f.id}`}: ${f.error}`);
  return `${done}\nThese failed:\n${lines.join("\n")}`;
}

/** Finds the task a reference points at, or explains why it can't. */
type Resolution = { task: TaskData } | { step: Step };

/** The best title matches that are too close to call, best first; one entry means a clear winner. */
function closestTitles(text: string, candidates: TaskData[]): TaskData[] {
  const scored = candidates
    .map((task) => ({ task, score: titleMatchScore(text, task.title) }))
    .filter((s) => s.score >= MATCH_THRESHOLD)
    .sort((a, b) => b.score - a.score);
  const best = scored[0];
  return best ? scored.filter((s) => s.score >= best.score - 0.05).map((s) => s.task) : [];
}

function resolveAgainst(ref: TaskRef, candidates: TaskData[], what: string): Resolution {
  if (ref.kind === "id") {
    const found = candidates.find((c) => c.id === ref.id);
    return found ? { task: found } : { step: reply(`I couldn't find task #${ref.id}. Say “show my tasks” to see them.`) };
  }
  if (ref.kind === "title") {
    const rivals = closestTitles(ref.text, candidates);
    if (!rivals.length) return { step: reply(`I couldn't find a task called ${quote(ref.text)}${what}. Say “show my tasks” to see them.`) };
    if (rivals.length > 1) {
      const options = rivals.slice(0, MAX_OPTIONS).map((t, i) => `${i + 1}. #${t.id} ${quote(t.title)}${t.completed ? " (done)" : ""}${t.dueDate ? ` (due ${t.dueDate})` : ""}`);
      return { step: reply(`${AMBIGUITY_PREFIX}?\n${options.join("\n")}\nSay the number or the full title.`) };
    }
    return { task: rivals[0]! };
  }
  return { step: reply("Which task do you mean? Say its title, or “show my tasks” first.") };
}

/** Applies the conversation to a reference: positions in the last list, "it", ids and titles. */
function resolveRef(
  ref: TaskRef,
  transcript: Transcript,
  shown: TaskData[],
  listInTurn: ToolExchange | undefined,
  listArgs: Record<string, unknown>,
  preferred: (t: TaskData) => boolean = () => true,
  needsData = false,
): Resolution | { needList: Step } {
  if (ref.kind === "position") {
    if (!shown.length) return { step: reply("Which list do you mean? Say “show my tasks” first, then pick one by number.") };
    const task = ref.index === -1 ? shown.at(-1) : shown[ref.index];
    return task ? { task } : { step: reply(`The last list had only ${shown.length} task${shown.length === 1 ? "" : "s"}.`) };
  }
  if (ref.kind === "pronoun") {
    const task = transcript.lastMentioned(shown);
    return task ? { task } : { step: reply("Which task do you mean? Say its title, or “show my tasks” first.") };
  }
  if (ref.kind === "id" && !needsData) {
    // The tool finds the task by id (and says so when it cannot); nothing else about it is needed.
    return { task: { id: ref.id, title: `task #${ref.id}`, completed: false } };
  }
  if (!listInTurn) return { needList: call(TOOL.list_tasks, { ...listArgs, limit: 100 }) };
  if (!listInTurn.outcome) return { step: reply("I'm still looking for that task.") };
  const failed = failure(listInTurn);
  if (failed) return { step: errorReply(failed) };
  // Tasks in the state the request changes come first ("complete X" picks the open X); any other
  // match is then named, so the user hears "already done" rather than "not found".
  const all = tasksOf(listInTurn);
  const first = resolveAgainst(ref, all.filter(preferred), "");
  if ("task" in first || ref.kind !== "title" || closestTitles(ref.text, all.filter(preferred)).length) return first;
  return resolveAgainst(ref, all, "");
}

/** Which tasks a completion may pick from first: the open ones to complete, the done ones to reopen. */
const inScope = (intent: Intent) => (t: TaskData) => intent.type !== "complete" || t.completed !== intent.completed;

/** A bare "3" after a numbered list means the third item; "#3" or "task 3" is always an id. */
function refFromWords(raw: string, shown: TaskData[]): TaskRef {
  const ref = parseRef(raw);
  if (ref.kind === "id" && /^\s*(?:number\s+|no\.?\s*)?\d+\s*$/i.test(raw) && shown.length >= ref.id) return { kind: "position", index: ref.id - 1 };
  return ref;
}

function withRef(intent: Intent, transcript: Transcript, shown: TaskData[]): Intent {
  if ("ref" in intent && intent.ref.kind === "id") {
    // Re-read the words so a bare list number becomes a position.
    const m = transcript.userText.match(/(?:^|\s)((?:number\s+|no\.?\s*)?\d+)(?=\s|$|[.!?])/i);
    if (m && !/#|\btask\s+\d/i.test(transcript.userText)) return { ...intent, ref: refFromWords(m[1]!, shown) };
  }
  return intent;
}

/**
 * The last list the user was shown, numbered as the reply numbered it: the most recent list a
 * question asked for, with that question's filters applied again (the tool has no due-date or
 * priority filter, so it returned more than was shown). Lists read only to find a task count not.
 */
function shownList(transcript: Transcript, today: string): TaskData[] {
  for (const read of transcript.listsRead().reverse()) {
    const intent = parseIntent(read.userText, today);
    if (intent.type === "list") return read.tasks.filter((t) => matchesFilters(t, intent));
    if (intent.type === "list_in" || intent.type === "labelled") return read.tasks;
  }
  return [];
}

/**
 * A short answer to "Which one do you mean?" continues the earlier request. The options are
 * worked out again from that turn's list data, exactly as the question numbered them; the
 * question's own text, which holds titles, is never read back.
 */
function followUp(transcript: Transcript, today: string): Intent | undefined {
  const prev = transcript.previousExchange();
  if (!prev?.assistantText.startsWith(AMBIGUITY_PREFIX)) return undefined;
  const original = parseIntent(prev.userText, today);
  if (!("ref" in original) || original.ref.kind !== "title") return undefined;
  const list = transcript.previousTurn().filter((ex) => ex.name === TOOL.list_tasks).at(-1);
  const listed = list ? tasksOf(list) : [];
  const preferred = closestTitles(original.ref.text, listed.filter(inScope(original)));
  const options = (preferred.length ? preferred : closestTitles(original.ref.text, listed)).slice(0, MAX_OPTIONS);
  if (options.length < 2) return undefined;
  const ref = parseRef(transcript.userText.replace(/^(?:the\s+)?(?:number\s+)?/i, "").trim());
  let chosen: TaskData | undefined;
  if (ref.kind === "position") chosen = ref.index === -1 ? options.at(-1) : options[ref.index];
  else if (ref.kind === "id") chosen = options.find((o) => o.id === ref.id) ?? options[ref.id - 1];
  else if (ref.kind === "title") {
    const best = options.map((o) => ({ o, s: titleMatchScore(ref.text, o.title) })).sort((a, b) => b.s - a.s)[0];
    if (best && best.s >= MATCH_THRESHOLD) chosen = best.o;
  }
  if (!chosen) return undefined;
  return { ...original, ref: { kind: "id", id: chosen.id } };
}

type ListIntent = Extract<Intent, { type: "list" }>;

/** list_tasks has no due-date or priority parameter, so those filters apply to the returned tasks. */
function matchesFilters(task: TaskData, intent: ListIntent): boolean {
  if (intent.priority && (task.priority ?? "medium") !== intent.priority) return false;
  if (intent.due && (!task.dueDate || task.dueDate < intent.due.from || task.dueDate > intent.due.to)) return false;
  if (intent.undated && task.dueDate) return false;
  return true;
}

function dueLabel(due: NonNullable<ListIntent["due"]>, today: string): string {
  if (due.label) return ` due ${due.label}`;
  return due.from === due.to ? ` due ${describeDate(due.from, today)}` : ` due ${describeDate(due.from, today)}–${describeDate(due.to, today)}`;
}

function listReply(intent: ListIntent, list: ToolExchange, today: string): Step {
  const tasks = tasksOf(list).filter((t) => matchesFilters(t, intent));
  const kind = { all: "", active: "open ", completed: "completed ", overdue: "overdue " }[intent.status] + (intent.priority ? `${intent.priority} priority ` : "");
  const about = (intent.search ? ` matching ${quote(intent.search)}` : "") + (intent.due ? dueLabel(intent.due, today) : "") + (intent.undated ? " with no due date" : "");
  if (!tasks.length) {
    const filtered = intent.search || intent.priority || intent.due || intent.undated;
    const empty = filtered ? `No ${kind}tasks${about}.` : { all: "Your list is empty. Try “add buy milk tomorrow”.", active: "Nothing left to do. 🎉", completed: "No completed tasks yet.", overdue: "Nothing is overdue." }[intent.status];
    return reply(empty);
  }
  const lines = tasks.map((t, i) => `${i + 1}. ${t.completed ? "~~" : ""}${t.title}${t.completed ? "~~ ✓" : ""}${details(t, today)}`);
  const more = list.outcome?.status === "ok" && list.outcome.more ? "\n…and more. Open the Tasks page to see them all." : "";
  return reply(`You have ${tasks.length} ${kind}task${tasks.length === 1 ? "" : "s"}${about}:\n${lines.join("\n")}${more}`);
}


/**
 * Decides the next step of a turn from the conversation alone, so it is deterministic and
 * survives a pause for approval: each call sees what the tools returned so far this turn.
 */
export function planNextStep(transcript: Transcript, today: string, tools?: ToolCatalog): Step {
  let intent = parseIntent(transcript.userText, today);
  if (intent.type === "unknown") intent = followUp(transcript, today) ?? intent;
  const shown = shownList(transcript, today);
  intent = withRef(intent, transcript, shown);
  const turn = transcript.turn;
  const pending = turn.find((ex) => ex.outcome === undefined);
  if (pending) return reply("One moment…");
  return planIntent(intent, transcript, shown, turn, today, tools);
}

function planIntent(intent: Intent, transcript: Transcript, shown: TaskData[], turn: ToolExchange[], today: string, tools?: ToolCatalog): Step {
  const ctx: OrganizeContext = {
    turn,
    today,
    offers: (tool, field) => !tools || (tools.has(tool) && (field === undefined || tools.get(tool)!.has(field))),
    details: (t) => details(t, today),
    plan: (other) => planIntent(other, transcript, shown, turn, today, tools),
    resolve: (ref) => resolveRef(ref, transcript, shown, turn.find((ex) => ex.name === TOOL.list_tasks), { status: "all" }, () => true, true),
  };
  if (isOrganizeIntent(intent)) return planOrganize(intent, ctx);

  switch (intent.type) {
    case "help":
      return reply(HELP_TEXT);
    case "greeting":
      return reply(`Hi! I can manage your tasks. Try “add buy milk tomorrow” or “what's left?”.`);
    case "thanks":
      return reply("You're welcome!");
    case "clarify":
      return reply(intent.message);
    case "unknown":
      return reply(`Sorry, I didn't understand that. ${HELP_TEXT.replace(/^I'm the built-in offline assistant: I understand simple task commands\. /, "I understand simple task commands. ")}`);

    case "add": {
      // One task is one add_task; several are one add_tasks call, all added or none.
      const done = turn.find((ex) => ex.name === TOOL.add_task || ex.name === TOOL.add_tasks);
      if (!done) {
        // A list named in words is checked against the user's lists first ("add milk to groceries").
        const target = planAddToList(intent, ctx);
        if ("step" in target) return target.step;
        const tool = target.tasks.length === 1 ? TOOL.add_task : TOOL.add_tasks;
        // Only the fields the tool takes: a server without lists still adds the task.
        const tasks = target.tasks.map(({ labels, repeat, ...t }) => ({
          ...t,
          ...(target.list && ctx.offers(tool, "list") ? { list: target.list } : {}),
          ...(labels?.length && ctx.offers(tool, "labels") ? { labels } : {}),
          ...(repeat && ctx.offers(tool, "repeat") ? { repeat } : {}),
        }));
        return call(tool, tasks.length === 1 ? { ...tasks[0]! } : { tasks });
      }
      const errored = failure(done);
      if (errored) return errorReply(errored);
      const added = tasksOf(done);
      if (!added.length) return reply("Done.");
      const sent = done.name === TOOL.add_task ? [done.args] : ((done.args.tasks as Array<Record<string, unknown>> | undefined) ?? []);
      return reply(addedReply(added, sent as typeof intent.tasks, typeof sent[0]?.list === "string" ? sent[0].list : undefined, ctx));
    }

    case "list": {
      const list = turn.find((ex) => ex.name === TOOL.list_tasks);
      const filtered = intent.priority !== undefined || intent.due !== undefined || intent.undated === true;
      if (!list)
        return call(TOOL.list_tasks, { status: intent.status, ...(intent.search ? { search: intent.search } : {}), ...(intent.status === "all" && !filtered ? {} : { sort: "due" }), limit: filtered ? 100 : 50 });
      const failed = failure(list);
      if (failed) return errorReply(failed);
      return listReply(intent, list, today);
    }

    case "when": {
      const list = turn.find((ex) => ex.name === TOOL.list_tasks);
      const resolved = resolveRef(intent.ref, transcript, shown, list, { status: "all" });
      if ("needList" in resolved) return resolved.needList;
      if ("step" in resolved) return resolved.step;
      const task = resolved.task;
      if (task.completed) return reply(`${quote(task.title)} is already done${task.dueDate ? ` (it was due ${describeDate(task.dueDate, today)})` : ""}.`);
      return reply(task.dueDate ? `${quote(task.title)} is due ${describeDate(task.dueDate, today)}.` : `${quote(task.title)} has no due date.`);
    }

    case "complete":
    case "rename":
    case "due":
    case "shift":
    case "priority":
    case "delete": {
      const toolName = intent.type === "delete" ? TOOL.delete_task : intent.type === "complete" ? TOOL.complete_task : TOOL.update_task;
      const action = turn.find((ex) => ex.name === toolName);
      if (action) return outcome(intent, action, today, turn);
      const list = turn.find((ex) => ex.name === TOOL.list_tasks);
      const asBatch = batchActionOf(intent);
      if (asBatch && list && turn.some((ex) => ex.name === batchTool(asBatch))) return batchStep(asBatch, [], turn, tasksOf(list), today);
      const resolved = resolveRef(intent.ref, transcript, shown, list, { status: "all" }, inScope(intent), intent.type === "shift");
      if ("needList" in resolved) return resolved.needList;
      if ("step" in resolved) {
        // No task has the whole name: it may name several ("mark buy milk and call mum as done").
        const listed = list ? tasksOf(list) : [];
        const several = asBatch && intent.ref.kind === "title" && !closestTitles(intent.ref.text, listed).length ? resolveParts(intent.ref.text, listed, inScope(intent)) : undefined;
        return several ? batchStep(asBatch!, several, turn, listed, today) : resolved.step;
      }
      const id = resolved.task.id;
      switch (intent.type) {
        case "complete":
          if (intent.ref.kind === "title" && resolved.task.completed === intent.completed)
            return reply(intent.completed ? `${quote(resolved.task.title)} is already done.` : `${quote(resolved.task.title)} isn't marked as done.`);
          return call(TOOL.complete_task, { id, completed: intent.completed });
        case "rename":
          return call(TOOL.update_task, { id, title: intent.title });
        case "due":
          return call(TOOL.update_task, { id, dueDate: intent.dueDate });
        case "shift":
          // From its own due date; a task with none is moved from today.
          return call(TOOL.update_task, { id, dueDate: addDays(resolved.task.dueDate ?? today, intent.days) });
        case "priority":
          return call(TOOL.update_task, { id, priority: intent.priority });
        case "delete":
          return call(TOOL.delete_task, { id });
      }
      break;
    }

    case "complete_all":
    case "delete_completed": {
      const status = intent.type === "complete_all" ? "active" : "completed";
      const toolName = intent.type === "complete_all" ? TOOL.complete_tasks : TOOL.delete_tasks;
      const list = turn.find((ex) => ex.name === TOOL.list_tasks);
      if (!list) return call(TOOL.list_tasks, { status, limit: 100 });
      const failed = failure(list);
      if (failed) return errorReply(failed);
      const action: BatchAction = intent.type === "complete_all" ? { kind: "complete", completed: true } : { kind: "delete" };
      if (turn.some((ex) => ex.name === toolName)) return batchStep(action, [], turn, tasksOf(list), today);
      // The list was asked for by status; checking each task's own flag too costs nothing.
      const targets = tasksOf(list).filter((t) => t.completed === (status === "completed"));
      if (!targets.length) return reply(status === "active" ? "Nothing left to complete." : "There are no completed tasks to delete.");
      return batchStep(action, targets, turn, tasksOf(list), today);
    }

    case "bulk": {
      const list = turn.find((ex) => ex.name === TOOL.list_tasks);
      if (!list) return call(TOOL.list_tasks, { status: "all", limit: 100 });
      const failed = failure(list);
      if (failed) return errorReply(failed);
      const listed = tasksOf(list);
      if (turn.some((ex) => ex.name === batchTool(intent.action))) return batchStep(intent.action, [], turn, listed, today);
      let targets = listed.filter((t) => inSelection(t, intent.selection, intent.action, today));
      const except = intent.selection.except;
      if (except) {
        const excluded = closestTitles(except, targets);
        if (!excluded.length) return reply(`I couldn't find a task called ${quote(except)} to leave out, so nothing was changed.`);
        targets = targets.filter((t) => !excluded.includes(t));
      }
      if (!targets.length) return reply("No tasks match that, so nothing was changed.");
      return batchStep(intent.action, targets, turn, listed, today);
    }

    case "undo": {
      const undo = turn.find((ex) => ex.name === TOOL.undo_last_change);
      if (!undo) return call(TOOL.undo_last_change, {});
      if (isRejected(undo)) return reply("Okay, I left everything as it is.");
      const failed = failure(undo);
      if (failed) return reply(`I couldn't undo that: ${cleanMessage(failed.message)}`);
      const data = undo.outcome?.status === "ok" ? undo.outcome.undo : undefined;
      return reply(data?.summary ?? "Done.");
    }
  }
  return reply(HELP_TEXT);
}

function outcome(intent: Intent, action: ToolExchange, today: string, turn: ToolExchange[]): Step {
  if (isRejected(action)) {
    const listed = turn.filter((ex) => ex.name === TOOL.list_tasks).flatMap(tasksOf);
    const title = listed.find((t) => t.id === action.args.id)?.title;
    const what = title ? quote(title) : "it";
    return reply(intent.type === "delete" ? `Okay, I kept ${what}. Nothing was deleted.` : "Okay, nothing was changed.");
  }
  const failed = failure(action);
  if (failed) return errorReply(failed);
  const task = tasksOf(action)[0];
  if (!task) return reply("Done.");
  switch (intent.type) {
    case "complete": {
      if (!task.completed) return reply(`Reopened ${quote(task.title)}.`);
      // A repeating task comes back: say when.
      const next = action.outcome?.status === "ok" ? action.outcome.next : undefined;
      const rule = next ? ruleWords(next, undefined, today) : undefined;
      const again = next ? ` Next one${next.dueDate ? ` due ${describeDate(next.dueDate, today)}` : " added"}${rule ? ` (${rule.charAt(0).toLowerCase()}${rule.slice(1)})` : ""}.` : "";
      return reply(`Marked ${quote(task.title)} as done. ✓${again}`);
    }
    case "rename":
      return reply(`Renamed it to ${quote(task.title)}.`);
    case "due":
    case "shift":
      return reply(task.dueDate ? `${quote(task.title)} is now due ${describeDate(task.dueDate, today)}.` : `Removed the due date from ${quote(task.title)}.`);
    case "priority":
      return reply(`${quote(task.title)} is now ${task.priority ?? "medium"} priority.`);
    case "delete":
      return reply(`Deleted ${quote(task.title)}.`);
  }
  return reply("Done.");
}
