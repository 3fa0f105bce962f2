import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { ValidationError } from "@/lib/errors";
import { dropUnusedLabels, labelIdsNamed } from "@/lib/labels";
import { LABEL_NAME_MAX } from "@/lib/labels/schemas";
import { listNamed } from "@/lib/lists";
import { LIST_NAME_MAX } from "@/lib/lists/schemas";
import { parseRecurrence, type RecurrenceInput } from "@/lib/recurrence";
import { LABELS_PER_TASK_MAX, type Task } from "@/lib/tasks/schemas";

/**
 * Lists, labels and repeats as a model says them: by name and in words. The tools resolve
 * them to the ids and rules the task service takes (lib/tasks), and name them again in results.
 */

export const placementFields = {
  list: z.string().trim().min(1).max(LIST_NAME_MAX).describe("The list to put it in, by name (case-insensitive), e.g. “Groceries”. Omit for no change (new tasks go to the Inbox)."),
  labels: z
    .array(z.string().trim().min(1).max(LABEL_NAME_MAX))
    .max(LABELS_PER_TASK_MAX)
    .describe("Label names, e.g. [“urgent”, “errands”]. A label the user does not have yet is created. Replaces the task's labels; [] removes them all."),
  repeat: z
    .string()
    .trim()
    .max(100)
    .nullable()
    .describe("How it repeats, in words: “every day”, “every weekday”, “every monday and thursday”, “every 2 weeks”, “monthly on the 1st”, “every year”. “never” or null stops it repeating."),
};

export type PlacementArgs = { list?: string; labels?: string[]; repeat?: string | null };
export type Placement = { listId?: number; labelIds?: number[]; recurrence?: RecurrenceInput | null };

const NEVER = /^(never|none|no|off|does not repeat|doesn't repeat|stop|stop repeating|)$/i;

/** A repeat phrase as a rule, null for "never", or a clear error naming phrases that work. */
export function ruleFromWords(text: string | null): RecurrenceInput | null {
  if (text === null || NEVER.test(text.trim())) return null;
  const match = parseRecurrence(text);
  if (!match || match.rest.trim()) {
    throw new ValidationError(`“${text}” is not a repeat I understand. Say it like “every day”, “every weekday”, “every monday”, “every 2 weeks”, “monthly on the 1st” or “every year”, or “never” to stop.`, {
      repeat: "Unknown repeat phrase.",
    });
  }
  return match.rule;
}

/** List and label names a call has already read while resolving its arguments, and the labels it created. */
export type KnownNames = { lists: Map<number, string>; labels: Map<number, string>; createdLabelIds: number[] };
export const knownNames = (): KnownNames => ({ lists: new Map(), labels: new Map(), createdLabelIds: [] });

/** The service fields for a call's list, labels and repeat (only those it gave); the names it read go into `known`. */
export async function resolvePlacement(userId: string, args: PlacementArgs, known: KnownNames = knownNames()): Promise<Placement> {
  const placement: Placement = {};
  if (args.repeat !== undefined) placement.recurrence = ruleFromWords(args.repeat);
  if (args.list !== undefined) {
    const list = await listNamed(userId, args.list);
    placement.listId = list.id;
    known.lists.set(list.id, list.name);
  }
  if (args.labels !== undefined) {
    const labels = await labelIdsNamed(userId, args.labels);
    placement.labelIds = labels.map((l) => l.id);
    for (const l of labels) {
      known.labels.set(l.id, l.name);
      if (l.created) known.createdLabelIds.push(l.id);
    }
  }
  return placement;
}

/**
 * Runs the change a call resolved its placement for. When it throws, or `failed` says part of it
 * did not happen, the labels the call created and no task carries are deleted again, so a
 * missing task or a refused add does not leave new, empty labels behind.
 */
export async function keepingOnlyUsedLabels<T>(userId: string, known: KnownNames, change: () => Promise<T>, failed: (result: T) => boolean = () => false): Promise<T> {
  let result: T;
  try {
    result = await change();
  } catch (error) {
    await dropUnusedLabels(userId, known.createdLabelIds);
    throw error;
  }
  if (failed(result)) await dropUnusedLabels(userId, known.createdLabelIds);
  return result;
}

/**
 * New tasks named without another query: a task added without a list is in the Inbox, and its
 * labels are the ones the call named (resolved above). Keeps an add one statement, as before lists.
 */
export function addedWithNames<T extends Task>(tasks: T[], known: KnownNames): Array<T & { list: string; labels: string[] }> {
  return tasks.map((t) => ({ ...t, list: known.lists.get(t.listId) ?? "Inbox", labels: t.labelIds.flatMap((id) => known.labels.get(id) ?? []) }));
}

/** A task as the tools return it: with its list's name and its labels' names. */
export type NamedTask = Task & { list: string; labels: string[] };

/** The names of the user's lists and labels, in one query, to name tasks in results. */
export async function namesOf(userId: string): Promise<{ lists: Map<number, string>; labels: Map<number, string> }> {
  const { rows } = await db.execute<{ lists: Record<string, string> | null; labels: Record<string, string> | null }>(sql`
    select (select jsonb_object_agg(id, name) from lists where user_id = ${userId}) as lists,
      (select jsonb_object_agg(id, name) from labels where user_id = ${userId}) as labels`);
  const row = (rows as Array<{ lists: Record<string, string> | null; labels: Record<string, string> | null }>)[0];
  const toMap = (o: Record<string, string> | null | undefined) => new Map(Object.entries(o ?? {}).map(([k, v]) => [Number(k), v]));
  return { lists: toMap(row?.lists), labels: toMap(row?.labels) };
}

export async function withNames<T extends Task>(userId: string, tasks: T[]): Promise<Array<T & { list: string; labels: string[] }>> {
  if (!tasks.length) return [];
  const names = await namesOf(userId);
  return tasks.map((t) => ({ ...t, list: names.lists.get(t.listId) ?? "Inbox", labels: t.labelIds.flatMap((id) => names.labels.get(id) ?? []) }));
}
