import { performance } from "node:perf_hooks";
import { CANCEL_ACTION, CONFIRM_ACTION, type ChatKitEvent, type ThreadItem } from "@/lib/chatkit/schemas";
import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { changeSets, labels as labelsTable, lists as listsTable, tasks as tasksTable } from "@/db/schema";
import { completeRule, parseRecurrence, recurrenceInWords, recurrenceSchema } from "@/lib/recurrence";
import { createTask, listTasks, setTaskCompleted } from "@/lib/tasks";
import { signUpUser } from "../tests/helpers/auth";
import { chatkit, parseSse, userInput } from "../tests/helpers/chatkit";
import { resolveDateToken } from "./dates";
import { judge, type JudgedTask } from "./judge";
import type { Scenario, SetupList, SetupTask } from "./scenarios";
import { noUsage, withUsageMeter, type Usage } from "./usage";

/**
 * Plays one scenario as a new user would: signs up, gets the setup's tasks through the task
 * service, then sends each turn to the real chat endpoint (the POST handler of /api/chat,
 * in-process, with the session cookie), pressing the confirmation card's buttons when asked.
 */

export type TurnRecord = { said: string; reply: string; ms: number; status: number };
export type ScenarioResult = {
  id: string;
  category: string;
  passed: boolean;
  /** What differed from the expectation, or why the conversation broke off. */
  differences: string[];
  /** Things a reader should know that are not failures (a button the model never showed). */
  notes: string[];
  turns: TurnRecord[];
  usage: Usage;
  today: string;
  tasksAfter: JudgedTask[];
};

/** The user's world as judged: tasks with their list's name, label names and rule in words; list and label names. */
async function worldOf(userId: string): Promise<{ tasks: JudgedTask[]; lists: string[]; labels: string[] }> {
  const [page, rows, lists, labels] = await Promise.all([
    listTasks(userId, { sort: "created", order: "asc", limit: 100 }),
    db.select({ id: tasksTable.id, listId: tasksTable.listId, labelIds: tasksTable.labelIds, recurrence: tasksTable.recurrence }).from(tasksTable).where(eq(tasksTable.userId, userId)),
    db.select().from(listsTable).where(eq(listsTable.userId, userId)),
    db.select().from(labelsTable).where(eq(labelsTable.userId, userId)),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const tasks = page.tasks.map((t): JudgedTask => {
    const row = byId.get(t.id);
    const rule = row?.recurrence ? recurrenceSchema.safeParse(row.recurrence) : undefined;
    return {
      title: t.title,
      description: t.description,
      priority: t.priority,
      dueDate: t.dueDate,
      completed: t.completed,
      list: lists.find((l) => l.id === row?.listId)?.name ?? "?",
      labels: (row?.labelIds ?? []).map((id) => labels.find((l) => l.id === id)?.name ?? `#${id}`),
      repeats: rule?.success ? recurrenceInWords(rule.data) : row?.recurrence ? "(unreadable rule)" : null,
    };
  });
  return { tasks, lists: lists.filter((l) => !l.isInbox).map((l) => l.name), labels: labels.map((l) => l.name) };
}

/** The scenario's lists and labels, straight in the tables (the Inbox is made by the first task, as in the app). */
async function createSetupNames(userId: string, lists: SetupList[], labels: string[]) {
  for (const [position, list] of lists.entries()) {
    const { name, archived } = typeof list === "string" ? { name: list, archived: false } : list;
    await db.insert(listsTable).values({ userId, name, position: position + 1, archivedAt: archived ? new Date() : null });
  }
  for (const name of labels) await db.insert(labelsTable).values({ userId, name });
}

async function createSetupTask(userId: string, task: SetupTask, today: string) {
  const dueDate = task.dueDate ? resolveDateToken(task.dueDate, today) : null;
  const created = await createTask(userId, { title: task.title, description: task.description, priority: task.priority, dueDate });
  const named = async (table: typeof listsTable | typeof labelsTable, name: string) => {
    const all = await db.select({ id: table.id, name: table.name }).from(table).where(eq(table.userId, userId));
    const row = all.find((r) => r.name.toLowerCase() === name.toLowerCase());
    if (!row) throw new Error(`setup: no list or label called "${name}"`);
    return row.id;
  };
  const listId = task.list ? await named(listsTable, task.list) : undefined;
  const labelIds = task.labels ? await Promise.all(task.labels.map((l) => named(labelsTable, l))) : undefined;
  const found = task.repeat ? parseRecurrence(task.repeat) : null;
  const recurrence = found ? completeRule(found.rule, dueDate ?? today) : undefined;
  if (listId !== undefined || labelIds || recurrence)
    await db
      .update(tasksTable)
      .set({ ...(listId !== undefined ? { listId } : {}), ...(labelIds ? { labelIds } : {}), ...(recurrence ? { recurrence } : {}) })
      .where(and(eq(tasksTable.id, created.id), eq(tasksTable.userId, userId)));
  if (task.completed) await setTaskCompleted(userId, created.id, true);
}

const textOf = (item: ThreadItem) =>
  item.type === "assistant_message" ? item.content.map((c) => c.text).join("") : item.type === "widget" ? `[card: ${item.copy_text ?? "?"}]` : "";

const confirmsPausedRun = (item: ThreadItem) => item.type === "widget" && (item.widget.confirm as { action?: { type?: string } } | undefined)?.action?.type === CONFIRM_ACTION;

/** The card waiting for an answer after a turn: the last new widget whose button confirms a paused run (not an answered card's Undo). */
function pendingCard(events: ChatKitEvent[]): string | undefined {
  const cards = events.filter((e): e is Extract<ChatKitEvent, { type: "thread.item.done" }> => e.type === "thread.item.done" && confirmsPausedRun(e.item));
  return cards.at(-1)?.item.id;
}

export type RunOptions = { today: () => string; timeZone?: string };

export async function runScenario(scenario: Scenario, opts: RunOptions): Promise<ScenarioResult> {
  const today = opts.today();
  const usage = noUsage();
  const turns: TurnRecord[] = [];
  const notes: string[] = [];
  const differences: string[] = [];
  const user = await signUpUser(`eval-${scenario.id}`.slice(0, 40));
  const cookie = opts.timeZone ? `${user.cookie}; tz=${encodeURIComponent(opts.timeZone)}` : user.cookie;
  await createSetupNames(user.id, scenario.lists ?? [], scenario.labels ?? []);
  for (const task of scenario.setup ?? []) await createSetupTask(user.id, task, today);
  // The setup is the world before the conversation, not something the user just did: "undo" must not take it back.
  await db.delete(changeSets).where(eq(changeSets.userId, user.id));
  const before = (await worldOf(user.id)).tasks;

  let threadId: string | undefined;
  let card: string | undefined;
  for (const [index, turn] of scenario.turns.entries()) {
    const n = index + 1;
    let body: unknown;
    let said: string;
    if (typeof turn === "string") {
      said = turn;
      body = threadId
        ? { type: "threads.add_user_message", params: { thread_id: threadId, input: userInput(turn) } }
        : { type: "threads.create", params: { input: userInput(turn) } };
    } else {
      said = `[presses ${turn.card === "confirm" ? "Confirm" : "Cancel"}]`;
      if (!card || !threadId) {
        notes.push(`turn ${n}: there was no confirmation card to ${turn.card}; skipped`);
        turns.push({ said, reply: "(no card was shown)", ms: 0, status: 0 });
        continue;
      }
      body = { type: "threads.custom_action", params: { thread_id: threadId, item_id: card, action: { type: turn.card === "confirm" ? CONFIRM_ACTION : CANCEL_ACTION, payload: {} } } };
    }
    const started = performance.now();
    const { status, text, streamed } = await withUsageMeter(usage, async () => {
      const res = await chatkit(cookie, body);
      return { status: res.status, text: await res.text(), streamed: res.headers.get("content-type")?.startsWith("text/event-stream") ?? false };
    });
    const ms = performance.now() - started;
    if (!streamed) {
      turns.push({ said, reply: `(HTTP ${status}) ${text.slice(0, 300)}`, ms, status });
      differences.push(`turn ${n} (${JSON.stringify(said)}): the endpoint answered HTTP ${status}: ${text.slice(0, 300)}`);
      break;
    }
    const events = parseSse(text);
    threadId ??= events.find((e): e is Extract<ChatKitEvent, { type: "thread.created" }> => e.type === "thread.created")?.thread.id;
    const reply = events
      .filter((e): e is Extract<ChatKitEvent, { type: "thread.item.done" }> => e.type === "thread.item.done")
      .map((e) => textOf(e.item))
      .filter(Boolean)
      .join("\n");
    turns.push({ said, reply, ms, status });
    const error = events.find((e): e is Extract<ChatKitEvent, { type: "error" }> => e.type === "error");
    if (error) differences.push(`turn ${n} (${JSON.stringify(said)}): the stream ended with an error: ${error.message ?? error.code}`);
    // Any new turn answers or sets aside an earlier card; only this turn's card can be pressed next.
    card = pendingCard(events);
  }

  const world = await worldOf(user.id);
  const after = world.tasks;
  const lastReply = turns.findLast((t) => t.status !== 0)?.reply ?? "";
  differences.push(...judge(scenario.expect, { today, before, after, lastReply, lists: world.lists, labels: world.labels }));
  if (opts.today() !== today) notes.push(`the date changed during the scenario (${today} → ${opts.today()}); relative dates were resolved against ${today}`);
  return { id: scenario.id, category: scenario.category, passed: differences.length === 0, differences, notes, turns, usage, today, tasksAfter: after };
}
