import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { userSettings } from "@/db/schema";
import { parseWith } from "@/lib/http";
import { isTimeZone } from "@/lib/timezone";

/**
 * The time zone the server uses for a user when no browser says it: MCP clients, whose "today"
 * would otherwise be UTC's. The app shell reports the browser's zone (components/layout/time-zone-cookie.tsx).
 */

export const timeZoneInputSchema = z.strictObject({
  timeZone: z.string({ error: "timeZone is an IANA time zone name, e.g. “Europe/Paris”." }).refine(isTimeZone, "Not a time zone this server knows, e.g. “Europe/Paris”."),
});

/** Stores the user's zone; a write only when it changed. Answers the zone as stored. */
export async function rememberTimeZone(userId: string, input: unknown): Promise<{ timeZone: string }> {
  const { timeZone } = parseWith(timeZoneInputSchema, input, "time zone");
  await db
    .insert(userSettings)
    .values({ userId, timeZone })
    .onConflictDoUpdate({ target: userSettings.userId, set: { timeZone, updatedAt: sql`now()` }, setWhere: sql`${userSettings.timeZone} is distinct from ${timeZone}` });
  return { timeZone };
}
