import { sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { parseWith } from "@/lib/http";
import { describeChanges, titleOf, type TaskChange } from "./change-summary";
import type { Task } from "./schemas";
import { taskFromSnapshot, type TaskSnapshot } from "./snapshot";

export const changeSetIdSchema = z.uuid({ error: "A change set id looks like 0b5f…-…: the changeSetId a change returned." });

/** What an undo did: tasks put back as they were (`restored`), and tasks it removed because the change had added them. */
export type Undone = { changeSetId: string; summary: string; restored: Task[]; removed: Task[]; alreadyUndone: boolean };

type ChangeSetRecord = { id: string; changes: TaskChange[]; undone_at: unknown };
type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0];

const sentence = (text: string) => text[0]!.toUpperCase() + text.slice(1);

/** Why a change set can no longer be undone, task by task, or null when every task is as the change left it. */
async function conflicts(tx: Tx, userId: string, changes: TaskChange[]): Promise<string | null> {
  const { rows } = await tx.execute<{ id: number; present: boolean; unchanged: boolean | null }>(sql`
    select (c->>'id')::int as id, t.id is not null as present,
      t.updated_at = (c->'after'->>'updated_at')::timestamptz as unchanged
    from jsonb_array_elements(${JSON.stringify(changes)}::jsonb) c
    left join tasks t on t.user_id = ${userId} and t.id = (c->>'id')::int`);
  const state = new Map((rows as Array<{ id: number; present: boolean; unchanged: boolean | null }>).map((r) => [r.id, r]));
  for (const change of changes) {
    const now = state.get(change.id);
    const title = `“${titleOf(change)}”`;
    if (change.after === null && now?.present) return `${title} is back already`;
    if (change.after !== null && !now?.present) return `${title} was deleted after that`;
    if (change.after !== null && !now?.unchanged) return `${title} was changed after that`;
  }
  return null;
}

/**
 * A snapshot's list, or the user's Inbox when that list has been deleted since (or the snapshot
 * predates lists). A user with tasks always has an Inbox (tasks_default_list makes it, and it
 * cannot be deleted); a recreated task that finds none gets one from that trigger.
 */
const listOf = (userId: string) =>
  sql`coalesce((select l.id from lists l where l.user_id = ${userId} and l.id = b.list_id), (select l.id from lists l where l.user_id = ${userId} and l.is_inbox))`;

/** A snapshot's labels that still exist, in their order: a label deleted since is not put back. */
const labelsOf = (userId: string) =>
  sql`array(select x from unnest(coalesce(b.label_ids, '{}')) with ordinality u(x, n) where x in (select id from labels where user_id = ${userId}) order by n)`;

/** Reverts every task of the change set in one statement, each guarded by the state the change left. */
async function revert(tx: Tx, userId: string, changes: TaskChange[]) {
  const { rows } = await tx.execute<{ kind: "removed" | "restored"; task: TaskSnapshot }>(sql`
    with c as (
      select (x->>'id')::int as id, x->'before' as before, x->'after' as after
      from jsonb_array_elements(${JSON.stringify(changes)}::jsonb) x
    ), removed as (
      delete from tasks t using c
      where c.before = 'null'::jsonb and t.user_id = ${userId} and t.id = c.id and t.updated_at = (c.after->>'updated_at')::timestamptz
      returning to_jsonb(t) as task
    ), reverted as (
      update tasks t set title = b.title, description = b.description, completed = b.completed, completed_at = b.completed_at,
        priority = b.priority, due_date = b.due_date, list_id = ${listOf(userId)}, label_ids = ${labelsOf(userId)},
        recurrence = b.recurrence, updated_at = b.updated_at
      from c cross join lateral jsonb_populate_record(null::tasks, c.before) b
      where c.before <> 'null'::jsonb and c.after <> 'null'::jsonb
        and t.user_id = ${userId} and t.id = c.id and t.updated_at = (c.after->>'updated_at')::timestamptz
      returning to_jsonb(t) as task
    ), recreated as (
      insert into tasks as t (id, user_id, title, description, completed, completed_at, priority, due_date, list_id, label_ids, recurrence, created_at, updated_at) overriding system value
      select b.id, ${userId}, b.title, b.description, b.completed, b.completed_at, b.priority, b.due_date, ${listOf(userId)}, ${labelsOf(userId)}, b.recurrence, b.created_at, b.updated_at
      from c cross join lateral jsonb_populate_record(null::tasks, c.before) b
      where c.after = 'null'::jsonb
      on conflict (id) do nothing
      returning to_jsonb(t) as task
    )
    select 'removed' as kind, task from removed
    union all select 'restored', task from reverted
    union all select 'restored', task from recreated`);
  return rows as Array<{ kind: "removed" | "restored"; task: TaskSnapshot }>;
}

/** Undoes one change set (or the user's most recent) inside `tx`; a refusal throws, so the caller's transaction rolls back. */
async function undoIn(tx: Tx, userId: string, id: string | undefined): Promise<Undone> {
  const { rows } = await tx.execute<ChangeSetRecord>(sql`
    select id, changes, undone_at from change_sets
    where user_id = ${userId} ${id ? sql`and id = ${id}` : sql``}
    order by created_at desc limit 1 for update`);
  const set = (rows as ChangeSetRecord[])[0];
  if (!set) throw new NotFoundError(id ? "That change was not found." : "There is nothing to undo yet.");
  const what = describeChanges(set.changes);
  if (set.undone_at) return { changeSetId: set.id, summary: `Already undone: ${what}. Nothing else was changed.`, restored: [], removed: [], alreadyUndone: true };
  const conflict = await conflicts(tx, userId, set.changes);
  if (conflict) throw new ConflictError(`Can't undo (${what}): ${conflict}. Nothing was undone.`);
  const reverted = await revert(tx, userId, set.changes);
  if (reverted.length !== set.changes.length) throw new ConflictError(`Can't undo (${what}): a task changed while undoing. Nothing was undone.`);
  await tx.execute(sql`update change_sets set undone_at = now() where id = ${set.id}`);
  const pick = (kind: "removed" | "restored") => reverted.filter((r) => r.kind === kind).map((r) => taskFromSnapshot(r.task));
  return { changeSetId: set.id, summary: `${sentence(`undone: ${what}`)}.`, restored: pick("restored"), removed: pick("removed"), alreadyUndone: false };
}

const changeSetIdOf = (value: unknown) => parseWith(changeSetIdSchema, value, "change set id", "changeSetId");

/** What undoing a change set would do, read without changing anything: for the chat's confirmation rule and its card. */
export type UndoPreview = { changeSetId: string; summary: string; removes: string[]; touches: number; alreadyUndone: boolean };

/** The preview of undoing the given change set (or the most recent); null when there is none to undo, as the undo itself will say. */
export async function previewUndo(userId: string, changeSetId?: unknown): Promise<UndoPreview | null> {
  const parsed = changeSetId === undefined || changeSetId === null ? undefined : changeSetIdSchema.safeParse(changeSetId);
  if (parsed && !parsed.success) return null;
  const id = parsed?.data;
  const { rows } = await db.execute<ChangeSetRecord>(sql`
    select id, changes, undone_at from change_sets
    where user_id = ${userId} ${id ? sql`and id = ${id}` : sql``}
    order by created_at desc limit 1`);
  const set = (rows as ChangeSetRecord[])[0];
  if (!set) return null;
  return {
    changeSetId: set.id,
    summary: describeChanges(set.changes),
    // Undoing an add deletes what it added.
    removes: set.changes.filter((c) => c.before === null).map(titleOf),
    touches: set.changes.length,
    alreadyUndone: set.undone_at !== null,
  };
}

/**
 * Undoes a change set: the given one, or the user's most recent. It restores every task it
 * touched as it was before (deleted tasks come back with their ids), or nothing: when any task
 * has changed since, it refuses and says which. A change set undone once stays undone, so
 * undoing it again changes nothing and says so.
 */
export async function undoChange(userId: string, changeSetId?: unknown): Promise<Undone> {
  const id = changeSetId === undefined || changeSetId === null ? undefined : changeSetIdOf(changeSetId);
  return db.transaction((tx) => undoIn(tx, userId, id));
}

/**
 * Undoes several change sets as one change, newest first by when they were recorded (calls
 * approved together run concurrently, so the order they were asked in proves nothing): all of
 * them, or, when any one is refused, none, so "Nothing was undone" is true (a confirmed card's
 * Undo, whose calls each recorded a change set).
 */
export async function undoChanges(userId: string, changeSetIds: unknown[]): Promise<Undone[]> {
  const ids = [...new Set(changeSetIds.map(changeSetIdOf))];
  return db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ id: string }>(sql`
      select id from change_sets where user_id = ${userId} and id = any(${`{${ids.join(",")}}`}::uuid[])
      order by created_at desc, id for update`);
    const known = (rows as Array<{ id: string }>).map((r) => r.id);
    const newestFirst = [...known, ...ids.filter((id) => !known.includes(id))];
    const undone: Undone[] = [];
    for (const id of newestFirst) undone.push(await undoIn(tx, userId, id));
    return undone;
  });
}
