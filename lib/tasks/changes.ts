import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { intArray } from "@/db/int-array";
import { todayUtc } from "@/lib/dates";
import { NotFoundError } from "@/lib/errors";
import { parseWith } from "@/lib/http";
import { completeRule, nextDueDate, type Recurrence } from "@/lib/recurrence";
import { assertRefs } from "./refs";
import { bulkIdsSchema, createTaskSchema, updateTaskSchema, type Task } from "./schemas";
import { taskFromSnapshot, type TaskSnapshot } from "./snapshot";
import { undoChange } from "./undo";

/**
 * Every change to tasks, whoever makes it, goes through here: each function is one SQL
 * statement that changes the rows and records the change set (the rows before and after) in
 * the same statement, so a change and its undo record cannot part, and a tool call costs no
 * extra round trip for being undoable.
 */

/** Who made a change: the chat assistant, an outside MCP client, or the app's pages and REST API. */
export type ChangeSource = "chat" | "mcp" | "ui";

export const ADD_MAX = 25;

/** One task's outcome in a batch: changed (with `next`, the occurrence its completion added), or why not. */
export type ItemResult = { id: number; ok: true; task: Task; next?: Task } | { id: number; ok: false; error: string };

export type Added = { tasks: Task[]; changeSetId: string };
/** A batch's results, in the order the ids were given; no change set when nothing changed. */
export type Changed = { results: ItemResult[]; changeSetId: string | null };

/** All or nothing (the REST API's bulk route and the single-task calls), or per item (the batch tools). */
export type BatchMode = { atomic: boolean; today?: string };

/**
 * The caller's calendar day (YYYY-MM-DD; UTC when not given): a repeat rule without a due date
 * starts from it, and a completed repeating task's next occurrence comes after it.
 */
export type ChangeOptions = { today?: string };

const addItemsSchema = z
  .array(createTaskSchema, { error: "Send a list of tasks." })
  .min(1, "Give at least one task.")
  .max(ADD_MAX, `At most ${ADD_MAX} tasks at once.`);

/** A task a statement completed: its due date after the change and the repeat rule it had, if any. */
type Completion = { id: number; due_date: string | null; rule: Recurrence | null };

/** Every statement answers with one row: the change set (if any), the tasks as changed, for batches the ids the user owns, and what it completed. */
type Outcome = { change_set_id: string | null; tasks: TaskSnapshot[]; found: number[] | null; completed?: Completion[] | null };

async function run(query: SQL): Promise<Outcome> {
  const { rows } = await db.execute<Outcome>(query);
  return (rows as Outcome[])[0]!;
}

/** How long a change can be undone. Older change sets are dropped by the user's next change. */
export const UNDO_HISTORY_DAYS = 30;

/** Keeps the undo history bounded in time, in the same statement as a change (the index on (user, created_at) finds them). */
export function pruneOldChangeSets(userId: string): SQL {
  return sql`pruned as (delete from change_sets where user_id = ${userId} and created_at < now() - make_interval(days => ${UNDO_HISTORY_DAYS}))`;
}

/** The change set insert shared by every statement: one row per statement, none when nothing changed. */
export function recordChangeSet(userId: string, source: ChangeSource, changed: SQL, before: SQL, after: SQL): SQL {
  return sql`insert into change_sets (user_id, source, changes)
    select ${userId}, ${source}, jsonb_agg(jsonb_build_object('id', c.id, 'before', ${before}, 'after', ${after}) order by c.id)
    from ${changed} c having count(*) > 0
    returning id`;
}

export async function addTasks(userId: string, items: unknown, source: ChangeSource, options: ChangeOptions = {}): Promise<Added> {
  const tasks = parseWith(addItemsSchema, items, "tasks", "tasks");
  await assertRefs(userId, { listIds: tasks.flatMap((t) => (t.listId === undefined ? [] : [t.listId])), labelIds: tasks.flatMap((t) => t.labelIds ?? []) });
  const today = options.today ?? todayUtc();
  const values = tasks.map((t, ord) => ({
    ord,
    title: t.title,
    description: t.description ?? null,
    priority: t.priority ?? "medium",
    due_date: t.dueDate ?? null,
    // No list: the tasks_default_list trigger puts it in the user's Inbox.
    list_id: t.listId ?? null,
    label_ids: t.labelIds ?? [],
    // Saved complete, anchored on the due date (or today), so later occurrences never drift.
    recurrence: t.recurrence ? completeRule(t.recurrence, t.dueDate ?? today) : null,
  }));
  const outcome = await run(sql`
    with added as (
      insert into tasks (user_id, title, description, priority, due_date, list_id, label_ids, recurrence)
      select ${userId}, x.title, x.description, x.priority::task_priority, x.due_date::date, x.list_id, coalesce(x.label_ids, '{}'), x.recurrence
      from jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
        as x(ord int, title text, description text, priority text, due_date text, list_id int, label_ids int[], recurrence jsonb)
      order by x.ord
      returning *
    ), ${pruneOldChangeSets(userId)}, change_set as (${recordChangeSet(userId, source, sql`added`, sql`null::jsonb`, sql`to_jsonb(c)`)})
    select (select id from change_set) as change_set_id, (select jsonb_agg(to_jsonb(a) order by a.id) from added a) as tasks, null as found`);
  return { tasks: outcome.tasks.map(taskFromSnapshot), changeSetId: outcome.change_set_id! };
}

type Patch = z.output<typeof updateTaskSchema>;

/**
 * The repeat rule a patch saves, per task, saved complete like addTasks': anchored on the new
 * due date, else the task's own, else today. Null when the patch leaves rules alone.
 */
async function rulesOf(userId: string, ids: number[], patch: Patch, today: string): Promise<Record<string, Recurrence> | null> {
  if (!patch.recurrence) return null;
  const rule = patch.recurrence;
  if (patch.dueDate !== undefined) return Object.fromEntries(ids.map((id) => [String(id), completeRule(rule, patch.dueDate ?? today)]));
  const { rows } = await db.execute<{ id: number; due_date: string | null }>(
    sql`select id, due_date::text as due_date from tasks where user_id = ${userId} and id = any(${intArray(ids)}::int[])`,
  );
  return Object.fromEntries((rows as Array<{ id: number; due_date: string | null }>).map((r) => [String(r.id), completeRule(rule, r.due_date ?? today)]));
}

/**
 * The SET list of a validated patch. Completing keeps the first completion time; reopening clears
 * it. Completing a repeating task also takes its rule off (the next occurrence carries it on), so
 * reopening and completing it again adds no second occurrence.
 */
function assignments(patch: Patch, rules: Record<string, Recurrence> | null): SQL {
  const sets: SQL[] = [];
  if (patch.title !== undefined) sets.push(sql`title = ${patch.title}`);
  if (patch.description !== undefined) sets.push(sql`description = ${patch.description}`);
  if (patch.priority !== undefined) sets.push(sql`priority = ${patch.priority}::task_priority`);
  if (patch.dueDate !== undefined) sets.push(sql`due_date = ${patch.dueDate}::date`);
  if (patch.listId !== undefined) sets.push(sql`list_id = ${patch.listId}::int`);
  if (patch.labelIds !== undefined) sets.push(sql`label_ids = ${intArray(patch.labelIds)}::int[]`);
  const rule = patch.recurrence === undefined ? sql`t.recurrence` : rules ? sql`(${JSON.stringify(rules)}::jsonb -> t.id::text)` : sql`null::jsonb`;
  if (patch.completed === true) sets.push(sql`recurrence = case when o.completed then ${rule} else null end`);
  else if (patch.recurrence !== undefined) sets.push(sql`recurrence = ${rule}`);
  if (patch.completed !== undefined) {
    sets.push(sql`completed = ${patch.completed}::boolean`);
    sets.push(sql`completed_at = case when ${patch.completed}::boolean then coalesce(t.completed_at, now()) else null end`);
  }
  sets.push(sql`updated_at = now()`);
  return sql.join(sets, sql`, `);
}

/** The rows of `ids` the user owns, locked, and whether all of them are there (for the atomic mode). */
function ownedTargets(userId: string, ids: number[]): SQL {
  return sql`target as (select * from tasks where user_id = ${userId} and id = any(${intArray(ids)}::int[]) for update),
    complete as (select count(*) = ${ids.length} as ok from target)`;
}

/** A batch statement's answer row: its change set, the changed rows, and the ids the user owns. */
const summaryOf = (tasks: SQL) =>
  sql`(select id from change_set) as change_set_id, ${tasks} as tasks, (select coalesce(array_agg(id), '{}') from target) as found`;

function results(ids: number[], outcome: Outcome, mode: BatchMode, next: Map<number, Task> = new Map()): Changed {
  const byId = new Map(outcome.tasks.map((t) => [t.id, taskFromSnapshot(t)]));
  const found = new Set(outcome.found ?? []);
  if (mode.atomic && found.size !== ids.length) {
    const missing = ids.filter((id) => !found.has(id));
    throw new NotFoundError(`Task${missing.length > 1 ? "s" : ""} ${missing.join(", ")} not found.${ids.length > 1 ? " Nothing was changed." : ""}`);
  }
  return {
    results: ids.map((id) => {
      const task = byId.get(id);
      if (!task) return { id, ok: false as const, error: `Task ${id} not found.` };
      const following = next.get(id);
      return following ? { id, ok: true as const, task, next: following } : { id, ok: true as const, task };
    }),
    changeSetId: outcome.change_set_id,
  };
}

/**
 * The second statement of completing repeating tasks: adds each one's next occurrence (same
 * title, notes, priority, list, labels and rule; due on the rule's next date after `today`) and
 * appends the additions to the completion's change set, so one undo reverts both. Keyed by the
 * completed task's id.
 */
async function addNextOccurrences(userId: string, changeSetId: string, completions: Completion[], rules: Record<string, Recurrence> | null, patch: Patch, today: string): Promise<Map<number, Task>> {
  const due = completions
    .map((c) => ({ id: c.id, rule: patch.recurrence === undefined ? c.rule : (rules?.[String(c.id)] ?? null), due: c.due_date }))
    .filter((c): c is { id: number; rule: Recurrence; due: string | null } => c.rule !== null)
    .sort((a, b) => a.id - b.id)
    .map((c) => ({ id: c.id, recurrence: c.rule, due_date: nextDueDate(c.rule, c.due, today) }));
  if (!due.length) return new Map();
  const { rows } = await db.execute<{ tasks: TaskSnapshot[] | null }>(sql`
    with src as (
      select * from jsonb_to_recordset(${JSON.stringify(due)}::jsonb) as x(id int, recurrence jsonb, due_date text)
    ), added as (
      insert into tasks (user_id, title, description, priority, due_date, list_id, label_ids, recurrence)
      select t.user_id, t.title, t.description, t.priority, x.due_date::date, t.list_id, t.label_ids, x.recurrence
      from src x join tasks t on t.user_id = ${userId} and t.id = x.id
      order by x.id
      returning *
    ), appended as (
      update change_sets set changes = changes || (select jsonb_agg(jsonb_build_object('id', a.id, 'before', null::jsonb, 'after', to_jsonb(a)) order by a.id) from added a)
      where id = ${changeSetId} and user_id = ${userId} and exists (select 1 from added)
    )
    select (select jsonb_agg(to_jsonb(a) order by a.id) from added a) as tasks`);
  const added = ((rows as Array<{ tasks: TaskSnapshot[] | null }>)[0]?.tasks ?? []).map(taskFromSnapshot);
  // Inserted in the order of the completed tasks' ids, so the new ids follow the same order.
  return new Map(added.map((task, i) => [due[i]!.id, task]));
}

export async function changeTasks(userId: string, input: unknown, patch: unknown, source: ChangeSource, mode: BatchMode): Promise<Changed> {
  const { ids } = parseWith(bulkIdsSchema, input, "task ids");
  const data = parseWith(updateTaskSchema, patch, "changes");
  await assertRefs(userId, { listIds: data.listId === undefined ? [] : [data.listId], labelIds: data.labelIds ?? [] });
  const today = mode.today ?? todayUtc();
  const rules = await rulesOf(userId, ids, data, today);
  const outcome = await run(sql`
    with ${ownedTargets(userId, ids)},
    changed as (
      update tasks t set ${assignments(data, rules)}
      from target o
      where t.id = o.id ${mode.atomic ? sql`and (select ok from complete)` : sql``}
      returning t.id, to_jsonb(o) as before, to_jsonb(t) as after
    ), ${pruneOldChangeSets(userId)}, change_set as (${recordChangeSet(userId, source, sql`changed`, sql`c.before`, sql`c.after`)})
    select ${summaryOf(sql`(select coalesce(jsonb_agg(c.after), '[]'::jsonb) from changed c)`)},
      (select jsonb_agg(jsonb_build_object('id', c.id, 'due_date', c.after->'due_date', 'rule', c.before->'recurrence'))
        from changed c where not (c.before->>'completed')::boolean and (c.after->>'completed')::boolean) as completed`);
  // The fast path is the one statement above; only completing a repeating task takes a second.
  const completions = (outcome.completed ?? []).filter((c) => (data.recurrence === undefined ? c.rule !== null : data.recurrence !== null));
  let next: Map<number, Task> | undefined;
  if (completions.length && outcome.change_set_id) {
    try {
      next = await addNextOccurrences(userId, outcome.change_set_id, completions, rules, data, today);
    } catch (error) {
      // Two statements and no transaction (the fast path stays one round trip): when adding the
      // next occurrences fails, the completion is taken back, so a repeating task is never left
      // completed with no next one. The call then fails as a whole.
      await undoChange(userId, outcome.change_set_id).catch(() => undefined);
      throw error;
    }
  }
  return results(ids, outcome, mode, next);
}

export async function removeTasks(userId: string, input: unknown, source: ChangeSource, mode: BatchMode): Promise<Changed> {
  const { ids } = parseWith(bulkIdsSchema, input, "task ids");
  const outcome = await run(sql`
    with ${ownedTargets(userId, ids)},
    removed as (
      delete from tasks t using target o
      where t.id = o.id ${mode.atomic ? sql`and (select ok from complete)` : sql``}
      returning t.*
    ), ${pruneOldChangeSets(userId)}, change_set as (${recordChangeSet(userId, source, sql`removed`, sql`to_jsonb(c)`, sql`null::jsonb`)})
    select ${summaryOf(sql`(select coalesce(jsonb_agg(to_jsonb(r)), '[]'::jsonb) from removed r)`)}`);
  return results(ids, outcome, mode);
}

/** One task's change, all or nothing: a missing or foreign id is a 404. `next` is the occurrence completing a repeating task added. */
export async function changeTask(
  userId: string,
  id: number,
  patch: unknown,
  source: ChangeSource,
  options: ChangeOptions = {},
): Promise<{ task: Task; changeSetId: string; next?: Task }> {
  const { results: [result], changeSetId } = await changeTasks(userId, { ids: [id] }, patch, source, { atomic: true, today: options.today });
  const { task, next } = result as Extract<ItemResult, { ok: true }>;
  return next ? { task, changeSetId: changeSetId!, next } : { task, changeSetId: changeSetId! };
}

export async function removeTask(userId: string, id: number, source: ChangeSource): Promise<{ task: Task; changeSetId: string }> {
  const { results: [result], changeSetId } = await removeTasks(userId, { ids: [id] }, source, { atomic: true });
  return { task: (result as Extract<ItemResult, { ok: true }>).task, changeSetId: changeSetId! };
}
