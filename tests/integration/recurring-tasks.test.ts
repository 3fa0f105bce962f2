import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as bulkRoute from "@/app/api/tasks/bulk/route";
import * as itemRoute from "@/app/api/tasks/[id]/route";
import * as listRoute from "@/app/api/tasks/route";
import { db } from "@/db";
import { createLabel } from "@/lib/labels";
import { createList } from "@/lib/lists";
import { addTasks, changeTask, changeTasks, getTask, listTasks, previewUndo, undoChange } from "@/lib/tasks";
import { signUpUser } from "../helpers/auth";
import { jsonRequest, params, readJson } from "../helpers/http";

/**
 * Repeating tasks (issue 16) on the database: a rule is saved complete; completing a repeating
 * task, by any route, completes it and adds the next occurrence in the same change set, so one
 * undo reverts both; reopening adds nothing; month ends and leap days land where the rule says.
 */

type User = Awaited<ReturnType<typeof signUpUser>>;
let alice: User;

beforeAll(async () => {
  alice = await signUpUser("repeat-alice");
});

const weekly = { every: "week" } as const;
const monthly = { every: "month" } as const;

const countTasks = async (userId: string) => (await db.execute<{ n: number }>(sql`select count(*)::int as n from tasks where user_id = ${userId}`)).rows[0]!.n;

async function add(u: User, task: Record<string, unknown>, today = "2026-12-01") {
  const { tasks: [created] } = await addTasks(u.id, [task], "ui", { today });
  return created!;
}

describe("saving a rule", () => {
  it("completes the rule from the due date (or today) and says it in words", async () => {
    const t = await add(alice, { title: "gym", dueDate: "2026-12-03", recurrence: weekly });
    expect(t.recurrence).toEqual({ every: "week", interval: 1, weekdays: [4] });
    expect(t.recurrenceText).toBe("Every Thursday");
    const m = await add(alice, { title: "rent", recurrence: monthly }, "2026-12-31");
    expect(m.recurrence).toEqual({ every: "month", interval: 1, monthDay: 31 });
    expect(m.recurrenceText).toBe("Every month on the 31st");
    const patched = await changeTask(alice.id, t.id, { recurrence: { every: "month" } }, "ui", { today: "2026-12-10" });
    expect(patched.task.recurrence).toEqual({ every: "month", interval: 1, monthDay: 3 });
  });

  it("refuses a malformed rule with 400 and writes nothing", async () => {
    const u = await signUpUser("repeat-bad");
    const post = (body: unknown) => listRoute.POST(jsonRequest("/api/tasks", { body, cookie: u.cookie }));
    for (const recurrence of [{ every: "fortnight" }, { every: "day", interval: 0 }, { every: "day", weekdays: [1] }, { every: "week", weekdays: [7] }, "every day", { every: "month", interval: 25 }]) {
      const res = await post({ title: "bad", recurrence });
      expect(res.status, JSON.stringify(recurrence)).toBe(400);
      expect((await readJson(res)).error).toBe("validation_error");
    }
    expect(await countTasks(u.id)).toBe(0);
  });

  it("stops repeating with recurrence: null; completing it then adds nothing", async () => {
    const u = await signUpUser("repeat-stop");
    const t = await add(u, { title: "stop me", dueDate: "2026-12-01", recurrence: { every: "day" } });
    const stopped = await changeTask(u.id, t.id, { recurrence: null }, "ui");
    expect(stopped.task).toMatchObject({ recurrence: null, recurrenceText: null });
    const done = await changeTask(u.id, t.id, { completed: true }, "ui", { today: "2026-12-01" });
    expect(done.next).toBeUndefined();
    expect(await countTasks(u.id)).toBe(1);
  });
});

describe("completing a repeating task", () => {
  it("over PATCH: completes it, adds the next occurrence with everything but the due date, in one change set that one undo reverts", async () => {
    const u = await signUpUser("repeat-patch");
    const list = await createList(u.id, { name: "Home" });
    const label = await createLabel(u.id, { name: "chores" });
    const t = await add(u, { title: "Water plants", description: "the ferns too", priority: "high", dueDate: "2026-11-30", listId: list.id, labelIds: [label.id], recurrence: weekly });
    // No tz cookie: the user's day is UTC today, and the next Monday after it (and after the due date) is the new due date.
    const res = await itemRoute.PATCH(jsonRequest(`/api/tasks/${t.id}`, { method: "PATCH", body: { completed: true }, cookie: u.cookie }), params({ id: String(t.id) }));
    expect(res.status).toBe(200);
    const body = await readJson(res);
    expect(body.task).toMatchObject({ id: t.id, completed: true, recurrence: null, recurrenceText: null });
    expect(body.next).toMatchObject({
      title: "Water plants",
      description: "the ferns too",
      priority: "high",
      listId: list.id,
      labelIds: [label.id],
      completed: false,
      recurrence: { every: "week", interval: 1, weekdays: [1] },
      recurrenceText: "Every Monday",
    });
    expect(body.next.dueDate > "2026-11-30").toBe(true);
    expect(new Date(`${body.next.dueDate}T00:00:00Z`).getUTCDay()).toBe(1);
    const preview = await previewUndo(u.id, body.changeSetId);
    expect(preview).toMatchObject({ touches: 2, removes: ["Water plants"] });
    expect(preview!.summary).toMatch(/^completed “Water plants” and added its next occurrence, due \d{4}-\d{2}-\d{2}$/);

    const undone = await undoChange(u.id, body.changeSetId);
    expect(undone.removed.map((x) => x.id)).toEqual([body.next.id]);
    expect(await getTask(u.id, t.id)).toEqual(t);
    expect(await countTasks(u.id)).toBe(1);
  });

  it("reopening and completing again adds no second occurrence", async () => {
    const u = await signUpUser("repeat-reopen");
    const t = await add(u, { title: "stretch", dueDate: "2026-12-01", recurrence: { every: "day" } });
    const first = await changeTask(u.id, t.id, { completed: true }, "ui", { today: "2026-12-01" });
    expect(first.next?.dueDate).toBe("2026-12-02");
    const reopened = await changeTask(u.id, t.id, { completed: false }, "ui", { today: "2026-12-01" });
    expect(reopened.next).toBeUndefined();
    const again = await changeTask(u.id, t.id, { completed: true }, "ui", { today: "2026-12-01" });
    expect(again.next).toBeUndefined();
    // Completing an already completed task adds nothing either.
    expect((await changeTask(u.id, t.id, { completed: true }, "ui")).next).toBeUndefined();
    const all = await listTasks(u.id, { limit: 100 });
    expect(all.tasks.map((x) => [x.title, x.dueDate, x.completed])).toEqual([
      ["stretch", "2026-12-02", false],
      ["stretch", "2026-12-01", true],
    ]);
  });

  it("when adding the next occurrence fails, the completion is taken back and the call fails", async () => {
    const u = await signUpUser("repeat-spawn-fails");
    const t = await add(u, { title: "spawn refused by the test", dueDate: "2026-12-01", recurrence: { every: "day" } });
    // A trigger that refuses this title's insert: the completion (an update) goes through, the next occurrence (an insert) fails.
    await db.execute(sql.raw(`create or replace function test_refuse_spawn() returns trigger language plpgsql as $$ begin if new.title = 'spawn refused by the test' then raise exception 'refused by the test'; end if; return new; end $$`));
    await db.execute(sql.raw(`drop trigger if exists test_refuse_spawn on tasks`));
    await db.execute(sql.raw(`create trigger test_refuse_spawn before insert on tasks for each row execute function test_refuse_spawn()`));
    try {
      await expect(changeTask(u.id, t.id, { completed: true }, "ui", { today: "2026-12-01" })).rejects.toThrow();
    } finally {
      await db.execute(sql.raw(`drop trigger test_refuse_spawn on tasks`));
      await db.execute(sql.raw(`drop function test_refuse_spawn()`));
    }
    const after = await getTask(u.id, t.id);
    expect(after.completed).toBe(false);
    expect(after.recurrence).toEqual(t.recurrence);
    expect(await countTasks(u.id)).toBe(1);
    // Once adding works again, completing it adds the next occurrence as usual.
    const done = await changeTask(u.id, t.id, { completed: true }, "ui", { today: "2026-12-01" });
    expect(done.next?.dueDate).toBe("2026-12-02");
  });

  it("two concurrent completions of one repeating task add one occurrence", async () => {
    const u = await signUpUser("repeat-race");
    const t = await add(u, { title: "race", dueDate: "2026-12-01", recurrence: { every: "day" } });
    const results = await Promise.all([1, 2, 3].map(() => changeTask(u.id, t.id, { completed: true }, "ui", { today: "2026-12-01" })));
    expect(results.filter((r) => r.next).length).toBe(1);
    expect(await countTasks(u.id)).toBe(2);
  });

  it("in bulk: each repeating task gets its next occurrence, plain ones none, and one undo reverts the lot", async () => {
    const u = await signUpUser("repeat-bulk");
    const a = await add(u, { title: "daily", dueDate: "2026-12-01", recurrence: { every: "day" } });
    const b = await add(u, { title: "monthly", dueDate: "2026-12-15", recurrence: monthly });
    const c = await add(u, { title: "plain", dueDate: "2026-12-01" });
    const res = await bulkRoute.POST(jsonRequest("/api/tasks/bulk", { body: { action: "complete", ids: [a.id, b.id, c.id] }, cookie: u.cookie }));
    const body = await readJson(res);
    expect(res.status).toBe(200);
    expect(body.tasks.every((t: { completed: boolean }) => t.completed)).toBe(true);
    expect(body.next.map((t: { title: string }) => t.title).sort()).toEqual(["daily", "monthly"]);
    expect(body.next.find((t: { title: string }) => t.title === "monthly").dueDate).toMatch(/-15$/);
    expect(await countTasks(u.id)).toBe(5);
    const undone = await undoChange(u.id, body.changeSetId);
    expect(undone.restored).toHaveLength(3);
    expect(undone.removed).toHaveLength(2);
    expect(await countTasks(u.id)).toBe(3);
    expect(await getTask(u.id, a.id)).toEqual(a);
  });

  it("per item (the batch tools): a missing id does not stop the others' next occurrences", async () => {
    const u = await signUpUser("repeat-items");
    const a = await add(u, { title: "weekly one", dueDate: "2026-12-02", recurrence: weekly });
    const { results } = await changeTasks(u.id, { ids: [a.id, 2_000_000_000] }, { completed: true }, "mcp", { atomic: false, today: "2026-12-02" });
    expect(results[0]).toMatchObject({ ok: true, next: { dueDate: "2026-12-09" } });
    expect(results[1]).toMatchObject({ ok: false });
  });

  it("undo refuses, and changes nothing, once the next occurrence was edited", async () => {
    const u = await signUpUser("repeat-edited");
    const t = await add(u, { title: "bins", dueDate: "2026-12-01", recurrence: weekly });
    const done = await changeTask(u.id, t.id, { completed: true }, "ui", { today: "2026-12-01" });
    await changeTask(u.id, done.next!.id, { title: "bins (green)" }, "ui");
    await expect(undoChange(u.id, done.changeSetId)).rejects.toMatchObject({ status: 409 });
    expect((await getTask(u.id, t.id)).completed).toBe(true);
  });

  it("completing with a new rule in the same patch uses the new rule", async () => {
    const u = await signUpUser("repeat-newrule");
    const t = await add(u, { title: "switch", dueDate: "2026-12-01", recurrence: { every: "day" } });
    const done = await changeTask(u.id, t.id, { completed: true, recurrence: { every: "week", interval: 2 } }, "ui", { today: "2026-12-01" });
    expect(done.task.recurrence).toBeNull();
    expect(done.next).toMatchObject({ dueDate: "2026-12-15", recurrence: { every: "week", interval: 2, weekdays: [2] } });
  });
});

describe("due dates of the next occurrence, through the service", () => {
  const cases: Array<{ name: string; rule: Record<string, unknown>; due: string | null; today: string; next: string }> = [
    { name: "monthly on the 31st falls on Feb 28", rule: monthly, due: "2027-01-31", today: "2027-01-31", next: "2027-02-28" },
    { name: "monthly on the 31st in a leap year falls on Feb 29", rule: monthly, due: "2028-01-31", today: "2028-01-31", next: "2028-02-29" },
    { name: "monthly on the 30th crosses the year end", rule: { every: "month", monthDay: 30 }, due: "2026-12-30", today: "2026-12-30", next: "2027-01-30" },
    { name: "yearly on Feb 29 falls on Feb 28 in a common year", rule: { every: "year" }, due: "2028-02-29", today: "2028-02-29", next: "2029-02-28" },
    { name: "a daily task done late comes back tomorrow, without a backlog", rule: { every: "day" }, due: "2026-11-01", today: "2026-12-01", next: "2026-12-02" },
    { name: "done early, it follows the schedule from its due date", rule: weekly, due: "2026-12-10", today: "2026-12-01", next: "2026-12-17" },
    { name: "without a due date, the schedule starts today", rule: { every: "day", interval: 3 }, due: null, today: "2026-12-01", next: "2026-12-04" },
    { name: "every weekday skips the weekend", rule: { every: "week", weekdays: [1, 2, 3, 4, 5] }, due: "2026-12-04", today: "2026-12-04", next: "2026-12-07" },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const t = await add(alice, { title: `dates: ${c.name}`, dueDate: c.due, recurrence: c.rule }, c.today);
      const done = await changeTask(alice.id, t.id, { completed: true }, "ui", { today: c.today });
      expect(done.next?.dueDate).toBe(c.next);
    });
  }

  it("a monthly task on the 31st returns to the 31st after February", async () => {
    const t = await add(alice, { title: "month end chain", dueDate: "2027-01-31", recurrence: monthly }, "2027-01-31");
    const feb = (await changeTask(alice.id, t.id, { completed: true }, "ui", { today: "2027-01-31" })).next!;
    expect(feb.dueDate).toBe("2027-02-28");
    const mar = (await changeTask(alice.id, feb.id, { completed: true }, "ui", { today: "2027-02-28" })).next!;
    expect(mar.dueDate).toBe("2027-03-31");
  });

  it("over REST, 'today' is the user's day from the tz cookie", async () => {
    const u = await signUpUser("repeat-tz");
    const t = await add(u, { title: "tz", recurrence: { every: "day" } }, "2000-01-01");
    const cookie = `${u.cookie}; tz=${encodeURIComponent("Pacific/Kiritimati")}`;
    const res = await itemRoute.PATCH(jsonRequest(`/api/tasks/${t.id}`, { method: "PATCH", body: { completed: true }, cookie }), params({ id: String(t.id) }));
    const { next } = await readJson(res);
    const kiritimatiToday = new Intl.DateTimeFormat("en-CA", { timeZone: "Pacific/Kiritimati" }).format(new Date());
    // Anchored on 2000-01-01 (no due date then, so the rule started on the day it was saved); next is the day after the user's today.
    const tomorrow = new Date(Date.parse(`${kiritimatiToday}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(next.dueDate).toBe(tomorrow);
  });
});
