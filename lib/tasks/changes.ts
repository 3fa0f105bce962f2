import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { NotFoundError } from "@/lib/errors";
import { parseWith } from "@/lib/http";
import { bulkIdsSchema, createTaskSchema, updateTaskSchema, type Task } from "./schemas";
import { taskFromSnapshot, type TaskSnapshot } from "./snapshot";

/**
 * Every change to tasks, whoever makes it, goes through here: each function is one SQL
 * statement that changes the rows and records the change set (the rows before and after) in
 * the same statement, so a change and its undo record cannot part, and a tool call costs no
 * extra round trip for being undoable.
 */

/** Who made a change: the chat assistant, an outside MCP client, or the app's pages and REST API. */
export type ChangeSource = "chat" | "mcp" | "ui";

export const ADD_MAX = 25;

/** One task's outcome in a batch: changed, or why not. */
export type ItemResult = { id: number; ok: true; task: Task } | { id: number; ok: false; error: string };

export type Added = { tasks: Task[]; changeSetId: string };
/** A batch's results, in the order the ids were given; no change set when nothing changed. */
export type Changed = { results: ItemResult[]; changeSetId: string | null };

/** All or nothing (the REST API's bulk route and the single-task calls), or per item (the batch tools). */
export type BatchMode = { atomic: boolean };

const addItemsSchema = z
  .array(createTaskSchema, { error: "Send a list of tasks." })
  .min(1, "Give at least one task.")
  .max(ADD_MAX, `At most ${ADD_MAX} tasks at once.`);

/** Every statement answers with one row: the change set (if any), the tasks as changed, and for batches the ids the user owns. */
type Outcome = { change_set_id: string | null; tasks: TaskSnapshot[]; found: number[] | null };

async function run(query: SQL): Promise<Outcome> {
  const { rows } = await db.execute<Outcome>(query);
  return (rows as Outcome[])[0]!;
}

/** How long a change can be undone. Older change sets are dropped by the user's next change. */
export const UNDO_HISTORY_DAYS = 30;

/** Keeps the undo history bounded in time, in the same statement as a change (the index on (user, created_at) finds them). */
function pruneOldChangeSets(userId: string): SQL {
  return sql`pruned as (delete from change_sets where user_id = ${userId} and created_at < now() - make_interval(days => ${UNDO_HISTORY_DAYS}))`;
}

/** The change set insert shared by every statement: one row per statement, none when nothing changed. */
function recordChangeSet(userId: string, source: ChangeSource, changed: SQL, before: SQL, after: SQL): SQL {
  return sql`insert into change_sets (user_id, source, changes)
    select ${userId}, ${source}, jsonb_agg(jsonb_build_object('id', c.id, 'before', ${before}, 'after', ${after}) order by c.id)
    from ${changed} c having count(*) > 0
    returning id`;
}

/** A validated id list as a PostgreSQL int[] literal (the ids are checked integers). */
const idArray = (ids: number[]) => `{${ids.join(",")}}`;

export async function addTasks(userId: string, items: unknown, source: ChangeSource): Promise<Added> {
  const tasks = parseWith(addItemsSchema, items, "tasks", "tasks");
  const values = tasks.map((t, ord) => ({ ord, title: t.title, description: t.description ?? null, priority: t.priority ?? "medium", due_date: t.dueDate ?? null }));
  const outcome = await run(sql`
    with added as (
      insert into tasks (user_id, title, description, priority, due_date)
      select ${userId}, x.title, x.description, x.priority::task_priority, x.due_date::date
      from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as x(ord int, title text, description text, priority text, due_date text)
      order by x.ord
      returning *
    ), ${pruneOldChangeSets(userId)}, change_set as (${recordChangeSet(userId, source, sql`added`, sql`null::jsonb`, sql`to_jsonb(c)`)})
    select (select id from change_set) as change_set_id, (select jsonb_agg(to_jsonb(a) order by a.id) from added a) as tasks, null as found`);
  return { tasks: outcome.tasks.map(taskFromSnapshot), changeSetId: outcome.change_set_id! };
}

/** The SET list of a validated patch. Completing keeps the first completion time; reopening clears it. */
function assignments(patch: z.output<typeof updateTaskSchema>): SQL {
  const sets: SQL[] = [];
  if (patch.title !== undefined) sets.push(sql`title = ${patch.title}`);
  if (patch.description !== undefined) sets.push(sql`description = ${patch.description}`);
  if (patch.priority !== undefined) sets.push(sql`priority = ${patch.priority}::task_priority`);
  if (patch.dueDate !== undefined) sets.push(sql`due_date = ${patch.dueDate}::date`);
  if (patch.completed !== undefined) {
    sets.push(sql`completed = ${patch.completed}::boolean`);
    sets.push(sql`completed_at = case when ${patch.completed}::boolean then coalesce(t.completed_at, now()) else null end`);
  }
  sets.push(sql`updated_at = now()`);
  return sql.join(sets, sql`, `);
}

/** The rows of `ids` the user owns, locked, and whether all of them are there (for the atomic mode). */
function ownedTargets(userId: string, ids: number[]): SQL {
  return sql`target as (select * from tasks where user_id = ${userId} and id = any(${idArray(ids)}::int[]) for update),
    complete as (select count(*) = ${ids.length} as ok from target)`;
}

/** A batch statement's answer row: its change set, the changed rows, and the ids the user owns. */
const summaryOf = (tasks: SQL) =>
  sql`(select id from change_set) as change_set_id, ${tasks} as tasks, (select coalesce(array_agg(id), '{}') from target) as found`;

function results(ids: number[], outcome: Outcome, mode: BatchMode): Changed {
  const byId = new Map(outcome.tasks.map((t) => [t.id, taskFromSnapshot(t)]));
  const found = new Set(outcome.found ?? []);
  if (mode.atomic && found.size !== ids.length) {
    const missing = ids.filter((id) => !found.has(id));
    throw new NotFoundError(`Task${missing.length > 1 ? "s" : ""} ${missing.join(", ")} not found.${ids.length > 1 ? " Nothing was changed." : ""}`);
  }
  return {
    results: ids.map((id) => {
      const task = byId.get(id);
      return task ? { id, ok: true as const, task } : { id, ok: false as const, error: `Task ${id} not found.` };
    }),
    changeSetId: outcome.change_set_id,
  };
}

export async function changeTasks(userId: string, input: unknown, patch: unknown, source: ChangeSource, mode: BatchMode): Promise<Changed> {
  const { ids } = parseWith(bulkIdsSchema, input, "task ids");
  const data = parseWith(updateTaskSchema, patch, "changes");
  const outcome = await run(sql`
    with ${ownedTargets(userId, ids)},
    changed as (
      update tasks t set ${assignments(data)}
      from target o
      where t.id = o.id ${mode.atomic ? sql`and (select ok from complete)` : sql``}
      returning t.id, to_jsonb(o) as before, to_jsonb(t) as after
    ), ${pruneOldChangeSets(userId)}, change_set as (${recordChangeSet(userId, source, sql`changed`, sql`c.before`, sql`c.after`)})
    select ${summaryOf(sql`(select coalesce(jsonb_agg(c.after), '[]'::jsonb) from changed c)`)}`);
  return results(ids, outcome, mode);
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

/** One task's change, all or nothing: a missing or foreign id is a 404. */
export async function changeTask(userId: string, id: number, patch: unknown, source: ChangeSource): Promise<{ task: Task; changeSetId: string }> {
  const { results: [result], changeSetId } = await changeTasks(userId, { ids: [id] }, patch, source, { atomic: true });
  return { task: (result as Extract<ItemResult, { ok: true }>).task, changeSetId: changeSetId! };
}

export async function removeTask(userId: string, id: number, source: ChangeSource): Promise<{ task: Task; changeSetId: string }> {
  const { results: [result], changeSetId } = await removeTasks(userId, { ids: [id] }, source, { atomic: true });
  return { task: (result as Extract<ItemResult, { ok: true }>).task, changeSetId: changeSetId! };
}
