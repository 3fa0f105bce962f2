import "server-only";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { db } from "@/db";
import { calendarFeeds, type CalendarFeedRow } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { FEED_PREFIX_LENGTH, hashFeedToken, isFeedTokenShaped, newFeedToken } from "./token";
import type { CalendarFeedCreated, CalendarFeedStatus } from "./types";

/**
 * A user's private calendar feed (ICS): at most one live feed per user (a partial unique
 * index), made with a fresh random token whose URL is answered once, revocable.
 */

/** How often a feed's last_used_at is written at most: calendar apps poll, a write per poll is waste. */
export const LAST_USED_RESOLUTION_SECONDS = 60;

function toStatus(row: CalendarFeedRow): CalendarFeedStatus {
  return { prefix: row.prefix, createdAt: row.createdAt.toISOString(), lastUsedAt: row.lastUsedAt?.toISOString() ?? null };
}

/** The path of a token's feed, e.g. /api/calendar/<token>.ics. */
export function feedPath(token: string): string {
  return `/api/calendar/${token}.ics`;
}

export async function calendarFeedStatus(userId: string): Promise<CalendarFeedStatus | null> {
  const [row] = await db.select().from(calendarFeeds).where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)));
  return row ? toStatus(row) : null;
}

/** Revokes any live feed and makes a new one, in one transaction; `origin` builds the URL. */
export async function createCalendarFeed(userId: string, origin: string): Promise<CalendarFeedCreated> {
  const token = newFeedToken();
  const row = await db.transaction(async (tx) => {
    await tx.update(calendarFeeds).set({ revokedAt: new Date() }).where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)));
    const [inserted] = await tx
      .insert(calendarFeeds)
      .values({ userId, tokenHash: hashFeedToken(token), prefix: token.slice(0, FEED_PREFIX_LENGTH) })
      .returning();
    return inserted!;
  });
  return { url: `${origin}${feedPath(token)}`, feed: toStatus(row) };
}

/** Revokes the user's live feed; NotFoundError when there is none. */
export async function revokeCalendarFeed(userId: string): Promise<CalendarFeedStatus> {
  const [row] = await db
    .update(calendarFeeds)
    .set({ revokedAt: new Date() })
    .where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)))
    .returning();
  if (!row) throw new NotFoundError("There is no live calendar feed.");
  return toStatus(row);
}

/** The live feed a token opens, or null (malformed, unknown or revoked). */
export async function feedForToken(token: string): Promise<{ id: string; userId: string } | null> {
  if (!isFeedTokenShaped(token)) return null;
  const [row] = await db
    .select({ id: calendarFeeds.id, userId: calendarFeeds.userId })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.tokenHash, hashFeedToken(token)), isNull(calendarFeeds.revokedAt)));
  return row ?? null;
}

/** Marks a feed used, writing only when the last mark is older than a minute. */
export async function touchCalendarFeed(feedId: string): Promise<void> {
  await db
    .update(calendarFeeds)
    .set({ lastUsedAt: new Date() })
    .where(
      and(
        eq(calendarFeeds.id, feedId),
        or(isNull(calendarFeeds.lastUsedAt), lt(calendarFeeds.lastUsedAt, sql`now() - make_interval(secs => ${LAST_USED_RESOLUTION_SECONDS})`)),
      ),
    );
}
