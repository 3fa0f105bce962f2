import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as labelItemRoute from "@/app/api/labels/[id]/route";
import * as labelsRoute from "@/app/api/labels/route";
import * as listItemRoute from "@/app/api/lists/[id]/route";
import * as reorderRoute from "@/app/api/lists/reorder/route";
import * as listsRoute from "@/app/api/lists/route";
import * as taskItemRoute from "@/app/api/tasks/[id]/route";
import * as tasksRoute from "@/app/api/tasks/route";
import { db } from "@/db";
import { createLabel, deleteLabel, listLabels } from "@/lib/labels";
import { createList, deleteList, listLists, updateList } from "@/lib/lists";
import { changeTask, createTask, getTask, taskStats, undoChange } from "@/lib/tasks";
import { signUpUser } from "../helpers/auth";
import { jsonRequest, params, readJson } from "../helpers/http";

/**
 * Lists and labels (issue 16) through the service and the REST handlers, on the database:
 * name rules, the Inbox's rules, deleting a list with its tasks moved or deleted (undoably),
 * deleting a label off its tasks, and another user's ids answering 404 with nothing changed.
 */

type User = Awaited<ReturnType<typeof signUpUser>>;
let alice: User;
let bob: User;

beforeAll(async () => {
  alice = await signUpUser("lists-alice");
  bob = await signUpUser("lists-bob");
});

const getLists = (query = "", u = alice) => listsRoute.GET(jsonRequest(`/api/lists${query}`, { cookie: u.cookie }));
const postList = (body: unknown, u = alice) => listsRoute.POST(jsonRequest("/api/lists", { body, cookie: u.cookie }));
const patchList = (id: number | string, body: unknown, u = alice) => listItemRoute.PATCH(jsonRequest(`/api/lists/${id}`, { method: "PATCH", body, cookie: u.cookie }), params({ id: String(id) }));
const deleteListRoute = (id: number | string, query = "", u = alice) =>
  listItemRoute.DELETE(jsonRequest(`/api/lists/${id}${query}`, { method: "DELETE", cookie: u.cookie }), params({ id: String(id) }));
const reorder = (body: unknown, u = alice) => reorderRoute.POST(jsonRequest("/api/lists/reorder", { body, cookie: u.cookie }));
const getLabels = (u = alice) => labelsRoute.GET(jsonRequest("/api/labels", { cookie: u.cookie }));
const postLabel = (body: unknown, u = alice) => labelsRoute.POST(jsonRequest("/api/labels", { body, cookie: u.cookie }));
const patchLabel = (id: number | string, body: unknown, u = alice) => labelItemRoute.PATCH(jsonRequest(`/api/labels/${id}`, { method: "PATCH", body, cookie: u.cookie }), params({ id: String(id) }));
const deleteLabelRoute = (id: number | string, u = alice) => labelItemRoute.DELETE(jsonRequest(`/api/labels/${id}`, { method: "DELETE", cookie: u.cookie }), params({ id: String(id) }));
const postTask = (body: unknown, u = alice) => tasksRoute.POST(jsonRequest("/api/tasks", { body, cookie: u.cookie }));
const getTasks = (query: string, u = alice) => tasksRoute.GET(jsonRequest(`/api/tasks${query}`, { cookie: u.cookie }));
const patchTask = (id: number, body: unknown, u = alice) => taskItemRoute.PATCH(jsonRequest(`/api/tasks/${id}`, { method: "PATCH", body, cookie: u.cookie }), params({ id: String(id) }));

/** A fingerprint of every list, label and task row, to prove a refused request wrote nothing. */
const fingerprint = async () =>
  (
    await db.execute<{ s: string }>(sql`select
      (select coalesce(string_agg(id || ':' || name || ':' || position || ':' || coalesce(archived_at::text, '-') || ':' || updated_at, ',' order by id), '') from lists) || '|' ||
      (select coalesce(string_agg(id || ':' || name || ':' || updated_at, ',' order by id), '') from labels) || '|' ||
      (select coalesce(string_agg(id || ':' || list_id || ':' || label_ids::text || ':' || updated_at, ',' order by id), '') from tasks) as s`)
  ).rows[0]!.s;

async function expectRefused(res: Response | Promise<Response>, status: number, before: string, message?: RegExp) {
  const response = await res;
  const body = await readJson(response);
  expect(response.status, JSON.stringify(body)).toBe(status);
  if (message) expect(body.message).toMatch(message);
  expect(await fingerprint()).toBe(before);
  return body;
}

async function freshUser(label: string) {
  return signUpUser(label);
}

describe("lists", () => {
  it("gives a new user an Inbox, first, and lists the rest by position with open counts", async () => {
    const u = await freshUser("lists-new");
    const first = await readJson(await getLists("", u));
    expect(first.lists).toEqual([{ id: expect.any(Number), name: "Inbox", position: 0, isInbox: true, archived: false, openCount: 0 }]);
    const work = (await readJson(await postList({ name: "  Work  " }, u))).list;
    const home = (await readJson(await postList({ name: "Home" }, u))).list;
    expect(work).toMatchObject({ name: "Work", isInbox: false, archived: false, openCount: 0 });
    expect(home.position).toBeGreaterThan(work.position);
    await createTask(u.id, { title: "in work", listId: work.id });
    await createTask(u.id, { title: "done in work", listId: work.id }).then((t) => changeTask(u.id, t.id, { completed: true }, "ui"));
    await createTask(u.id, { title: "in inbox" });
    const { lists } = await readJson(await getLists("", u));
    expect(lists.map((l: { name: string; openCount: number }) => [l.name, l.openCount])).toEqual([
      ["Inbox", 1],
      ["Work", 1],
      ["Home", 0],
    ]);
    // Still exactly one Inbox, however often it is asked for.
    await Promise.all([getLists("", u), getLists("", u)]);
    const { rows } = await db.execute<{ n: number }>(sql`select count(*)::int as n from lists where user_id = ${u.id} and is_inbox`);
    expect(rows[0]!.n).toBe(1);
  });

  it("creates with 201 and a Location, and refuses a duplicate name case-insensitively with 409", async () => {
    const res = await postList({ name: "Groceries" });
    expect(res.status).toBe(201);
    const { list } = await readJson(res);
    expect(res.headers.get("location")).toBe(`/api/lists/${list.id}`);
    const before = await fingerprint();
    await expectRefused(postList({ name: "  groceries " }), 409, before, /already have a list named “groceries”/);
    // Bob may use the same name: names are unique per user.
    expect((await postList({ name: "Groceries" }, bob)).status).toBe(201);
  });

  it("refuses bad names with 400 and writes nothing", async () => {
    const before = await fingerprint();
    await expectRefused(postList({ name: "" }), 400, before, /cannot be empty/);
    await expectRefused(postList({ name: "   " }), 400, before);
    await expectRefused(postList({ name: "x".repeat(61) }), 400, before, /at most 60/);
    await expectRefused(postList({ name: 42 }), 400, before);
    await expectRefused(postList({ name: "a\nb" }), 400, before, /control characters/);
    await expectRefused(postList({ name: "ok", position: 3 }), 400, before);
    await expectRefused(postList({ name: "INBOX" }), 400, before, /built-in list/);
    await expectRefused(listsRoute.POST(jsonRequest("/api/lists", { rawBody: "{", cookie: alice.cookie })), 400, before);
    await expectRefused(getLists("?archived=maybe"), 400, before);
  });

  it("renames, archives and unarchives; an archived list leaves the default listing and refuses new tasks", async () => {
    const { list } = await readJson(await postList({ name: "Someday" }));
    expect((await readJson(await patchList(list.id, { name: "Some day" }))).list.name).toBe("Some day");
    const archived = (await readJson(await patchList(list.id, { archived: true }))).list;
    expect(archived.archived).toBe(true);
    expect((await readJson(await getLists())).lists.some((l: { id: number }) => l.id === list.id)).toBe(false);
    expect((await readJson(await getLists("?archived=include"))).lists.find((l: { id: number }) => l.id === list.id)).toMatchObject({ archived: true });
    const before = await fingerprint();
    await expectRefused(postTask({ title: "later", listId: list.id }), 400, before, /archived/);
    expect((await readJson(await patchList(list.id, { archived: false }))).list.archived).toBe(false);
    expect((await postTask({ title: "later", listId: list.id })).status).toBe(201);
  });

  it("refuses to rename onto another list's name (409) and to rename, archive or delete the Inbox (409)", async () => {
    const a = (await readJson(await postList({ name: "Alpha" }))).list;
    await postList({ name: "Beta" });
    const inbox = (await readJson(await getLists())).lists[0];
    const before = await fingerprint();
    await expectRefused(patchList(a.id, { name: "BETA" }), 409, before, /already have a list named/);
    await expectRefused(patchList(inbox.id, { name: "Start" }), 409, before, /Inbox is built in: it cannot be renamed/);
    await expectRefused(patchList(inbox.id, { archived: true }), 409, before, /cannot be archived/);
    await expectRefused(deleteListRoute(inbox.id), 409, before, /cannot be deleted/);
    await expectRefused(patchList(a.id, {}), 400, before, /Nothing to change/);
    await expectRefused(patchList("abc", { name: "x" }), 400, before);
  });

  it("answers 404 for another user's list on every route and changes nothing of it", async () => {
    const bobs = (await readJson(await postList({ name: "Bob's secret" }, bob))).list;
    await createTask(bob.id, { title: "bob task", listId: bobs.id });
    const before = await fingerprint();
    await expectRefused(patchList(bobs.id, { name: "pwned" }), 404, before);
    await expectRefused(patchList(bobs.id, { archived: true }), 404, before);
    await expectRefused(deleteListRoute(bobs.id, "?tasks=delete"), 404, before);
    await expectRefused(reorder({ ids: [bobs.id] }), 404, before);
    await expectRefused(postTask({ title: "into bob's list", listId: bobs.id }), 404, before, /List \d+ not found/);
    // A filter on Bob's list finds nothing of his.
    expect((await readJson(await getTasks(`?list=${bobs.id}`))).tasks).toEqual([]);
  });

  it("reorders, keeps the Inbox first, and refuses unknown ids or repeats", async () => {
    const u = await freshUser("lists-order");
    const [a, b, c] = await Promise.all(["A", "B", "C"].map((name) => createList(u.id, { name })));
    const { lists } = await readJson(await reorder({ ids: [c!.id, a!.id, b!.id] }, u));
    expect(lists.map((l: { name: string }) => l.name)).toEqual(["Inbox", "C", "A", "B"]);
    const before = await fingerprint();
    await expectRefused(reorder({ ids: [a!.id, 2_000_000_000] }, u), 404, before, /not found/);
    await expectRefused(reorder({ ids: [a!.id, a!.id] }, u), 400, before, /once/);
    await expectRefused(reorder({ ids: [] }, u), 400, before);
  });

  it("deletes a list moving its tasks to the Inbox (default), keeping their updated_at", async () => {
    const u = await freshUser("lists-move");
    const list = await createList(u.id, { name: "Trip" });
    const t1 = await createTask(u.id, { title: "passport", listId: list.id });
    const t2 = await createTask(u.id, { title: "tickets", listId: list.id });
    const res = await readJson(await deleteListRoute(list.id, "", u));
    expect(res).toMatchObject({ list: { id: list.id, name: "Trip", openCount: 2 }, moved: 2, deleted: 0, changeSetId: null });
    const inbox = (await listLists(u.id))[0]!;
    for (const t of [t1, t2]) expect(await getTask(u.id, t.id)).toMatchObject({ listId: inbox.id, updatedAt: t.updatedAt });
    expect((await listLists(u.id)).map((l) => l.name)).toEqual(["Inbox"]);
  });

  it("moves tasks into an Inbox it makes when the user never had one", async () => {
    const u = await freshUser("lists-noinbox");
    const list = await createList(u.id, { name: "Only" });
    const t = await createTask(u.id, { title: "lonely", listId: list.id });
    const { moved } = await deleteList(u.id, list.id, { tasks: "move" });
    expect(moved).toBe(1);
    const lists = await listLists(u.id);
    expect(lists).toMatchObject([{ name: "Inbox", isInbox: true, openCount: 1 }]);
    expect((await getTask(u.id, t.id)).listId).toBe(lists[0]!.id);
  });

  it("deletes a list with its tasks as one undoable change; undo brings them back into the Inbox", async () => {
    const u = await freshUser("lists-delete");
    const list = await createList(u.id, { name: "Old project" });
    const t1 = await createTask(u.id, { title: "spec", listId: list.id, priority: "high" });
    const t2 = await createTask(u.id, { title: "ship", listId: list.id, dueDate: "2031-01-02" });
    const keep = await createTask(u.id, { title: "unrelated" });
    const res = await readJson(await deleteListRoute(list.id, "?tasks=delete", u));
    expect(res).toMatchObject({ moved: 0, deleted: 2, changeSetId: expect.any(String) });
    await expect(getTask(u.id, t1.id)).rejects.toMatchObject({ status: 404 });
    expect((await getTask(u.id, keep.id)).title).toBe("unrelated");
    const undone = await undoChange(u.id, res.changeSetId);
    expect(undone.summary).toBe("Undone: deleted 2 tasks.");
    const inbox = (await listLists(u.id))[0]!;
    expect(await getTask(u.id, t1.id)).toMatchObject({ title: "spec", priority: "high", listId: inbox.id });
    expect(await getTask(u.id, t2.id)).toMatchObject({ title: "ship", dueDate: "2031-01-02", listId: inbox.id });
  });

  it("refuses an unknown tasks= mode with 400 and deletes nothing", async () => {
    const list = await createList(alice.id, { name: "Keep me" });
    const before = await fingerprint();
    await expectRefused(deleteListRoute(list.id, "?tasks=archive"), 400, before, /move .* or delete/);
    await expectRefused(deleteListRoute(list.id, "?tasks=move&force=1"), 400, before);
    await expect(updateList(alice.id, list.id, { name: "Kept" })).resolves.toMatchObject({ name: "Kept" });
  });
});

describe("counts in one list or label (the /tasks status tabs)", () => {
  it("count only that list's or label's tasks; another user's list or label counts nothing", async () => {
    const u = await freshUser("scoped-counts");
    const trip = await createList(u.id, { name: "Trip" });
    const urgent = await createLabel(u.id, { name: "urgent" });
    const today = "2031-03-10";
    await createTask(u.id, { title: "passport", listId: trip.id, dueDate: "2031-03-01", labelIds: [urgent.id] });
    await createTask(u.id, { title: "tickets", listId: trip.id, dueDate: today });
    await createTask(u.id, { title: "packed", listId: trip.id }).then((t) => changeTask(u.id, t.id, { completed: true }, "ui"));
    await createTask(u.id, { title: "inbox chore", dueDate: "2031-03-02", labelIds: [urgent.id] });
    expect(await taskStats(u.id, today)).toEqual({ total: 4, active: 3, completed: 1, overdue: 2, dueToday: 1 });
    expect(await taskStats(u.id, today, { list: trip.id })).toEqual({ total: 3, active: 2, completed: 1, overdue: 1, dueToday: 1 });
    expect(await taskStats(u.id, today, { label: urgent.id })).toEqual({ total: 2, active: 2, completed: 0, overdue: 2, dueToday: 0 });
    expect(await taskStats(u.id, today, { list: trip.id, label: urgent.id })).toEqual({ total: 1, active: 1, completed: 0, overdue: 1, dueToday: 0 });
    const none = { total: 0, active: 0, completed: 0, overdue: 0, dueToday: 0 };
    expect(await taskStats(bob.id, today, { list: trip.id })).toEqual(none);
    expect(await taskStats(bob.id, today, { label: urgent.id })).toEqual(none);
  });
});

describe("labels", () => {
  it("creates, lists by name with open counts, renames, and refuses duplicates with 409", async () => {
    const u = await freshUser("labels-basic");
    const urgent = (await readJson(await postLabel({ name: "urgent" }, u))).label;
    const errands = (await readJson(await postLabel({ name: "Errands" }, u))).label;
    await createTask(u.id, { title: "a", labelIds: [urgent.id, errands.id] });
    await createTask(u.id, { title: "b", labelIds: [urgent.id] }).then((t) => changeTask(u.id, t.id, { completed: true }, "ui"));
    expect((await readJson(await getLabels(u))).labels).toEqual([
      { id: errands.id, name: "Errands", openCount: 1 },
      { id: urgent.id, name: "urgent", openCount: 1 },
    ]);
    expect((await readJson(await patchLabel(urgent.id, { name: "Urgent!" }, u))).label).toEqual({ id: urgent.id, name: "Urgent!", openCount: 1 });
    const before = await fingerprint();
    await expectRefused(postLabel({ name: "ERRANDS" }, u), 409, before, /already have a label named/);
    await expectRefused(patchLabel(urgent.id, { name: "errands" }, u), 409, before, /already have a label/);
    await expectRefused(postLabel({ name: "x".repeat(41) }, u), 400, before, /at most 40/);
    await expectRefused(postLabel({}, u), 400, before);
    await expectRefused(patchLabel("0", { name: "zero" }, u), 400, before);
  });

  it("deletes a label off every task that had it, and only the owner's", async () => {
    const u = await freshUser("labels-delete");
    const home = await createLabel(u.id, { name: "home" });
    const work = await createLabel(u.id, { name: "work" });
    const t1 = await createTask(u.id, { title: "one", labelIds: [home.id, work.id] });
    const t2 = await createTask(u.id, { title: "two", labelIds: [home.id] });
    const res = await readJson(await deleteLabelRoute(home.id, u));
    expect(res).toEqual({ label: { id: home.id, name: "home", openCount: 2 }, removedFrom: 2 });
    expect((await getTask(u.id, t1.id)).labelIds).toEqual([work.id]);
    expect(await getTask(u.id, t2.id)).toMatchObject({ labelIds: [], updatedAt: t2.updatedAt });
    expect((await listLabels(u.id)).map((l) => l.name)).toEqual(["work"]);
    expect((await deleteLabelRoute(home.id, u)).status).toBe(404);
  });

  it("answers 404 for another user's label and leaves it and Bob's tasks alone", async () => {
    const bobLabel = await createLabel(bob.id, { name: `bob-${Date.now()}` });
    const bobTask = await createTask(bob.id, { title: "bob labelled", labelIds: [bobLabel.id] });
    const before = await fingerprint();
    await expectRefused(patchLabel(bobLabel.id, { name: "mine" }), 404, before);
    await expectRefused(deleteLabelRoute(bobLabel.id), 404, before);
    await expectRefused(postTask({ title: "steal", labelIds: [bobLabel.id] }), 404, before, /Label \d+ not found/);
    await expect(deleteLabel(alice.id, bobLabel.id)).rejects.toMatchObject({ status: 404 });
    expect((await getTask(bob.id, bobTask.id)).labelIds).toEqual([bobLabel.id]);
  });

  it("an undo from before a label's deletion does not put the deleted label back", async () => {
    const u = await freshUser("labels-undo");
    const keep = await createLabel(u.id, { name: "keep" });
    const gone = await createLabel(u.id, { name: "gone" });
    const t = await createTask(u.id, { title: "labelled", labelIds: [gone.id, keep.id] });
    const { changeSetId } = await changeTask(u.id, t.id, { labelIds: [keep.id], title: "relabelled" }, "ui");
    await deleteLabel(u.id, gone.id);
    const undone = await undoChange(u.id, changeSetId);
    expect(undone.restored[0]).toMatchObject({ title: "labelled", labelIds: [keep.id] });
    expect((await getTask(u.id, t.id)).labelIds).toEqual([keep.id]);
  });
});

describe("tasks in lists and labels", () => {
  it("puts a task in a list with labels, shows the new fields, and filters by list and label", async () => {
    const u = await freshUser("tasks-place");
    const list = await createList(u.id, { name: "Garden" });
    const label = await createLabel(u.id, { name: "weekend" });
    const res = await postTask({ title: "mow", listId: list.id, labelIds: [label.id, label.id] }, u);
    expect(res.status).toBe(201);
    const { task } = await readJson(res);
    expect(task).toMatchObject({ listId: list.id, labelIds: [label.id], recurrence: null, recurrenceText: null });
    const other = (await readJson(await postTask({ title: "inbox thing" }, u))).task;
    const inbox = (await listLists(u.id))[0]!;
    expect(other.listId).toBe(inbox.id);
    expect((await readJson(await getTasks(`?list=${list.id}`, u))).tasks.map((t: { title: string }) => t.title)).toEqual(["mow"]);
    expect((await readJson(await getTasks(`?label=${label.id}&status=active`, u))).tasks.map((t: { title: string }) => t.title)).toEqual(["mow"]);
    expect((await readJson(await getTasks(`?list=${inbox.id}`, u))).tasks.map((t: { title: string }) => t.title)).toEqual(["inbox thing"]);
    expect((await getTasks("?list=abc", u)).status).toBe(400);
    expect((await getTasks("?label=-1", u)).status).toBe(400);
  });

  it("moves a task between lists and changes its labels by PATCH; undo puts both back", async () => {
    const u = await freshUser("tasks-move");
    const a = await createList(u.id, { name: "A" });
    const b = await createList(u.id, { name: "B" });
    const l1 = await createLabel(u.id, { name: "one" });
    const t = await createTask(u.id, { title: "mover", listId: a.id, labelIds: [l1.id] });
    const res = await readJson(await patchTask(t.id, { listId: b.id, labelIds: [] }, u));
    expect(res.task).toMatchObject({ listId: b.id, labelIds: [] });
    await undoChange(u.id, res.changeSetId);
    expect(await getTask(u.id, t.id)).toMatchObject({ listId: a.id, labelIds: [l1.id] });
  });

  it("refuses foreign or unknown lists and labels on PATCH with 404, and bad ones with 400, changing nothing", async () => {
    const u = await freshUser("tasks-refuse");
    const t = await createTask(u.id, { title: "stay" });
    const bobList = await createList(bob.id, { name: `bob list ${Date.now()}` });
    const before = await fingerprint();
    await expectRefused(patchTask(t.id, { listId: bobList.id }, u), 404, before);
    await expectRefused(patchTask(t.id, { listId: 2_147_483_647 }, u), 404, before);
    await expectRefused(patchTask(t.id, { labelIds: [2_000_000_001] }, u), 404, before);
    await expectRefused(patchTask(t.id, { listId: "1" }, u), 400, before);
    await expectRefused(patchTask(t.id, { labelIds: Array.from({ length: 21 }, (_, i) => i + 1) }, u), 400, before, /at most 20 labels/);
    await expectRefused(postTask({ title: "x", labelIds: [0] }, u), 400, before);
  });
});

describe("migration 0007", () => {
  it("gives every existing user an Inbox and moves their tasks into it; a task inserted without a list lands there", async () => {
    const { PGlite } = await import("@electric-sql/pglite");
    const { readdirSync, readFileSync } = await import("node:fs");
    const dir = "db/migrations";
    const files = readdirSync(dir).filter((f) => /^\d{4}_.*\.sql$/.test(f)).sort();
    const pg = new PGlite();
    const apply = async (file: string) => {
      for (const statement of readFileSync(`${dir}/${file}`, "utf8").split("--> statement-breakpoint")) if (statement.trim()) await pg.exec(statement);
    };
    for (const file of files.filter((f) => f < "0007")) await apply(file);
    await pg.exec(`insert into "user" (id, name, email, email_verified, created_at, updated_at) values
      ('u1', 'One', 'one@example.com', true, now(), now()), ('u2', 'Two', 'two@example.com', true, now(), now()), ('u3', 'Three', 'three@example.com', true, now(), now());
      insert into tasks (user_id, title) values ('u1', 'first'), ('u1', 'second'), ('u2', 'other');`);
    await apply(files.find((f) => f.startsWith("0007"))!);
    const lists = await pg.query<{ user_id: string; name: string; is_inbox: boolean; id: number }>(`select user_id, name, is_inbox, id from lists order by user_id`);
    expect(lists.rows.map((r) => [r.user_id, r.name, r.is_inbox])).toEqual([
      ["u1", "Inbox", true],
      ["u2", "Inbox", true],
      ["u3", "Inbox", true],
    ]);
    const inboxOf = new Map(lists.rows.map((r) => [r.user_id, r.id]));
    const tasks = await pg.query<{ user_id: string; list_id: number; label_ids: number[] }>(`select user_id, list_id, label_ids from tasks order by id`);
    expect(tasks.rows).toEqual([
      { user_id: "u1", list_id: inboxOf.get("u1"), label_ids: [] },
      { user_id: "u1", list_id: inboxOf.get("u1"), label_ids: [] },
      { user_id: "u2", list_id: inboxOf.get("u2"), label_ids: [] },
    ]);
    const added = await pg.query<{ list_id: number }>(`insert into tasks (user_id, title) values ('u3', 'new') returning list_id`);
    expect(added.rows[0]!.list_id).toBe(inboxOf.get("u3"));
    await expect(pg.query(`update tasks set list_id = null where user_id = 'u3'`)).rejects.toThrow();
    await pg.close();
  });
});
