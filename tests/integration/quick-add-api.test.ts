import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as parseRoute from "@/app/api/tasks/parse/route";
import { db } from "@/db";
import { createLabel } from "@/lib/labels";
import { createList, listLists, updateList } from "@/lib/lists";
import { signUpUser } from "../helpers/auth";
import { jsonRequest, readJson } from "../helpers/http";

/**
 * POST /api/tasks/parse, quick add's preview, on the database: it reads the line against the
 * signed-in user's own lists and labels only, takes today from the tz cookie (or `today`),
 * refuses bad input with a 400 and no session with a 401, and writes nothing.
 */

type User = Awaited<ReturnType<typeof signUpUser>>;
let alice: User;
let bob: User;
let aliceHome: number;
let aliceErrands: number;

beforeAll(async () => {
  alice = await signUpUser("qa-alice");
  bob = await signUpUser("qa-bob");
  aliceHome = (await createList(alice.id, { name: "Home" })).id;
  aliceErrands = (await createLabel(alice.id, { name: "Errands" })).id;
  await createList(bob.id, { name: "Secret" });
  await createLabel(bob.id, { name: "hidden" });
  const old = await createList(alice.id, { name: "Old" });
  await updateList(alice.id, old.id, { archived: true });
});

const post = (body: unknown, init: { cookie?: string; rawBody?: string; contentType?: string } = {}) =>
  parseRoute.POST(jsonRequest("/api/tasks/parse", { body, ...init }));

const rowCounts = async () =>
  (await db.execute<{ s: string }>(sql`select (select count(*) from tasks) || ':' || (select count(*) from lists) || ':' || (select count(*) from labels) as s`)).rows[0]!.s;

describe("POST /api/tasks/parse", () => {
  it("reads a line against the user's lists and labels, and writes nothing", async () => {
    await listLists(alice.id); // the Inbox exists before the count
    const before = await rowCounts();
    const res = await post({ text: "Pay rent every month on the 1st #home @errands @bills p1", today: "2026-12-01" }, { cookie: alice.cookie });
    const body = await readJson(res);
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({
      title: "Pay rent",
      priority: "high",
      list: { id: aliceHome, name: "Home" },
      labels: [{ id: aliceErrands, name: "Errands" }, { name: "bills" }],
      recurrence: { every: "month", monthDay: 1 },
      recurrenceText: "Every month on the 1st",
    });
    expect(body.tokens.map((t: { kind: string }) => t.kind)).toEqual(["repeat", "list", "label", "label", "priority"]);
    expect(await rowCounts()).toBe(before);
  });

  it("takes today from the tz cookie when the body has none", async () => {
    const zone = "Pacific/Kiritimati"; // UTC+14: its today is never behind UTC's
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(new Date());
    const res = await post({ text: "call mum today" }, { cookie: `${alice.cookie}; tz=${encodeURIComponent(zone)}` });
    expect(await readJson(res)).toMatchObject({ title: "call mum", dueDate: today });
  });

  it("never matches another user's lists or labels, nor an archived list", async () => {
    const res = await post({ text: "leak #secret @hidden" }, { cookie: alice.cookie });
    const body = await readJson(res);
    expect(body).toMatchObject({ title: "leak #secret", list: null, unknownList: "secret", labels: [{ name: "hidden" }] });
    expect(body.labels[0].id).toBeUndefined();
    expect(await readJson(await post({ text: "file it #old" }, { cookie: alice.cookie }))).toMatchObject({ list: null, unknownList: "old" });
    expect(await readJson(await post({ text: "mine #secret" }, { cookie: bob.cookie }))).toMatchObject({ list: { name: "Secret" } });
  });

  it("refuses bad input with a 400 and a message", async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{}, /text/],
      [{ text: 42 }, /text/],
      [{ text: "x".repeat(501) }, /500/],
      [{ text: "ok", today: "2026-02-30" }, /date/],
      [{ text: "ok", extra: true }, /extra|Unrecognized/i],
      [{ text: "a\u0000b" }, /NUL/],
      [["text"], /./],
    ];
    for (const [body, message] of cases) {
      const res = await post(body, { cookie: alice.cookie });
      const json = await readJson(res);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(json.message).toMatch(message);
    }
    const notJson = await post(undefined, { cookie: alice.cookie, rawBody: "{not json" });
    expect(notJson.status).toBe(400);
  });

  it("answers 401 without a session", async () => {
    const res = await post({ text: "buy milk" });
    expect(res.status).toBe(401);
  });
});
