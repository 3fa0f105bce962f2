import { sql } from "drizzle-orm";
import { db } from "@/db";
import { intArray } from "@/db/int-array";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { parseWith } from "@/lib/http";
import { isUniqueViolation } from "@/lib/lists/names";
import { createLabelSchema, labelIdSchema, labelNamesSchema, LABELS_MAX, renameLabelSchema, type Label } from "./schemas";

/**
 * A user's labels. Tasks carry label ids in tasks.label_ids; deleting a label takes it off them.
 * Every query is scoped to the user; another user's label is a missing one (404).
 */

type LabelRecord = { id: number; name: string; open_count: number };

const toLabel = (r: LabelRecord): Label => ({ id: r.id, name: r.name, openCount: Number(r.open_count) });

/** `@>` on the array, so the GIN index on tasks.label_ids serves the count. */
const LABEL_COLUMNS = (userId: string) =>
  sql`l.id, l.name, (select count(*)::int from tasks t where t.user_id = ${userId} and not t.completed and t.label_ids @> array[l.id]) as open_count`;

const notFound = (id: number) => new NotFoundError(`Label ${id} not found.`);
const duplicate = (name: string) => new ConflictError(`You already have a label named “${name}”.`);
const tooMany = () => new ConflictError(`You have ${LABELS_MAX} labels, the most there can be. Delete one first.`);

export async function listLabels(userId: string): Promise<Label[]> {
  const { rows } = await db.execute<LabelRecord>(sql`select ${LABEL_COLUMNS(userId)} from labels l where l.user_id = ${userId} order by lower(l.name), l.id`);
  return (rows as LabelRecord[]).map(toLabel);
}

export async function createLabel(userId: string, input: unknown): Promise<Label> {
  const { name } = parseWith(createLabelSchema, input, "label");
  let rows: LabelRecord[];
  try {
    ({ rows } = (await db.execute<LabelRecord>(sql`
      insert into labels (user_id, name) select ${userId}, ${name}
      where (select count(*) from labels where user_id = ${userId}) < ${LABELS_MAX}
      on conflict do nothing
      returning id, name, 0 as open_count`)) as { rows: LabelRecord[] });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(name);
    throw error;
  }
  if (rows[0]) return toLabel(rows[0]);
  const { rows: taken } = await db.execute<{ taken: boolean }>(sql`select exists (select 1 from labels where user_id = ${userId} and lower(name) = lower(${name})) as taken`);
  if ((taken as Array<{ taken: boolean }>)[0]?.taken) throw duplicate(name);
  throw tooMany();
}

export async function renameLabel(userId: string, id: unknown, input: unknown): Promise<Label> {
  const labelId = parseWith(labelIdSchema, id, "label id", "id");
  const { name } = parseWith(renameLabelSchema, input, "label");
  try {
    const { rows } = await db.execute<LabelRecord>(sql`
      update labels l set name = ${name}, updated_at = now() where l.user_id = ${userId} and l.id = ${labelId}
      returning ${LABEL_COLUMNS(userId)}`);
    const label = (rows as LabelRecord[])[0];
    if (!label) throw notFound(labelId);
    return toLabel(label);
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(name);
    throw error;
  }
}

/**
 * Deletes a label and takes it off the user's tasks, in one statement. The tasks keep their
 * updated_at: they were not edited, so earlier changes to them stay undoable (an undo does not
 * put a deleted label back, lib/tasks/undo.ts).
 */
export async function deleteLabel(userId: string, id: unknown): Promise<{ label: Label; removedFrom: number }> {
  const labelId = parseWith(labelIdSchema, id, "label id", "id");
  const { rows } = await db.execute<LabelRecord & { removed_from: number }>(sql`
    with gone as (delete from labels where user_id = ${userId} and id = ${labelId} returning id, name),
    stripped as (
      update tasks t set label_ids = array_remove(t.label_ids, ${labelId}::int)
      where t.user_id = ${userId} and t.label_ids @> array[${labelId}::int] and exists (select 1 from gone)
      returning t.completed
    )
    select g.id, g.name, (select count(*)::int from stripped where not completed) as open_count, (select count(*)::int from stripped) as removed_from from gone g`);
  const row = (rows as Array<LabelRecord & { removed_from: number }>)[0];
  if (!row) throw notFound(labelId);
  return { label: toLabel(row), removedFrom: Number(row.removed_from) };
}

/**
 * The ids of the user's labels with these names (case-insensitive), in the order given; names
 * without a label are created (the MCP tools name labels in words), and say so in `created`.
 */
export async function labelIdsNamed(userId: string, input: unknown): Promise<Array<{ id: number; name: string; created: boolean }>> {
  const names = parseWith(labelNamesSchema, input, "labels", "labels");
  if (!names.length) return [];
  const lower = names.map((n) => n.toLowerCase());
  type Row = { id: number; name: string; key: string; created: boolean };
  const { rows } = await db.execute<Row>(sql`
    with wanted as (select x.name, x.n from jsonb_array_elements_text(${JSON.stringify(names)}::jsonb) with ordinality x(name, n)),
    made as (
      insert into labels (user_id, name)
      select ${userId}, w.name from wanted w
      where not exists (select 1 from labels l where l.user_id = ${userId} and lower(l.name) = lower(w.name))
        and (select count(*) from labels where user_id = ${userId}) + (select count(*) from wanted) <= ${LABELS_MAX}
      order by w.n
      on conflict do nothing
      returning id, name
    )
    select id, name, lower(name) as key, true as created from made
    union all select id, name, lower(name), false from labels where user_id = ${userId} and lower(name) in (select lower(name) from wanted)`);
  const byKey = new Map((rows as Row[]).map((r) => [r.key, { id: r.id, name: r.name, created: r.created }]));
  const missing = lower.filter((k) => !byKey.has(k));
  if (missing.length) throw tooMany();
  return lower.map((k) => byKey.get(k)!);
}

/**
 * Deletes those of these labels that no task of the user carries: the labels a tool call
 * created by name, when the change they were made for did not happen (a missing task, a
 * refused batch). One statement, and only on that failure path.
 */
export async function dropUnusedLabels(userId: string, labelIds: readonly number[]): Promise<void> {
  if (!labelIds.length) return;
  await db.execute(sql`
    delete from labels l where l.user_id = ${userId} and l.id = any(${intArray(labelIds)}::int[])
      and not exists (select 1 from tasks t where t.user_id = ${userId} and t.label_ids @> array[l.id])`);
}

/** The user's label with this name (case-insensitive), for filters by name; an unknown name is an error listing the labels. */
export async function labelNamed(userId: string, name: string): Promise<Label> {
  const labels = await listLabels(userId);
  const wanted = name.trim().toLowerCase();
  const label = labels.find((l) => l.name.toLowerCase() === wanted);
  if (label) return label;
  const names = labels.map((l) => `“${l.name}”`);
  throw new ValidationError(`There is no label named “${name.trim()}”. ${names.length ? `Your labels: ${names.join(", ")}.` : "You have no labels yet."}`, { label: "Unknown label." });
}
