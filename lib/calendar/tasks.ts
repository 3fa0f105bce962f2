import "server-only";
import { and, asc, eq, isNotNull } from "drizzle-orm";
import { db } from "@/db";
import { lists, tasks } from "@/db/schema";
import { recurrenceSchema, recurrenceInWords } from "@/lib/recurrence";
import type { FeedEvent } from "./ics";

/** A feed shows at most this many tasks (the soonest due first), so one feed stays a bounded response. */
export const FEED_MAX_EVENTS = 2000;

function ruleInWords(raw: unknown): string | null {
  if (!raw) return null;
  const parsed = recurrenceSchema.safeParse(raw);
  return parsed.success ? recurrenceInWords(parsed.data) : null;
}

/** The user's open tasks with a due date, with their list's name; only this user's rows. */
export async function feedEvents(userId: string): Promise<FeedEvent[]> {
  const rows = await db
    .select({
      id: tasks.id,
      title: tasks.title,
      description: tasks.description,
      dueDate: tasks.dueDate,
      listName: lists.name,
      recurrence: tasks.recurrence,
      updatedAt: tasks.updatedAt,
    })
    .from(tasks)
    .innerJoin(lists, and(eq(lists.id, tasks.listId), eq(lists.userId, userId)))
    .where(and(eq(tasks.userId, userId), eq(tasks.completed, false), isNotNull(tasks.dueDate)))
    .orderBy(asc(tasks.dueDate), asc(tasks.id))
    .limit(FEED_MAX_EVENTS);
  return rows.map((r) => ({ ...r, dueDate: r.dueDate!, repeatsInWords: ruleInWords(r.recurrence) }));
}
