import { feedForToken, touchCalendarFeed } from "@/lib/calendar/feeds";
import { buildIcs, icsEtag } from "@/lib/calendar/ics";
import { publicOrigin } from "@/lib/calendar/origin";
import { feedEvents } from "@/lib/calendar/tasks";
import { NotFoundError } from "@/lib/errors";
import { handler } from "@/lib/http";
import { consumeRateLimit, limitFromEnv } from "@/lib/rate-limit";

type Context = { params: Promise<{ token: string }> };

const notFound = () => new NotFoundError("Calendar feed not found.");

/** Whether an If-None-Match header names `etag` (a list, weak forms, or `*`). */
function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t === etag || t === `W/${etag}`;
  });
}

/**
 * GET /api/calendar/<token>.ics: the user's open tasks with a due date as an ICS calendar. No
 * session: the token is the credential, so an unknown, malformed or revoked one is a 404.
 * Rate limited per feed (CALENDAR_FEED_RATE_LIMIT per CALENDAR_FEED_RATE_WINDOW_SECONDS).
 */
export const GET = handler(async (req: Request, ctx: Context) => {
  const { token: file } = await ctx.params;
  if (!file.endsWith(".ics")) throw notFound();
  const feed = await feedForToken(file.slice(0, -".ics".length));
  if (!feed) throw notFound();

  const { limit, windowSeconds } = limitFromEnv("CALENDAR_FEED", { limit: 60, windowSeconds: 3600 });
  await consumeRateLimit(`calendar:${feed.id}`, limit, windowSeconds, "This calendar feed was fetched too often. Try again in {seconds} seconds.");
  await touchCalendarFeed(feed.id);

  const ics = buildIcs(await feedEvents(feed.userId), new URL(publicOrigin(req)).hostname);
  const etag = icsEtag(ics);
  const headers = { ETag: etag, "Cache-Control": "private, max-age=300", "X-Robots-Tag": "noindex" };
  if (matches(req.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  return new Response(ics, {
    headers: { ...headers, "Content-Type": "text/calendar; charset=utf-8", "Content-Disposition": 'inline; filename="tasktalk.ics"' },
  });
});
