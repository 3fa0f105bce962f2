import { sql } from "drizzle-orm";
import { db } from "@/db";
import { intArray } from "@/db/int-array";
import { NotFoundError, ValidationError } from "@/lib/errors";

/** The list and labels a change puts tasks in: each must be the user's, and a list must not be archived. */
export type TaskRefs = { listIds: number[]; labelIds: number[] };

type RefRow = { lists: Array<{ id: number; name: string; archived: boolean }> | null; labels: number[] | null };

/**
 * Checks the lists and labels named by a change, in one query, before the change is made: an
 * id that is not the user's is a 404 (as a missing one, so another user's ids stay unknown),
 * an archived list a 400. Nothing is written either way.
 */
export async function assertRefs(userId: string, refs: TaskRefs): Promise<void> {
  const listIds = [...new Set(refs.listIds)];
  const labelIds = [...new Set(refs.labelIds)];
  if (!listIds.length && !labelIds.length) return;
  const { rows } = await db.execute<RefRow>(sql`
    select
      (select jsonb_agg(jsonb_build_object('id', id, 'name', name, 'archived', archived_at is not null)) from lists
        where user_id = ${userId} and id = any(${intArray(listIds)}::int[])) as lists,
      (select array_agg(id) from labels where user_id = ${userId} and id = any(${intArray(labelIds)}::int[])) as labels`);
  const row = (rows as RefRow[])[0]!;
  const lists = new Map((row.lists ?? []).map((l) => [l.id, l]));
  const missingLists = listIds.filter((id) => !lists.has(id));
  if (missingLists.length) throw new NotFoundError(`List ${missingLists.join(", ")} not found.`);
  const archived = listIds.map((id) => lists.get(id)!).find((l) => l.archived);
  if (archived) throw new ValidationError(`The list “${archived.name}” is archived: unarchive it before adding tasks to it.`, { listId: "That list is archived." });
  const known = new Set(row.labels ?? []);
  const missingLabels = labelIds.filter((id) => !known.has(id));
  if (missingLabels.length) throw new NotFoundError(`Label${missingLabels.length > 1 ? "s" : ""} ${missingLabels.join(", ")} not found.`);
}
