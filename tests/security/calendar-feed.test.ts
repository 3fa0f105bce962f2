import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { App, Client, signUp, SKIP, stats, withPg, writeStats } from "../reliability/harness";
import { PORTS } from "./config";

/**
 * Attacks on the private calendar feed (GET /api/calendar/<token>.ics, no session: the token is
 * the credential): guessed and malformed tokens, a revoked or replaced token, reading another
 * user's tasks, the rate limit under rotating client addresses, the token at rest, and making a
 * feed for someone else from another site.
 */

const LIMIT = 5;
const app = new App(PORTS.calendarFeed, { env: { CALENDAR_FEED_RATE_LIMIT: String(LIMIT), CALENDAR_FEED_RATE_WINDOW_SECONDS: "3600" } });
const ALICE_TASK = "Alice's dentist appointment";
const BOB_TASK = "Bob's secret birthday gift";
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

/** The feed's path from the URL POST /api/calendar/feed answers (the only time it is shown). */
async function newFeed(user: Client): Promise<{ path: string; token: string }> {
  const res = await user.post("/api/calendar/feed", {});
  expect(res.status).toBe(201);
  const path = new URL(res.json.url as string).pathname;
  return { path, token: path.slice("/api/calendar/".length, -".ics".length) };
}

/** A request with no session and an address of its own, as a calendar app (or an attacker) sends it. */
const anonymous = (app: App) => new Client(app);

describe.skipIf(SKIP !== null)("calendar feed attacks", () => {
  let alice: Client;
  let bob: Client;

  beforeAll(async () => {
    await app.start();
    alice = await signUp(app, "feed-alice");
    bob = await signUp(app, "feed-bob");
    expect((await alice.post("/api/tasks", { title: ALICE_TASK, dueDate: tomorrow() })).status).toBe(201);
    expect((await bob.post("/api/tasks", { title: BOB_TASK, dueDate: tomorrow() })).status).toBe(201);
  });

  afterAll(async () => {
    await app.stop();
    writeStats("calendar-feed");
  });

  it("a feed shows its owner's tasks and nobody else's", async () => {
    const { path } = await newFeed(alice);
    const res = await anonymous(app).get(path, { cookie: null });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/calendar");
    expect(res.text).toContain(ALICE_TASK);
    if (res.text.includes(BOB_TASK)) stats.leaks += 1;
    expect(res.text).not.toContain(BOB_TASK);
    // A signed-in visitor's session changes nothing: the token decides whose feed it is.
    const asBob = await bob.get(path);
    expect(asBob.text).not.toContain(BOB_TASK);
  });

  it("guessed, malformed and hostile tokens: a JSON 404, never a 5xx, and nothing of anyone's tasks", async () => {
    const { token } = await newFeed(alice);
    const guesses = [
      `${"A".repeat(43)}.ics`,
      `${token.slice(0, 42)}${token[42] === "A" ? "B" : "A"}.ics`, // one character off
      `${token.slice(0, 6)}.ics`, // the prefix /profile shows
      token, // without .ics
      `${token}.ics.ics`,
      `${token.toUpperCase()}.ics`,
      `${encodeURIComponent("' or 1=1 --")}.ics`,
      `${encodeURIComponent("../../api/tasks")}.ics`,
      `${"x".repeat(10_000)}.ics`,
      `${encodeURIComponent("%00")}.ics`,
      ".ics",
    ];
    for (const guess of guesses) {
      const res = await anonymous(app).get(`/api/calendar/${guess}`, { cookie: null });
      expect(res.status, guess.slice(0, 60)).toBe(404);
      expect(res.json?.error, guess.slice(0, 60)).toBe("not_found");
      if (res.text.includes(ALICE_TASK)) stats.leaks += 1;
      expect(res.text).not.toContain(ALICE_TASK);
    }
  });

  it("a revoked token and a replaced one are dead at once", async () => {
    const first = await newFeed(bob);
    expect((await anonymous(app).get(first.path, { cookie: null })).status).toBe(200);
    const second = await newFeed(bob); // making a new feed revokes the old one
    expect((await anonymous(app).get(first.path, { cookie: null })).status).toBe(404);
    expect((await anonymous(app).get(second.path, { cookie: null })).status).toBe(200);
    const revoked = await bob.request("DELETE", "/api/calendar/feed");
    expect(revoked.status).toBe(200);
    const res = await anonymous(app).get(second.path, { cookie: null });
    expect(res.status).toBe(404);
    expect(res.text).not.toContain(BOB_TASK);
  });

  it("only a hash of the token is stored", async () => {
    const { token } = await newFeed(alice);
    const rows = await withPg(async (c) => (await c.query("select token_hash, prefix from calendar_feeds where user_id = $1", [alice.userId])).rows as Array<{ token_hash: string; prefix: string }>);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.token_hash).not.toContain(token);
      expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.prefix).toHaveLength(6);
    }
  });

  it("the rate limit is per feed: rotating client addresses does not get around it", async () => {
    const carol = await signUp(app, "feed-carol");
    const { path } = await newFeed(carol);
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 3; i++) {
      const res = await anonymous(app).get(path, { cookie: null, headers: { "x-forwarded-for": `203.0.113.${i + 1}` } });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(200));
    expect(statuses.slice(LIMIT)).toEqual([429, 429, 429]);
    // Another feed has its own allowance.
    const other = await newFeed(alice);
    expect((await anonymous(app).get(other.path, { cookie: null })).status).toBe(200);
  });

  it("another site cannot make, replace or revoke a user's feed with their cookie", async () => {
    const dave = await signUp(app, "feed-dave");
    const { path } = await newFeed(dave);
    const evil = { origin: "https://evil.example", "sec-fetch-site": "cross-site" };
    const made = await dave.post("/api/calendar/feed", {}, { headers: evil });
    expect(made.status).toBe(403);
    expect(made.text).not.toContain("/api/calendar/");
    const revoked = await dave.request("DELETE", "/api/calendar/feed", { headers: evil });
    expect(revoked.status).toBe(403);
    expect((await anonymous(app).get(path, { cookie: null })).status).toBe(200);
  });

  it("without a session, the feed's management API is a 401", async () => {
    for (const method of ["GET", "POST", "DELETE"]) {
      const res = await anonymous(app).request(method, "/api/calendar/feed", { cookie: null });
      expect(res.status, method).toBe(401);
    }
  });
});
