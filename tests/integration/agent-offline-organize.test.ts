import { describe, expect, it } from "vitest";
import { addDays, todayUtc } from "@/lib/dates";
import { createLabel, listLabels } from "@/lib/labels";
import { createList, listLists } from "@/lib/lists";
import { listTasks, updateTask, type Task } from "@/lib/tasks";
import { Conversation } from "../helpers/agent";
import { seededUser } from "../helpers/seeded-user";

/**
 * Lists, labels, repeats and quick-add marks (issue 16) through the offline model, the real Agents
 * SDK runner and the real MCP tools on a real database (PGlite and PostgreSQL). Each row is a new
 * user with the lists Work and Groceries, the labels urgent and work, and three tasks; it is judged
 * by the tasks, lists and labels it leaves, and by the names the reply says.
 */
const TODAY = todayUtc();
const TOMORROW = addDays(TODAY, 1);

type World = { tasks: Task[]; reply: string; pending: boolean; lists: string[]; labels: string[]; listOf: (t: Task | undefined) => string | undefined; labelsOf: (t: Task | undefined) => string[]; t: (title: string) => Task | undefined };

async function freshUser() {
  const id = await seededUser("Organize", [{ title: "Write the report" }, { title: "Gym" }, { title: "Buy milk", dueDate: TOMORROW }]);
  const work = await createList(id, { name: "Work" });
  await createList(id, { name: "Groceries" });
  const urgent = await createLabel(id, { name: "urgent" });
  await createLabel(id, { name: "work" });
  const report = (await listTasks(id, { limit: 100 })).tasks.find((t) => t.title === "Write the report")!;
  await updateTask(id, report.id, { listId: work.id, labelIds: [urgent.id] });
  return id;
}

async function world(userId: string, reply: string, pending: boolean): Promise<World> {
  const [{ tasks }, lists, labels] = await Promise.all([listTasks(userId, { limit: 100, sort: "created", order: "asc" }), listLists(userId, { archived: "include" }), listLabels(userId)]);
  return {
    tasks,
    reply,
    pending,
    lists: lists.map((l) => l.name),
    labels: labels.map((l) => l.name),
    listOf: (t) => lists.find((l) => l.id === t?.listId)?.name,
    labelsOf: (t) => (t?.labelIds ?? []).map((id) => labels.find((l) => l.id === id)?.name ?? `#${id}`),
    t: (title) => tasks.find((t) => t.title === title),
  };
}

type Case = { say: string | string[]; then?: "approve" | "reject"; check: (w: World) => void };

const CASES: Array<[string, Case]> = [
  // --- lists ------------------------------------------------------------------------------------
  ["add to a list by name", { say: "add oat milk to groceries", check: (w) => { expect(w.listOf(w.t("Oat milk"))).toBe("Groceries"); expect(w.reply).toContain("Groceries"); } }],
  ["add to “my … list”", { say: "add eggs to my groceries list tomorrow", check: (w) => { expect(w.t("Eggs")).toMatchObject({ dueDate: TOMORROW }); expect(w.listOf(w.t("Eggs"))).toBe("Groceries"); } }],
  ["no such list: the words are the title", { say: "add walk to the park", check: (w) => { expect(w.listOf(w.t("Walk to the park"))).toBe("Inbox"); expect(w.lists).not.toContain("park"); } }],
  ["no such “my … list”: asks, adds nothing", { say: "add milk to my shopping list", check: (w) => { expect(w.tasks).toHaveLength(3); expect(w.reply).toMatch(/don't have a list called “shopping”.*Work.*Groceries/); } }],
  ["what's on a list", { say: "what's on my work list?", check: (w) => { expect(w.reply).toContain("Write the report"); expect(w.reply).not.toContain("Buy milk"); } }],
  ["show a list by its bare name", { say: "show my groceries", check: (w) => expect(w.reply).toMatch(/No open tasks in Groceries/) }],
  ["which lists", { say: "what lists do I have?", check: (w) => expect(w.reply).toMatch(/Inbox[\s\S]*Work[\s\S]*Groceries/) }],
  ["create a list", { say: "create a list called Holiday", check: (w) => { expect(w.lists).toContain("Holiday"); expect(w.reply).toContain("Holiday"); } }],
  ["rename a list", { say: "rename the work list to Office", check: (w) => { expect(w.lists).toContain("Office"); expect(w.lists).not.toContain("Work"); expect(w.listOf(w.t("Write the report"))).toBe("Office"); } }],
  ["move a task to a list", { say: "move buy milk to groceries", check: (w) => { expect(w.listOf(w.t("Buy milk"))).toBe("Groceries"); expect(w.t("Buy milk")?.dueDate).toBe(TOMORROW); } }],
  ["a date still reschedules", { say: "move buy milk to the day after tomorrow", check: (w) => { expect(w.t("Buy milk")?.dueDate).toBe(addDays(TODAY, 2)); expect(w.listOf(w.t("Buy milk"))).toBe("Inbox"); } }],
  ["delete a list: asks first", { say: "delete the groceries list", check: (w) => { expect(w.pending).toBe(true); expect(w.lists).toContain("Groceries"); } }],
  ["delete a list: approved", { say: "delete the groceries list", then: "approve", check: (w) => { expect(w.lists).not.toContain("Groceries"); expect(w.reply).toContain("Groceries"); } }],
  ["delete a list: declined", { say: "delete the groceries list", then: "reject", check: (w) => { expect(w.lists).toContain("Groceries"); expect(w.reply).toMatch(/kept/); } }],
  // --- labels -----------------------------------------------------------------------------------
  ["label with @", { say: "label buy milk @errands", check: (w) => { expect(w.labelsOf(w.t("Buy milk"))).toEqual(["errands"]); expect(w.labels).toContain("errands"); } }],
  ["tag keeps the others", { say: "tag the report work", check: (w) => expect(w.labelsOf(w.t("Write the report"))).toEqual(["urgent", "work"]) }],
  ["remove a label", { say: "remove the urgent label from the report", check: (w) => { expect(w.labelsOf(w.t("Write the report"))).toEqual([]); expect(w.labels).toContain("urgent"); } }],
  ["what's labelled", { say: "what's labelled urgent?", check: (w) => { expect(w.reply).toContain("Write the report"); expect(w.reply).not.toContain("Gym"); } }],
  // --- repeats ----------------------------------------------------------------------------------
  ["add a repeating task", { say: "add water the plants every day", check: (w) => { expect(w.t("Water the plants")?.recurrenceText).toBe("Every day"); expect(w.reply).toContain("every day"); } }],
  ["monthly on a day", { say: "pay rent every month on the 1st", check: (w) => expect(w.t("Pay rent")?.recurrenceText).toBe("Every month on the 1st") }],
  ["make a task repeat", { say: "make the gym every monday", check: (w) => { expect(w.t("Gym")?.recurrenceText).toBe("Every Monday"); expect(w.reply).toContain("every Monday"); } }],
  ["stop repeating", { say: ["make the gym every monday", "stop repeating the gym"], check: (w) => { expect(w.t("Gym")?.recurrence).toBeNull(); expect(w.reply).toMatch(/no longer repeats/); } }],
  ["completing a repeat adds the next", { say: ["make the gym every day", "I went to the gym"], check: (w) => expect(w.tasks.filter((t) => t.title === "Gym").map((t) => t.completed).sort()).toEqual([false, true]) }],
  // --- quick-add marks in chat ------------------------------------------------------------------
  [
    "all the marks",
    {
      say: "buy bread tomorrow #groceries @errands p1",
      check: (w) => {
        const bread = w.t("Buy bread");
        expect(bread).toMatchObject({ dueDate: TOMORROW, priority: "high" });
        expect(w.listOf(bread)).toBe("Groceries");
        expect(w.labelsOf(bread)).toEqual(["errands"]);
        expect(w.reply).toMatch(/Groceries.*errands/);
      },
    },
  ],
  ["a repeat and a list", { say: "standup every weekday #work", check: (w) => { expect(w.t("Standup")?.recurrenceText).toBe("Every weekday"); expect(w.listOf(w.t("Standup"))).toBe("Work"); } }],
  ["an unknown #list asks", { say: "buy bread #bakery", check: (w) => { expect(w.tasks).toHaveLength(3); expect(w.reply).toContain("bakery"); } }],
];

describe("offline model: lists, labels, repeats and quick-add marks on the real tools", () => {
  it.each(CASES)("%s", async (_name, { say, then, check }) => {
    const userId = await freshUser();
    const c = new Conversation(userId);
    let reply = "";
    for (const message of [say].flat()) reply = (await c.say(message)).outcome.text ?? "";
    if (then) reply = (await c.decide(then)).outcome.text ?? "";
    check(await world(userId, reply, c.pending !== null));
  });
});
