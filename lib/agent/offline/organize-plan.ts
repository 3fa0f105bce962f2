import { parseRecurrence, recurrenceInWords, completeRule } from "@/lib/recurrence";
import { editDistance } from "./fuzzy";
import type { Intent, NewTask } from "./intents";
import type { TaskRef } from "./refs";
import { ORGANIZE_TOOL, type PlannedToolName } from "./tool-names";
import type { LabelData, ListData, TaskData, ToolExchange, ToolOutcome } from "./transcript";

/*
 * The steps for lists, labels and repeats: read the user's lists or labels when a name must be
 * checked, then call the task or list tool, then say what happened with the list and label names
 * and the rule in words.
 */

export type Step = { type: "calls"; calls: Array<{ name: PlannedToolName; args: Record<string, unknown> }> } | { type: "reply"; text: string };
type Resolution = { task: TaskData } | { step: Step } | { needList: Step };

/** What the main planner lends: the turn so far, task lookup by reference, and planning another intent. */
export type OrganizeContext = {
  turn: ToolExchange[];
  today: string;
  resolve: (ref: TaskRef) => Resolution;
  /** Whether the request offers this tool (and, given a field, whether the tool takes it). */
  offers: (tool: string, field?: string) => boolean;
  plan: (intent: Intent) => Step;
  details: (task: TaskData) => string;
};

type OrganizeIntent = Extract<Intent, { type: "show_lists" | "show_labels" | "create_list" | "rename_list" | "delete_list" | "list_in" | "labelled" | "label" | "repeat" | "move_to_list" }>;

const reply = (text: string): Step => ({ type: "reply", text });
const call = (name: PlannedToolName, args: Record<string, unknown>): Step => ({ type: "calls", calls: [{ name, args }] });
const quote = (s: string) => `“${s}”`;
const found = (turn: ToolExchange[], name: string) => turn.find((ex) => ex.name === name);

type Outcome = NonNullable<ToolExchange["outcome"]>;
const failed = (ex: ToolExchange): Extract<ToolOutcome, { status: "error" }> | undefined => (ex.outcome?.status === "error" ? ex.outcome : undefined);
const okOf = (ex: ToolExchange): Extract<Outcome, { status: "ok" }> | undefined => (ex.outcome?.status === "ok" ? ex.outcome : undefined);

function cleanMessage(message: string): string {
  return message.replace(/^MCP error -?\d+:\s*/, "").replace(/^Input validation error:\s*/, "");
}
const errorReply = (ex: ToolExchange) => reply(`I couldn't do that: ${cleanMessage(failed(ex)!.message)}`);

export function isOrganizeIntent(intent: Intent): intent is OrganizeIntent {
  return ["show_lists", "show_labels", "create_list", "rename_list", "delete_list", "list_in", "labelled", "label", "repeat", "move_to_list"].includes(intent.type);
}

const fold = (s: string) => s.normalize("NFKC").toLowerCase().replace(/^#/, "").replace(/\s+list$/, "").replace(/[^\p{L}\p{N}]+/gu, " ").trim();
const singular = (s: string) => s.replace(/(?:ies)$/, "y").replace(/(?<!s)s$/, "");

/** The user's list (or label) a spoken name means: exact, then singular/plural, then one typo in a long name. */
export function matchName<T extends { name: string }>(name: string, items: T[]): T | undefined {
  const want = fold(name);
  const exact = items.find((i) => fold(i.name) === want);
  if (exact) return exact;
  const plural = items.filter((i) => singular(fold(i.name)) === singular(want));
  if (plural.length === 1) return plural[0];
  const close = want.length >= 5 ? items.filter((i) => editDistance(fold(i.name), want) <= 1) : [];
  return close.length === 1 ? close[0] : undefined;
}

function namesOf(items: Array<{ name: string }>): string {
  return items.map((i) => i.name).join(", ");
}

/** The lists the user has, read once a turn; a step to read them first, or why not. */
function readLists(turn: ToolExchange[]): { lists: ListData[] } | { step: Step } {
  const ex = found(turn, ORGANIZE_TOOL.list_lists);
  if (!ex) return { step: call(ORGANIZE_TOOL.list_lists, {}) };
  if (failed(ex)) return { step: errorReply(ex) };
  return { lists: okOf(ex)?.lists ?? [] };
}

function readLabels(turn: ToolExchange[]): { labels: LabelData[] } | { step: Step } {
  const ex = found(turn, ORGANIZE_TOOL.list_labels);
  if (!ex) return { step: call(ORGANIZE_TOOL.list_labels, {}) };
  if (failed(ex)) return { step: errorReply(ex) };
  return { labels: okOf(ex)?.labels ?? [] };
}

function noSuchList(name: string, lists: ListData[]): Step {
  const live = lists.filter((l) => !l.archived);
  return reply(`You don't have a list called ${quote(name)}. Your lists: ${namesOf(live) || "Inbox"}. Say “create a list called ${name}” to make it.`);
}

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** "(due tomorrow, every weekday)" and " in Groceries, labelled errands" for a reply about one task. */
function where(listName: string | undefined, labels: string[] | undefined): string {
  const parts: string[] = [];
  if (listName) parts.push(` to ${listName}`);
  if (labels?.length) parts.push(`, labelled ${labels.join(", ")}`);
  return parts.join("");
}

/** The rule in words from the tool's task, or from the phrase the user typed when the tool gave none. */
export function ruleWords(task: TaskData | undefined, phrase: string | undefined, today: string): string | undefined {
  if (task?.recurrenceText) return task.recurrenceText;
  const found = phrase ? parseRecurrence(phrase) : null;
  if (!found) return undefined;
  try {
    return recurrenceInWords(completeRule(found.rule, task?.dueDate ?? today));
  } catch {
    return undefined;
  }
}

/**
 * An add that names a list: the list's real name once the user's lists are read; without such a
 * list, the words stay in the title, or (when they clearly meant a list) the user is asked.
 */
export function planAddToList(intent: Extract<Intent, { type: "add" }>, ctx: OrganizeContext): { tasks: NewTask[]; list?: string } | { step: Step } {
  if (!intent.list) return { tasks: intent.tasks };
  if (!ctx.offers(ORGANIZE_TOOL.list_lists)) return { tasks: intent.list.plain ?? intent.tasks };
  const read = readLists(ctx.turn);
  if ("step" in read) return read;
  const list = matchName(intent.list.name, read.lists.filter((l) => !l.archived));
  if (list) return { tasks: intent.tasks, list: list.name };
  if (!intent.list.explicit && intent.list.plain) return { tasks: intent.list.plain };
  return { step: noSuchList(intent.list.name, read.lists) };
}

/** The reply once an add ran: what was added, where, with which labels and rule. */
export function addedReply(added: TaskData[], sent: NewTask[], list: string | undefined, ctx: OrganizeContext): string {
  const first = added[0]!;
  const labels = sent[0]?.labels;
  // The rule in words comes with the task (details); only what the tool saved is said.
  const repeats = "";
  if (added.length === 1) return `Added ${quote(first.title)}${where(list, labels)}${ctx.details(first)}.${repeats}`;
  const titles = added.map((t) => quote(t.title));
  return `Added ${added.length} tasks${where(list, labels)}: ${titles.slice(0, -1).join(", ")} and ${titles.at(-1)}${ctx.details(first)}.${repeats}`;
}

/** The tools (and update_task fields) each request needs. */
function needs(intent: OrganizeIntent): Array<[string, string?]> {
  switch (intent.type) {
    case "show_lists":
      return [[ORGANIZE_TOOL.list_lists]];
    case "show_labels":
      return [[ORGANIZE_TOOL.list_labels]];
    case "create_list":
      return [[ORGANIZE_TOOL.create_list]];
    case "rename_list":
      return [[ORGANIZE_TOOL.list_lists], [ORGANIZE_TOOL.rename_list]];
    case "delete_list":
      return [[ORGANIZE_TOOL.list_lists], [ORGANIZE_TOOL.delete_list]];
    case "list_in":
      return [[ORGANIZE_TOOL.list_lists], [ORGANIZE_TOOL.list_tasks, "list"]];
    case "labelled":
      return [[ORGANIZE_TOOL.list_labels], [ORGANIZE_TOOL.list_tasks, "label"]];
    case "label":
      return [[ORGANIZE_TOOL.list_labels], [ORGANIZE_TOOL.update_task, "labels"]];
    case "repeat":
      return [[ORGANIZE_TOOL.update_task, "repeat"]];
    case "move_to_list":
      return [[ORGANIZE_TOOL.list_lists], [ORGANIZE_TOOL.update_task, "list"]];
  }
}

export function planOrganize(intent: OrganizeIntent, ctx: OrganizeContext): Step {
  const { turn } = ctx;
  if (!needs(intent).every(([tool, field]) => ctx.offers(tool, field))) {
    const fallback = "fallback" in intent ? intent.fallback : undefined;
    if (fallback && fallback.type !== "unknown" && fallback.type !== "clarify") return ctx.plan(fallback);
    return reply("I can't manage lists, labels or repeating tasks here: this server doesn't offer those tools.");
  }
  switch (intent.type) {
    case "show_lists": {
      const read = readLists(turn);
      if ("step" in read) return read.step;
      const live = read.lists.filter((l) => !l.archived);
      if (!live.length) return reply("You have only your Inbox. Say “create a list called Groceries” to start another.");
      const lines = live.map((l) => `- ${l.name}${l.openCount !== undefined ? ` (${l.openCount} open)` : ""}`);
      return reply(`Your lists:\n${lines.join("\n")}`);
    }
    case "show_labels": {
      const read = readLabels(turn);
      if ("step" in read) return read.step;
      if (!read.labels.length) return reply("You have no labels yet. Say “tag the report urgent” to add one.");
      const lines = read.labels.map((l) => `- ${l.name}${l.openCount !== undefined ? ` (${l.openCount} open)` : ""}`);
      return reply(`Your labels:\n${lines.join("\n")}`);
    }
    case "create_list": {
      const done = found(turn, ORGANIZE_TOOL.create_list);
      if (!done) return call(ORGANIZE_TOOL.create_list, { name: intent.name });
      if (failed(done)) return errorReply(done);
      return reply(`Created the list ${quote(okOf(done)?.list?.name ?? intent.name)}. Add to it with “add milk to ${okOf(done)?.list?.name ?? intent.name}”.`);
    }
    case "rename_list": {
      const done = found(turn, ORGANIZE_TOOL.rename_list);
      if (done) return failed(done) ? errorReply(done) : reply(`Renamed the list ${quote(String(done.args.list ?? intent.from))} to ${quote(okOf(done)?.list?.name ?? intent.to)}.`);
      const read = readLists(turn);
      if ("step" in read) return read.step;
      const list = matchName(intent.from, read.lists);
      if (!list) return noSuchList(intent.from, read.lists);
      return call(ORGANIZE_TOOL.rename_list, { list: list.name, name: intent.to });
    }
    case "delete_list": {
      const done = found(turn, ORGANIZE_TOOL.delete_list);
      if (done) {
        if (done.outcome?.status === "rejected") return reply(`Okay, I kept the list ${quote(String(done.args.list ?? intent.name))}.`);
        if (failed(done)) return errorReply(done);
        const list = okOf(done)?.list;
        const moved = list?.moved ? ` Its ${list.moved} task${list.moved === 1 ? "" : "s"} moved to your Inbox.` : "";
        const deleted = list?.deleted ? ` Its ${list.deleted} task${list.deleted === 1 ? " was" : "s were"} deleted.` : "";
        return reply(`Deleted the list ${quote(list?.name ?? String(done.args.list))}.${moved}${deleted}`);
      }
      const read = readLists(turn);
      if ("step" in read) return read.step;
      const list = matchName(intent.name, read.lists);
      if (!list) return intent.fallback.type === "delete" ? ctx.plan(intent.fallback) : noSuchList(intent.name, read.lists);
      if (list.isInbox) return reply("Your Inbox can't be deleted: it is where tasks without a list go.");
      return call(ORGANIZE_TOOL.delete_list, { list: list.name, ...(intent.tasks ? { tasks: intent.tasks } : {}) });
    }
    case "list_in": {
      const listed = found(turn, ORGANIZE_TOOL.list_tasks);
      if (listed) {
        if (failed(listed)) return errorReply(listed);
        const name = String(listed.args.list ?? intent.name);
        return reply(tasksReply(okOf(listed)?.tasks ?? [], intent.status, `in ${name}`, ctx));
      }
      const read = readLists(turn);
      if ("step" in read) return read.step;
      const list = matchName(intent.name, read.lists);
      if (!list) return intent.explicit || intent.fallback.type === "unknown" ? noSuchList(intent.name, read.lists) : ctx.plan(intent.fallback);
      return call(ORGANIZE_TOOL.list_tasks, { list: list.name, status: intent.status, sort: "due", limit: 50 });
    }
    case "labelled": {
      const listed = found(turn, ORGANIZE_TOOL.list_tasks);
      if (listed) {
        if (failed(listed)) return errorReply(listed);
        return reply(tasksReply(okOf(listed)?.tasks ?? [], intent.status, `labelled ${String(listed.args.label ?? intent.name)}`, ctx));
      }
      const read = readLabels(turn);
      if ("step" in read) return read.step;
      const label = matchName(intent.name, read.labels);
      if (!label) return reply(`You have no label called ${quote(intent.name)}.${read.labels.length ? ` Your labels: ${namesOf(read.labels)}.` : ""}`);
      return call(ORGANIZE_TOOL.list_tasks, { label: label.name, status: intent.status, sort: "due", limit: 50 });
    }
    case "label": {
      const done = found(turn, ORGANIZE_TOOL.update_task);
      if (done) {
        if (failed(done)) return errorReply(done);
        const task = okOf(done)?.tasks[0];
        const names = intent.labels.join(", ");
        if (intent.remove) return reply(`Removed the label ${names} from ${quote(task?.title ?? "it")}.`);
        const all = (done.args.labels as string[] | undefined) ?? intent.labels;
        return reply(`Labelled ${quote(task?.title ?? "it")} ${names}${all.length > intent.labels.length ? ` (its labels: ${all.join(", ")})` : ""}.`);
      }
      const read = readLabels(turn);
      if ("step" in read) return read.step;
      const resolved = ctx.resolve(intent.ref);
      if ("needList" in resolved) return resolved.needList;
      if ("step" in resolved) return resolved.step;
      const task = resolved.task;
      const current = task.labels ?? (task.labelIds ?? []).flatMap((id) => read.labels.filter((l) => l.id === id).map((l) => l.name));
      const named = intent.labels.map((n) => matchName(n, read.labels)?.name ?? n);
      if (intent.remove) {
        const gone = current.filter((c) => named.some((n) => n.toLowerCase() === c.toLowerCase()));
        if (!gone.length) return reply(`${quote(task.title)} has no label ${intent.labels.join(", ")}${current.length ? ` (its labels: ${current.join(", ")})` : ""}.`);
        return call(ORGANIZE_TOOL.update_task, { id: task.id, labels: current.filter((c) => !gone.includes(c)) });
      }
      const fresh = named.filter((n) => !current.some((c) => c.toLowerCase() === n.toLowerCase()));
      if (!fresh.length) return reply(`${quote(task.title)} is already labelled ${named.join(", ")}.`);
      return call(ORGANIZE_TOOL.update_task, { id: task.id, labels: [...current, ...fresh] });
    }
    case "repeat": {
      const done = found(turn, ORGANIZE_TOOL.update_task);
      if (done) {
        if (failed(done)) return errorReply(done);
        const task = okOf(done)?.tasks[0];
        const title = quote(task?.title ?? "It");
        if (!intent.phrase) return reply(`${title} no longer repeats.`);
        const rule = ruleWords(task, intent.phrase, ctx.today);
        return reply(`${title} now repeats ${lower(rule ?? intent.phrase)}${ctx.details({ ...task!, recurrenceText: null })}.`);
      }
      const resolved = ctx.resolve(intent.ref);
      if ("needList" in resolved) return resolved.needList;
      if ("step" in resolved) return intent.fallback?.type === "add" ? ctx.plan(intent.fallback) : resolved.step;
      if (!intent.phrase && resolved.task.recurrenceText === null) return reply(`${quote(resolved.task.title)} doesn't repeat.`);
      return call(ORGANIZE_TOOL.update_task, { id: resolved.task.id, repeat: intent.phrase ?? "never" });
    }
    case "move_to_list": {
      const done = found(turn, ORGANIZE_TOOL.update_task);
      if (done) {
        if (failed(done)) return errorReply(done);
        return reply(`Moved ${quote(okOf(done)?.tasks[0]?.title ?? "it")} to ${String(done.args.list)}.`);
      }
      const read = readLists(turn);
      if ("step" in read) return read.step;
      const list = matchName(intent.list, read.lists.filter((l) => !l.archived));
      if (!list) return intent.explicit || intent.fallback.type === "clarify" || intent.fallback.type === "unknown" ? noSuchList(intent.list, read.lists) : ctx.plan(intent.fallback);
      const resolved = ctx.resolve(intent.ref);
      if ("needList" in resolved) return resolved.needList;
      // "put bread in groceries" with no task called bread: a new task for that list.
      if ("step" in resolved) return intent.fallback.type === "add" ? ctx.plan(intent.fallback) : resolved.step;
      if (resolved.task.listId === list.id) return reply(`${quote(resolved.task.title)} is already in ${list.name}.`);
      return call(ORGANIZE_TOOL.update_task, { id: resolved.task.id, list: list.name });
    }
  }
}

function tasksReply(tasks: TaskData[], status: "active" | "all" | "completed", about: string, ctx: OrganizeContext): string {
  const kind = { all: "", active: "open ", completed: "completed " }[status];
  if (!tasks.length) return `No ${kind}tasks ${about}.`;
  const lines = tasks.map((t, i) => `${i + 1}. ${t.completed ? "~~" : ""}${t.title}${t.completed ? "~~ ✓" : ""}${ctx.details(t)}`);
  return `You have ${tasks.length} ${kind}task${tasks.length === 1 ? "" : "s"} ${about}:\n${lines.join("\n")}`;
}
