import { and, asc, desc, eq, ilike, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { db } from "@/db";
import { tasks, type TaskRow } from "@/db/schema";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { parseWith } from "@/lib/http";
import { todayUtc } from "@/lib/dates";
import type { Recurrence } from "@/lib/recurrence";
import { taskPlacement } from "./snapshot";
import { addTasks, changeTask, changeTasks, removeTask, removeTasks, type ChangeSource, type ItemResult } from "./changes";
import {
  createTaskSchema,
  DEFAULT_ORDER,
  isoDateSchema,
  listTasksSchema,
  taskIdSchema,
  type ListTasksOptions,
  type Task,
  type TaskPage,
  type TaskSort,
  type TaskStats,
} from "./schemas";

/**
 * The one place task rules and queries live. Every function takes the signed-in user's id
 * and scopes every query to it; another user's task is indistinguishable from a missing one.
 * Inputs are `unknown` and validated here, so no caller can skip the rules.
 */

export function toTask(row: TaskRow): Task {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    priority: row.priority,
    dueDate: row.dueDate,
    completed: row.completed,
    completedAt: row.completedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    ...taskPlacement(row.listId, row.labelIds, row.recurrence as Recurrence | null),
  };
}

const notFound = (id: number) => new NotFoundError(`Task ${id} not found.`);
const owned = (userId: string, id: number) => and(eq(tasks.userId, userId), eq(tasks.id, id));

export async function createTask(userId: string, input: unknown, source: ChangeSource = "ui"): Promise<Task> {
  // Validated here first, so a bad body's errors name its own fields ("title"), not "tasks.0.title".
  const { tasks: [task] } = await addTasks(userId, [parseWith(createTaskSchema, input, "task")], source);
  return task!;
}

export async function getTask(userId: string, id: unknown): Promise<Task> {
  const taskId = parseWith(taskIdSchema, id, "task id", "id");
  const [row] = await db.select().from(tasks).where(owned(userId, taskId));
  if (!row) throw notFound(taskId);
  return toTask(row);
}

/** The titles of the user's tasks among `ids` (missing and foreign ids are simply absent). */
export async function taskTitles(userId: string, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: tasks.id, title: tasks.title }).from(tasks).where(and(eq(tasks.userId, userId), inArray(tasks.id, [...new Set(ids)])));
  return new Map(rows.map((r) => [r.id, r.title]));
}

export async function updateTask(userId: string, id: unknown, patch: unknown, source: ChangeSource = "ui"): Promise<Task> {
  const taskId = parseWith(taskIdSchema, id, "task id", "id");
  return (await changeTask(userId, taskId, patch, source)).task;
}

export async function setTaskCompleted(userId: string, id: unknown, completed = true, source: ChangeSource = "ui"): Promise<Task> {
  return updateTask(userId, id, { completed }, source);
}

export async function deleteTask(userId: string, id: unknown, source: ChangeSource = "ui"): Promise<Task> {
  const taskId = parseWith(taskIdSchema, id, "task id", "id");
  return (await removeTask(userId, taskId, source)).task;
}

const changedTasks = (results: ItemResult[]) => results.flatMap((r) => (r.ok ? [r.task] : []));

/** All or nothing: if any id is not the user's, nothing changes. */
export async function completeTasks(userId: string, input: unknown, completed = true, source: ChangeSource = "ui"): Promise<Task[]> {
  return changedTasks((await changeTasks(userId, input, { completed }, source, { atomic: true })).results);
}

/** All or nothing: if any id is not the user's, nothing changes. */
export async function deleteTasks(userId: string, input: unknown, source: ChangeSource = "ui"): Promise<Task[]> {
  return changedTasks((await removeTasks(userId, input, source, { atomic: true })).results);
}

// ---- listing ----------------------------------------------------------------------------


/** The sort key of each sort: the SQL expression, its text form for the cursor, and how to read a cursor back. */
const SORT_KEYS: Record<TaskSort, { expr: SQL; text: SQL<string | null>; fromCursor: (v: string) => SQL; nullable: boolean }> = {
  created: {
    expr: sql`${tasks.createdAt}`,
    text: sql<string>`${tasks.createdAt}::text`,
    fromCursor: (v) => sql`${v}::timestamptz`,
    nullable: false,
  },
  due: { expr: sql`${tasks.dueDate}`, text: sql<string | null>`${tasks.dueDate}::text`, fromCursor: (v) => sql`${v}::date`, nullable: true },
  priority: {
    expr: sql`${tasks.priority}`,
    text: sql<string>`${tasks.priority}::text`,
    fromCursor: (v) => sql`${v}::task_priority`,
    nullable: false,
  },
  title: { expr: sql`lower(${tasks.title})`, text: sql<string>`lower(${tasks.title})`, fromCursor: (v) => sql`${v}`, nullable: false },
};

type Cursor = { s: TaskSort; o: "asc" | "desc"; v: string | null; id: number };

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

/** `created_at::text` as PostgreSQL writes it (e.g. "2026-11-25 19:32:26.724+00"), with ranges it accepts. */
const CURSOR_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?(Z|[+-](0\d|1[0-5])(:?[0-5]\d)?)?$/;

function decodeCursor(raw: string, sort: TaskSort, order: "asc" | "desc"): Cursor {
  const invalid = new ValidationError("The cursor is not valid for this list. Start again without it.", { cursor: "Invalid cursor." });
  let c: Cursor;
  try {
    c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    throw invalid;
  }
  const ok =
    c && c.s === sort && c.o === order && taskIdSchema.safeParse(c.id).success && (c.v === null || (typeof c.v === "string" && c.v.length <= 400 && !c.v.includes("\u0000")));
  if (!ok) throw invalid;
  // Values are bound as parameters, but a malformed date, time or enum (or an id beyond int4) would still be a database error.
  if (c.v !== null && sort === "created" && !(CURSOR_TIMESTAMP.test(c.v) && isoDateSchema.safeParse(c.v.slice(0, 10)).success)) throw invalid;
  if (c.v !== null && sort === "due" && !isoDateSchema.safeParse(c.v).success) throw invalid;
  if (c.v !== null && sort === "priority" && !["low", "medium", "high"].includes(c.v)) throw invalid;
  return c;
}

/** Rows strictly after the cursor in (key, id) order; NULL keys always sort last. */
function afterCursor(sort: TaskSort, order: "asc" | "desc", cursor: Cursor): SQL {
  const key = SORT_KEYS[sort];
  const cmp = order === "asc" ? sql.raw(">") : sql.raw("<");
  if (cursor.v === null) return sql`(${key.expr} is null and ${tasks.id} ${cmp} ${cursor.id})`;
  const rowCmp = sql`(${key.expr}, ${tasks.id}) ${cmp} (${key.fromCursor(cursor.v)}, ${cursor.id})`;
  return key.nullable ? sql`(${rowCmp} or ${key.expr} is null)` : rowCmp;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function statusFilter(status: ListTasksOptions["status"], today: string): SQL | undefined {
  switch (status) {
    case "active":
      return eq(tasks.completed, false);
    case "completed":
      return eq(tasks.completed, true);
    case "overdue":
      return and(eq(tasks.completed, false), lt(tasks.dueDate, today));
    case "all":
      return undefined;
  }
}

/** Tasks in one list and/or with one label (no condition for neither). */
function placementFilter(scope: TaskScope) {
  return and(
    scope.list !== undefined ? eq(tasks.listId, scope.list) : undefined,
    // `@>` on the array, so the GIN index on label_ids serves it.
    scope.label !== undefined ? sql`${tasks.labelIds} @> array[${scope.label}]::int[]` : undefined,
  );
}

/** The list query for one page (plus one row, to know if there is more). Exported so tests can EXPLAIN it. */
export function listTasksQuery(userId: string, opts: ListTasksOptions) {
  const order = opts.order ?? DEFAULT_ORDER[opts.sort];
  const key = SORT_KEYS[opts.sort];
  const search = opts.q ? `%${escapeLike(opts.q)}%` : undefined;
  const where = and(
    eq(tasks.userId, userId),
    statusFilter(opts.status, opts.today ?? todayUtc()),
    search ? or(ilike(tasks.title, search), ilike(tasks.description, search)) : undefined,
    placementFilter(opts),
    opts.cursor ? afterCursor(opts.sort, order, decodeCursor(opts.cursor, opts.sort, order)) : undefined,
  );
  const direction = order === "asc" ? asc : desc;
  return db
    .select({ task: tasks, sortKey: key.text })
    .from(tasks)
    .where(where)
    .orderBy(key.nullable ? sql`${key.expr} ${sql.raw(order)} nulls last` : direction(key.expr), direction(tasks.id))
    .limit(opts.limit + 1);
}

export async function listTasks(userId: string, input: unknown = {}): Promise<TaskPage> {
  const opts = parseWith(listTasksSchema, input, "list options");
  const order = opts.order ?? DEFAULT_ORDER[opts.sort];
  const rows = await listTasksQuery(userId, opts);
  const page = rows.slice(0, opts.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > opts.limit && last ? encodeCursor({ s: opts.sort, o: order, v: last.sortKey, id: last.task.id }) : null;
  return { tasks: page.map((r) => toTask(r.task)), nextCursor };
}

/** Which tasks a count covers: all the user's, or those of one list and/or label (the ids come from a parsed filter). */
export type TaskScope = { list?: number; label?: number };

export async function taskStats(userId: string, today: string = todayUtc(), scope: TaskScope = {}): Promise<TaskStats> {
  const [row] = await db
    .select({
      total: sql<number>`count(*)::int`,
      active: sql<number>`count(*) filter (where not ${tasks.completed})::int`,
      completed: sql<number>`count(*) filter (where ${tasks.completed})::int`,
      overdue: sql<number>`count(*) filter (where not ${tasks.completed} and ${tasks.dueDate} < ${today})::int`,
      dueToday: sql<number>`count(*) filter (where not ${tasks.completed} and ${tasks.dueDate} = ${today})::int`,
    })
    .from(tasks)
    .where(and(eq(tasks.userId, userId), placementFilter(scope)));
  return row!;
}

/** Open tasks with a due date, soonest (including overdue) first. */
export async function upcomingTasks(userId: string, limit = 5): Promise<Task[]> {
  const rows = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.userId, userId), eq(tasks.completed, false), sql`${tasks.dueDate} is not null`))
    .orderBy(asc(tasks.dueDate), asc(tasks.id))
    .limit(limit);
  return rows.map(toTask);
}

