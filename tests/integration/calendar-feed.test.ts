import { sql } from "drizzle-orm";
import ICAL from "ical.js";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as feedRoute from "@/app/api/calendar/[token]/route";
import * as manageRoute from "@/app/api/calendar/feed/route";
import { db } from "@/db";
import { calendarFeeds } from "@/db/schema";
import { calendarFeedStatus, createCalendarFeed, feedForToken, revokeCalendarFeed } from "@/lib/calendar/feeds";
import { hashFeedToken } from "@/lib/calendar/token";
import { createList } from "@/lib/lists";
import { changeTask, createTask } from "@/lib/tasks";
import { signUpUser } from "../helpers/auth";
import { jsonRequest, params, readJson } from "../helpers/http";

/**
 * The private calendar feed (issue 16) through its service and route handlers, on the
 * database: the ICS is parsed with a real parser (ical.js) and holds exactly the user's open
 * tasks with a due date; another user's tasks never appear; a revoked, unknown or malformed
 * token is a 404; the ETag gives a 304; the per-feed rate limit gives a 429 with Retry-After.
 */

type User = Awaited<ReturnType<typeof signUpUser>>;
let alice: User;
let bob: User;

beforeAll(async () => {
  alice = await signUpUser("cal-alice");
  bob = await signUpUser("cal-bob");
});

afterEach(() => {
  delete process.env.CALENDAR_FEED_RATE_LIMIT;
});

const manage = (method: "GET" | "POST" | "DELETE", u: User | null = alice) =>
  manageRoute[method](jsonRequest("/api/calendar/feed", { method, ...(u ? { cookie: u.cookie } : {}) }));
const fetchFeed = (file: string, headers: Record<string, string> = {}) => {
  const req = new Request(`http://localhost:3000/api/calendar/${file}`, { headers });
  return feedRoute.GET(req, params({ token: file }));
};
const tokenOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);

type ParsedEvent = { uid: string; summary: string; description: string; start: string; end: string; startIsDate: boolean };

function parseIcs(text: string): ParsedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      start: event.startDate.toString(),
      end: event.endDate.toString(),
      startIsDate: event.startDate.isDate,
    };
  });
}

describe("calendar feed", () => {
  it("serves the user's open dated tasks as all-day events, and no one else's", async () => {
    const work = await createList(alice.id, { name: "Work" });
    const report = await createTask(alice.id, { title: "Write the report", description: "Q4 numbers", dueDate: "2026-12-03", listId: work.id });
    const standup = await createTask(alice.id, { title: "Standup; notes, too", dueDate: "2026-12-02", recurrence: { every: "week", weekdays: [1, 2, 3, 4, 5] } });
    await createTask(alice.id, { title: "Someday, no date" });
    const done = await createTask(alice.id, { title: "Already done", dueDate: "2026-12-02" });
    await changeTask(alice.id, done.id, { completed: true }, "ui");
    await createTask(bob.id, { title: "Bob's secret", dueDate: "2026-12-02" });

    const created = await manage("POST");
    expect(created.status).toBe(201);
    expect(created.headers.get("cache-control")).toBe("no-store");
    const { url, feed } = await readJson(created);
    expect(url).toMatch(/^http:\/\/localhost:3000\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(url).toContain(`/${feed.prefix}`);

    const res = await fetchFeed(tokenOf(url));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("private, max-age=300");
    const text = await res.text();
    const events = parseIcs(text);
    expect(events.map((e) => e.summary)).toEqual(["Standup; notes, too", "Write the report"]);
    expect(text).not.toContain("Bob");

    const [standupEvent, reportEvent] = events as [ParsedEvent, ParsedEvent];
    expect(reportEvent).toMatchObject({ uid: `task-${report.id}@localhost`, start: "2026-12-03", end: "2026-12-04", startIsDate: true });
    expect(reportEvent.description).toBe("Q4 numbers\n\nList: Work");
    expect(standupEvent).toMatchObject({ uid: `task-${standup.id}@localhost`, start: "2026-12-02", end: "2026-12-03", startIsDate: true });
    expect(standupEvent.description).toBe("List: Inbox\nRepeats: Every weekday");

    // The same tasks give the same bytes: If-None-Match with the ETag is a 304 without a body.
    const etag = res.headers.get("etag")!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const notModified = await fetchFeed(tokenOf(url), { "if-none-match": etag });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe("");
    expect(notModified.headers.get("etag")).toBe(etag);

    // A change to a task changes the feed, so the old ETag no longer matches.
    await changeTask(alice.id, report.id, { title: "Write the final report" }, "ui");
    const changed = await fetchFeed(tokenOf(url), { "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(parseIcs(await changed.text()).map((e) => e.summary)).toContain("Write the final report");

    // Bob's own feed shows only Bob's task.
    const bobFeed = await readJson(await manage("POST", bob));
    const bobEvents = parseIcs(await (await fetchFeed(tokenOf(bobFeed.url))).text());
    expect(bobEvents.map((e) => e.summary)).toEqual(["Bob's secret"]);
  });

  it("stores only the token's hash, keeps one live feed, and 404s a revoked, unknown or malformed token", async () => {
    const u = await signUpUser("cal-revoke");
    expect(await readJson(await manage("GET", u))).toEqual({ feed: null });
    expect((await manage("DELETE", u)).status).toBe(404);

    const first = await createCalendarFeed(u.id, "https://app.example");
    const token = tokenOf(first.url).slice(0, -4);
    const rows = await db.select().from(calendarFeeds).where(sql`${calendarFeeds.userId} = ${u.id}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(hashFeedToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect((await fetchFeed(`${token}.ics`)).status).toBe(200);

    // Replacing revokes the old one first.
    const second = await readJson(await manage("POST", u));
    expect((await fetchFeed(`${token}.ics`)).status).toBe(404);
    expect((await fetchFeed(tokenOf(second.url))).status).toBe(200);
    const status = await readJson(await manage("GET", u));
    expect(status.feed).toMatchObject({ prefix: second.feed.prefix, createdAt: second.feed.createdAt });
    expect(status.feed.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(status)).not.toContain(tokenOf(second.url).slice(0, -4));

    const revoked = await manage("DELETE", u);
    expect(revoked.status).toBe(200);
    expect((await fetchFeed(tokenOf(second.url))).status).toBe(404);
    expect(await calendarFeedStatus(u.id)).toBeNull();
    await expect(revokeCalendarFeed(u.id)).rejects.toThrow(/no live calendar feed/);

    const unknown = await fetchFeed(`${"A".repeat(43)}.ics`);
    expect(unknown.status).toBe(404);
    expect(await readJson(unknown)).toMatchObject({ message: "Calendar feed not found." });
    for (const bad of ["short.ics", `${"A".repeat(43)}.txt`, `${"A".repeat(42)}%00.ics`, `${"A".repeat(500)}.ics`, tokenOf(second.url).slice(0, -4)]) {
      expect((await fetchFeed(bad)).status, bad).toBe(404);
    }
    expect(await feedForToken("../../etc/passwd")).toBeNull();
  });

  it("needs a session to manage the feed", async () => {
    for (const method of ["GET", "POST", "DELETE"] as const) expect((await manage(method, null)).status).toBe(401);
  });

  it("marks last use at most once a minute", async () => {
    const u = await signUpUser("cal-used");
    const { url } = await createCalendarFeed(u.id, "http://localhost:3000");
    await fetchFeed(tokenOf(url));
    const first = (await calendarFeedStatus(u.id))!.lastUsedAt;
    expect(first).not.toBeNull();
    await fetchFeed(tokenOf(url));
    expect((await calendarFeedStatus(u.id))!.lastUsedAt).toBe(first);
    await db.execute(sql`update calendar_feeds set last_used_at = now() - interval '2 minutes' where user_id = ${u.id} and revoked_at is null`);
    await fetchFeed(tokenOf(url));
    expect(new Date((await calendarFeedStatus(u.id))!.lastUsedAt!).getTime()).toBeGreaterThan(Date.now() - 30_000);
  });

  it("answers 429 with Retry-After once a feed passes its limit", async () => {
    process.env.CALENDAR_FEED_RATE_LIMIT = "3";
    const u = await signUpUser("cal-limit");
    const { url } = await createCalendarFeed(u.id, "http://localhost:3000");
    for (let i = 0; i < 3; i++) expect((await fetchFeed(tokenOf(url))).status).toBe(200);
    const limited = await fetchFeed(tokenOf(url));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another user's feed has its own window.
    const other = await createCalendarFeed(bob.id, "http://localhost:3000");
    expect((await fetchFeed(tokenOf(other.url))).status).toBe(200);
  });
});
