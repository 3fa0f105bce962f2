import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as bulkRoute from "@/app/api/tasks/bulk/route";
import * as itemRoute from "@/app/api/tasks/[id]/route";
import * as listRoute from "@/app/api/tasks/route";
import { db } from "@/db";
import { tasks } from "@/db/schema";
import { signUpUser } from "../helpers/auth";
import { jsonRequest, params, readJson } from "../helpers/http";

let alice: Awaited<ReturnType<typeof signUpUser>>;
let bob: Awaited<ReturnType<typeof signUpUser>>;

beforeAll(async () => {
  alice = await signUpUser("api-alice");
  bob = await signUpUser("api-bob");
});

const post = (body: unknown, cookie = alice.cookie) => listRoute.POST(jsonRequest("/api/tasks", { body, cookie }));
const list = (query = "", cookie = alice.cookie) => listRoute.GET(jsonRequest(`/api/tasks${query}`, { cookie }));
const get = (id: string | number, cookie = alice.cookie) => itemRoute.GET(jsonRequest(`/api/tasks/${id}`, { cookie }), params({ id: String(id) }));
const patch = (id: string | number, body: unknown, cookie = alice.cookie) =>
  itemRoute.PATCH(jsonRequest(`/api/tasks/${id}`, { method: "PATCH", body, cookie }), params({ id: String(id) }));
const del = (id: string | number, cookie = alice.cookie) =>
  itemRoute.DELETE(jsonRequest(`/api/tasks/${id}`, { method: "DELETE", cookie }), params({ id: String(id) }));
const bulk = (body: unknown, cookie = alice.cookie) => bulkRoute.POST(jsonRequest("/api/tasks/bulk", { body, cookie }));

/** A fingerprint of every task row, to prove a rejected request wrote nothing. */
const snapshot = async () =>
  (await db.execute<{ s: string }>(sql`select coalesce(string_agg(id || ':' || title || ':' || completed || ':' || updated_at, ',' order by id), '') as s from tasks`)).rows[0]!.s;

describe("happy paths", () => {
  it("creates, reads, lists, updates, completes and deletes", async () => {
    const created = await post({ title: "Pay rent", priority: "high", dueDate: "2030-07-01", description: "before the 1st" });
    expect(created.status).toBe(201);
    const { task } = await readJson(created);
    expect(created.headers.get("location")).toBe(`/api/tasks/${task.id}`);
    expect(task).toMatchObject({ title: "Pay rent", priority: "high", dueDate: "2030-07-01", completed: false });

    expect(await readJson(await get(task.id))).toEqual({ task });

    const listed = await readJson(await list("?q=rent&status=active&sort=due&limit=10"));
    expect(listed).toEqual({ tasks: [task], nextCursor: null });

    const renamed = await readJson(await patch(task.id, { title: "Pay the rent" }));
    expect(renamed.task.title).toBe("Pay the rent");

    const done = await readJson(await patch(task.id, { completed: true }));
    expect(done.task.completed).toBe(true);
    expect(done.task.completedAt).toBeTruthy();

    const deleted = await del(task.id);
    expect(deleted.status).toBe(200);
    expect((await get(task.id)).status).toBe(404);
  });

  it("pages with nextCursor over HTTP", async () => {
    for (let i = 0; i < 3; i++) await post({ title: `paged ${i}` });
    const first = await readJson(await list("?q=paged&limit=2"));
    expect(first.tasks).toHaveLength(2);
    const second = await readJson(await list(`?q=paged&limit=2&cursor=${first.nextCursor}`));
    expect(second).toMatchObject({ tasks: [{ title: "paged 0" }], nextCursor: null });
  });

  it("bulk completes and deletes", async () => {
    const a = (await readJson(await post({ title: "bulk 1" }))).task;
    const b = (await readJson(await post({ title: "bulk 2" }))).task;
    const done = await readJson(await bulk({ action: "complete", ids: [a.id, b.id] }));
    expect(done.tasks.every((t: { completed: boolean }) => t.completed)).toBe(true);
    expect((await bulk({ action: "delete", ids: [a.id, b.id] })).status).toBe(200);
    expect((await get(a.id)).status).toBe(404);
  });

  it("uses the user's time zone cookie for overdue", async () => {
    const { task } = await readJson(await post({ title: "tz check", dueDate: "2000-01-01" }));
    const res = await listRoute.GET(jsonRequest("/api/tasks?status=overdue&q=tz%20check", { cookie: `${alice.cookie}; tz=Pacific%2FAuckland` }));
    expect((await readJson(res)).tasks.map((t: { id: number }) => t.id)).toEqual([task.id]);
  });
});

describe("authentication", () => {
  it.each([
    ["GET /api/tasks", () => list("", "")],
    ["POST /api/tasks", () => post({ title: "x" }, "")],
    ["GET /api/tasks/1", () => get(1, "")],
    ["PATCH /api/tasks/1", () => patch(1, { title: "x" }, "")],
    ["DELETE /api/tasks/1", () => del(1, "")],
    ["POST /api/tasks/bulk", () => bulk({ action: "delete", ids: [1] }, "")],
  ])("%s without a session is 401 JSON", async (_label, call) => {
    const before = await snapshot();
    const res = await call();
    expect(res.status).toBe(401);
    expect(await readJson(res)).toEqual({ error: "unauthorized", message: "Sign in to continue." });
    expect(await snapshot()).toBe(before);
  });
});

describe("bad input: 4xx JSON naming the problem, never 5xx, nothing written", () => {
  const raw = (rawBody: string, contentType = "application/json") =>
    listRoute.POST(jsonRequest("/api/tasks", { rawBody, cookie: alice.cookie, contentType }));

  const cases: Array<[string, () => Promise<Response>, number, string?]> = [
    ["malformed JSON", () => raw("{title: 'x'"), 400],
    ["an empty body", () => raw(""), 400],
    ["a JSON array", () => raw("[]"), 400, "body"],
    ["a JSON string", () => raw('"title"'), 400, "body"],
    ["JSON null", () => raw("null"), 400, "body"],
    ["form encoding", () => raw("title=x", "application/x-www-form-urlencoded"), 415],
    ["a body over 16 KiB", () => raw(JSON.stringify({ title: "x", description: "y".repeat(17_000) })), 413],
    ["a missing title", () => post({ priority: "low" }), 400, "title"],
    ["an empty title", () => post({ title: "" }), 400, "title"],
    ["a whitespace title", () => post({ title: "   \n\t " }), 400, "title"],
    ["a 201-char title", () => post({ title: "t".repeat(201) }), 400, "title"],
    ["a numeric title", () => post({ title: 123 }), 400, "title"],
    ["an object title", () => post({ title: { en: "x" } }), 400, "title"],
    ["a 2001-char description", () => post({ title: "x", description: "d".repeat(2001) }), 400, "description"],
    ["an unknown priority", () => post({ title: "x", priority: "urgent" }), 400, "priority"],
    ["an unknown field", () => post({ title: "x", userId: bob.id }), 400],
    ["a non-ISO due date", () => post({ title: "x", dueDate: "next friday" }), 400, "dueDate"],
    ["an impossible due date", () => post({ title: "x", dueDate: "2030-02-30" }), 400, "dueDate"],
    ["a timestamp as due date", () => post({ title: "x", dueDate: "2030-02-01T10:00:00Z" }), 400, "dueDate"],
    ["a numeric due date", () => post({ title: "x", dueDate: 20300201 }), 400, "dueDate"],
    ["completed as a string in PATCH", () => patch(1, { completed: "yes" }), 400, "completed"],
    ["an empty PATCH", () => patch(1, {}), 400],
    ["PATCH with an unknown field", () => patch(1, { owner: "bob" }), 400],
    ["a non-numeric id", () => get("abc"), 400, "id"],
    ["a negative id", () => get("-1"), 400, "id"],
    ["a zero id", () => get("0"), 400],
    ["a fractional id", () => del("1.5"), 400],
    ["an id beyond int4", () => get("99999999999"), 400],
    ["an SQL-looking id", () => get("1 or 1=1"), 400],
    ["an unknown status filter", () => list("?status=pending"), 400, "status"],
    ["an unknown sort", () => list("?sort=random"), 400, "sort"],
    ["a limit over 100", () => list("?limit=1000"), 400, "limit"],
    ["a non-numeric limit", () => list("?limit=ten"), 400, "limit"],
    ["an unknown query parameter", () => list("?owner=bob"), 400],
    ["a forged cursor", () => list("?cursor=eyJub3QiOiJ2YWxpZCJ9"), 400, "cursor"],
    ["a search over 200 chars", () => list(`?q=${"s".repeat(201)}`), 400, "q"],
    ["a bulk action that does not exist", () => bulk({ action: "archive", ids: [1] }), 400, "action"],
    ["bulk with no ids", () => bulk({ action: "delete", ids: [] }), 400, "ids"],
    ["bulk with string ids", () => bulk({ action: "delete", ids: ["1"] }), 400],
    ["bulk with 101 ids", () => bulk({ action: "complete", ids: Array.from({ length: 101 }, (_, i) => i + 1) }), 400, "ids"],
  ];

  it.each(cases)("%s", async (_label, call, status, field) => {
    const before = await snapshot();
    const res = await call();
    expect(res.status).toBe(status);
    const body = await readJson(res);
    expect(typeof body.message).toBe("string");
    expect(body.message.length).toBeGreaterThan(5);
    if (field) expect(Object.keys(body.fields ?? {})).toContain(field);
    expect(await snapshot()).toBe(before);
  });

  it("has at least 30 cases", () => expect(cases.length).toBeGreaterThanOrEqual(30));
});

describe("isolation: Bob probing Alice's task", () => {
  it("gets 404 from every route, identical to a missing id, and changes nothing", async () => {
    const { task } = await readJson(await post({ title: "Alice private" }));
    const missing = 2_000_000_000;
    const probes: Array<[string, (id: number) => Promise<Response>]> = [
      ["GET", (id) => get(id, bob.cookie)],
      ["PATCH", (id) => patch(id, { title: "owned" }, bob.cookie)],
      ["PATCH completed", (id) => patch(id, { completed: true }, bob.cookie)],
      ["DELETE", (id) => del(id, bob.cookie)],
      ["bulk complete", (id) => bulk({ action: "complete", ids: [id] }, bob.cookie)],
      ["bulk delete", (id) => bulk({ action: "delete", ids: [id] }, bob.cookie)],
    ];
    let leaks = 0;
    for (const [label, probe] of probes) {
      const foreign = await probe(task.id);
      const absent = await probe(missing);
      expect(foreign.status, label).toBe(404);
      const foreignBody = JSON.stringify(await readJson(foreign));
      const absentBody = JSON.stringify(await readJson(absent));
      expect(foreignBody.replace(String(task.id), "ID"), label).toBe(absentBody.replace(String(missing), "ID"));
      if (foreignBody.includes("Alice private")) leaks++;
    }
    const listed = await readJson(await list("?q=Alice", bob.cookie));
    if (listed.tasks.length) leaks++;
    expect(leaks).toBe(0);
    const [row] = await db.select().from(tasks).where(eq(tasks.id, task.id));
    expect(row).toMatchObject({ userId: alice.id, title: "Alice private", completed: false });
  });
});
