import { calendarFeedStatus, createCalendarFeed, revokeCalendarFeed } from "@/lib/calendar/feeds";
import { publicOrigin } from "@/lib/calendar/origin";
import { handler } from "@/lib/http";
import { requireApiUser } from "@/lib/session";

const noStore = { "Cache-Control": "no-store" };

/** Whether the user has a live feed: `{ feed: { prefix, createdAt, lastUsedAt } | null }`. */
export const GET = handler(async (req: Request) => {
  const user = await requireApiUser(req, { fresh: true });
  return Response.json({ feed: await calendarFeedStatus(user.id) }, { headers: noStore });
});

/** Makes a feed (revoking any live one first). The response is the only time its URL is shown. */
export const POST = handler(async (req: Request) => {
  const user = await requireApiUser(req, { fresh: true });
  return Response.json(await createCalendarFeed(user.id, publicOrigin(req)), { status: 201, headers: noStore });
});

/** Revokes the live feed: its URL answers 404 from now on. 404 when there is none. */
export const DELETE = handler(async (req: Request) => {
  const user = await requireApiUser(req, { fresh: true });
  return Response.json({ feed: await revokeCalendarFeed(user.id) }, { headers: noStore });
});
