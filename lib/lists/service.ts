import { sql } from "drizzle-orm";
import { db } from "@/db";
import { intArray } from "@/db/int-array";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { parseWith } from "@/lib/http";
import { pruneOldChangeSets, recordChangeSet, type ChangeSource } from "@/lib/tasks/changes";
import { isUniqueViolation } from "./names";
import {
  createListSchema,
  deleteListSchema,
  INBOX_NAME,
  listIdSchema,
  listListsSchema,
  LISTS_MAX,
  reorderListsSchema,
  updateListSchema,
  type List,
} from "./schemas";

/**
 * A user's lists. Every query is scoped to the user; another user's list is a missing one (404).
 * The Inbox is made on first need (here, or by the tasks_default_list trigger) and cannot be
 * renamed, archived or deleted.
 */

type ListRecord = { id: number; name: string; position: number; is_inbox: boolean; archived: boolean; open_count: number };

const toList = (r: ListRecord): List => ({ id: r.id, name: r.name, position: r.position, isInbox: r.is_inbox, archived: r.archived, openCount: Number(r.open_count) });

/** A list's columns as the API shows them; `l` is the lists row. */
const LIST_COLUMNS = (userId: string) =>
  sql`l.id, l.name, l.position, l.is_inbox, l.archived_at is not null as archived,
    (select count(*)::int from tasks t where t.user_id = ${userId} and t.list_id = l.id and not t.completed) as open_count`;

const inboxRefusal = (what: string) => new ConflictError(`The ${INBOX_NAME} is built in: it cannot be ${what}.`);
const notFound = (id: number) => new NotFoundError(`List ${id} not found.`);
const duplicate = (name: string) => new ConflictError(`You already have a list named “${name}”.`);

/** The user's lists: the Inbox first (made now if the user has none yet), then by position. */
export async function listLists(userId: string, input: unknown = {}): Promise<List[]> {
  const { archived } = parseWith(listListsSchema, input, "list options");
  const { rows } = await db.execute<ListRecord>(sql`
    with made as (
      insert into lists (user_id, name, is_inbox) values (${userId}, ${INBOX_NAME}, true) on conflict do nothing
      returning id, name, position, is_inbox, archived_at
    ), l as (
      select id, name, position, is_inbox, archived_at from lists where user_id = ${userId}
      union all select * from made
    )
    select ${LIST_COLUMNS(userId)} from l
    ${archived === "include" ? sql`` : sql`where l.archived_at is null`}
    order by l.is_inbox desc, l.position, l.id`);
  return (rows as ListRecord[]).map(toList);
}

async function findList(userId: string, id: number): Promise<ListRecord> {
  const { rows } = await db.execute<ListRecord>(sql`select ${LIST_COLUMNS(userId)} from lists l where l.user_id = ${userId} and l.id = ${id}`);
  const list = (rows as ListRecord[])[0];
  if (!list) throw notFound(id);
  return list;
}

export async function getList(userId: string, id: unknown): Promise<List> {
  return toList(await findList(userId, parseWith(listIdSchema, id, "list id", "id")));
}

export async function createList(userId: string, input: unknown): Promise<List> {
  const { name } = parseWith(createListSchema, input, "list");
  let rows: ListRecord[];
  try {
    // Last in order; refused in the statement itself once the user has LISTS_MAX lists.
    ({ rows } = (await db.execute<ListRecord>(sql`
      with l as (
        insert into lists (user_id, name, position)
        select ${userId}, ${name}, coalesce((select max(position) from lists where user_id = ${userId}), 0) + 1
        where (select count(*) from lists where user_id = ${userId}) < ${LISTS_MAX}
        on conflict do nothing
        returning *
      )
      select l.id, l.name, l.position, l.is_inbox, l.archived_at is not null as archived, 0 as open_count from l`)) as { rows: ListRecord[] });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(name);
    throw error;
  }
  if (rows[0]) return toList(rows[0]);
  const { rows: taken } = await db.execute<{ taken: boolean }>(sql`select exists (select 1 from lists where user_id = ${userId} and lower(name) = lower(${name})) as taken`);
  if ((taken as Array<{ taken: boolean }>)[0]?.taken) throw duplicate(name);
  throw new ConflictError(`You have ${LISTS_MAX} lists, the most there can be. Delete one first.`);
}

/** Renames and/or archives (archived: true) or unarchives a list. An archived list keeps its tasks. */
export async function updateList(userId: string, id: unknown, input: unknown): Promise<List> {
  const listId = parseWith(listIdSchema, id, "list id", "id");
  const patch = parseWith(updateListSchema, input, "list");
  const current = await findList(userId, listId);
  if (current.is_inbox) throw inboxRefusal(patch.name !== undefined ? "renamed" : "archived");
  const archivedAt = patch.archived === undefined ? sql`archived_at` : patch.archived ? sql`coalesce(archived_at, now())` : sql`null`;
  try {
    const { rows } = await db.execute<ListRecord>(sql`
      update lists l set name = coalesce(${patch.name ?? null}::text, l.name), archived_at = ${archivedAt}, updated_at = now()
      where l.user_id = ${userId} and l.id = ${listId} and not l.is_inbox
      returning ${LIST_COLUMNS(userId)}`);
    const list = (rows as ListRecord[])[0];
    if (!list) throw notFound(listId);
    return toList(list);
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(patch.name!);
    throw error;
  }
}

/** Puts the given lists in that order (positions 1…n); lists not named keep their order after them. Answers with the lists. */
export async function reorderLists(userId: string, input: unknown): Promise<List[]> {
  const { ids } = parseWith(reorderListsSchema, input, "list order");
  const idList = intArray(ids);
  const { rows } = await db.execute<{ found: number[] | null }>(sql`
    with found as (select coalesce(array_agg(id), '{}') as ids from lists where user_id = ${userId} and id = any(${idList}::int[])),
    wanted as (select x.id, x.n from unnest(${idList}::int[]) with ordinality x(id, n)),
    ranked as (
      select l.id, coalesce(w.n, ${ids.length} + row_number() over (order by l.position, l.id)) as pos
      from lists l left join wanted w on w.id = l.id where l.user_id = ${userId}
    ), moved as (
      update lists l set position = r.pos, updated_at = now() from ranked r
      where l.id = r.id and l.user_id = ${userId} and cardinality((select ids from found)) = ${ids.length}
      returning l.id
    )
    select (select ids from found) as found`);
  const found = new Set((rows as Array<{ found: number[] | null }>)[0]?.found ?? []);
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw new NotFoundError(`List${missing.length > 1 ? "s" : ""} ${missing.join(", ")} not found. Nothing was reordered.`);
  return listLists(userId, { archived: "include" });
}

export type ListDeleted = { list: List; moved: number; deleted: number; changeSetId: string | null };

/**
 * Deletes a list in one statement, with its tasks moved to the Inbox (`tasks: "move"`, made if
 * missing) or deleted (`tasks: "delete"`). Deleted tasks are a change set, so they can be undone
 * (they come back in the Inbox, their list being gone). Moved tasks keep their updated_at: the
 * list went away, the tasks were not edited, so earlier changes to them stay undoable.
 */
export async function deleteList(userId: string, id: unknown, options: unknown, source: ChangeSource = "ui"): Promise<ListDeleted> {
  const listId = parseWith(listIdSchema, id, "list id", "id");
  const { tasks: mode } = parseWith(deleteListSchema, options ?? {}, "delete options");
  const current = await findList(userId, listId);
  if (current.is_inbox) throw inboxRefusal("deleted");
  const { rows } = await db.execute<{ dropped: boolean; moved: number; deleted: number; change_set_id: string | null }>(
    mode === "move"
      ? sql`
        with target as (select id from lists where user_id = ${userId} and id = ${listId} and not is_inbox for update),
        made as (insert into lists (user_id, name, is_inbox) values (${userId}, ${INBOX_NAME}, true) on conflict do nothing returning id),
        inbox as (select id from made union all select id from lists where user_id = ${userId} and is_inbox),
        moved as (
          update tasks t set list_id = (select id from inbox limit 1)
          where t.user_id = ${userId} and t.list_id = (select id from target) returning t.id
        ), dropped as (delete from lists l using target where l.id = target.id returning l.id)
        select exists (select 1 from dropped) as dropped, (select count(*)::int from moved) as moved, 0 as deleted, null as change_set_id`
      : sql`
        with target as (select id from lists where user_id = ${userId} and id = ${listId} and not is_inbox for update),
        removed as (delete from tasks t where t.user_id = ${userId} and t.list_id = (select id from target) returning t.*),
        ${pruneOldChangeSets(userId)}, change_set as (${recordChangeSet(userId, source, sql`removed`, sql`to_jsonb(c)`, sql`null::jsonb`)}),
        dropped as (delete from lists l using target where l.id = target.id returning l.id)
        select exists (select 1 from dropped) as dropped, 0 as moved, (select count(*)::int from removed) as deleted, (select id from change_set) as change_set_id`,
  );
  const outcome = (rows as Array<{ dropped: boolean; moved: number; deleted: number; change_set_id: string | null }>)[0]!;
  if (!outcome.dropped) throw notFound(listId);
  return { list: toList(current), moved: Number(outcome.moved), deleted: Number(outcome.deleted), changeSetId: outcome.change_set_id };
}

/**
 * The user's list with this name (case-insensitive), for the MCP tools, which name lists in
 * words. An unknown name is an error that lists the user's lists, so the model can pick one.
 */
export async function listNamed(userId: string, name: string): Promise<List> {
  const lists = await listLists(userId, { archived: "include" });
  const wanted = name.trim().toLowerCase();
  const list = lists.find((l) => l.name.toLowerCase() === wanted);
  if (list) return list;
  const names = lists.filter((l) => !l.archived).map((l) => `“${l.name}”`);
  throw new ValidationError(`There is no list named “${name.trim()}”. Your lists: ${names.join(", ")}.`, { list: "Unknown list." });
}
