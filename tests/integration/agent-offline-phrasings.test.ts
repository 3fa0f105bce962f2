import { describe, expect, it } from "vitest";
import { addDays, todayUtc } from "@/lib/dates";
import { listTasks, type Task } from "@/lib/tasks";
import { Conversation } from "../helpers/agent";
import { seedChecks, seededUser, type World } from "../helpers/seeded-user";

/**
 * The offline model's grammar, phrase by phrase, through the real Agents SDK runner and
 * the real MCP tools on a real database. Every row checks the resulting tasks, not only the reply.
 */
const TODAY = todayUtc();
const TOMORROW = addDays(TODAY, 1);
function nextWeekday(day: number): string {
  const dow = new Date(`${TODAY}T00:00:00Z`).getUTCDay();
  return addDays(TODAY, (day - dow + 7) % 7 || 7);
}
const FRIDAY = nextWeekday(5);
const MONDAY = nextWeekday(1);

const SEED = [
  { title: "Buy milk", dueDate: TOMORROW },
  { title: "Call mum", priority: "high" as const },
  { title: "Write quarterly report", dueDate: addDays(TODAY, 3) },
  { title: "Pay rent", done: true },
  { title: "Book dentist appointment", priority: "low" as const },
];

/** `{id:Title}` in a phrase stands for that seeded task's id. */
async function withIds(userId: string, message: string): Promise<string> {
  const { tasks } = await listTasks(userId, { limit: 100 });
  return message.replace(/\{id:([^}]+)\}/g, (_, title: string) => String(tasks.find((t) => t.title === title)!.id));
}

const freshUser = () => seededUser("Phrasing", SEED);

type Case = { say: string | string[]; then?: "approve" | "reject"; check: (w: World) => void };

const { unchanged, added, deleted, replies } = seedChecks(SEED);
const addedMany = (...titles: string[]) => (w: World) => {
  expect(w.tasks).toHaveLength(SEED.length + titles.length);
  for (const title of titles) expect(w.t(title), title).toBeDefined();
};
const completed = (title: string) => (w: World) => {
  expect(w.t(title)?.completed).toBe(true);
  expect(w.tasks.filter((t) => t.completed)).toHaveLength(title === "Pay rent" ? 1 : 2);
};
const changed = (title: string, fields: Partial<Task>) => (w: World) => {
  expect(w.t(title), `task “${title}”`).toMatchObject(fields);
  expect(w.tasks).toHaveLength(SEED.length);
};
const asksConfirmation = (w: World) => {
  expect(w.pending).toBe(true);
  unchanged(w);
};

const CASES: Array<[string, Case]> = [
  // --- adding ---------------------------------------------------------------------------------
  ["add X", { say: "add buy eggs", check: added("Buy eggs") }],
  ["add X tomorrow", { say: "add water the plants tomorrow", check: added("Water the plants", { dueDate: TOMORROW }) }],
  ["add a task X", { say: "add a task pick up parcel", check: added("Pick up parcel") }],
  ["add task: X", { say: "add task: renew passport", check: added("Renew passport") }],
  ["create a task called X", { say: "create a task called clean the garage", check: added("Clean the garage") }],
  ["new task X", { say: "new task fix the bike", check: added("Fix the bike") }],
  ["remind me to X on friday", { say: "remind me to email Sam on friday", check: added("Email Sam", { dueDate: FRIDAY }) }],
  ["remind me to X by monday", { say: "Remind me to submit taxes by Monday", check: added("Submit taxes", { dueDate: MONDAY }) }],
  ["I need to X", { say: "I need to buy a birthday card", check: added("Buy a birthday card") }],
  ["I have to X today", { say: "I have to return the library books today", check: added("Return the library books", { dueDate: TODAY }) }],
  ["don't let me forget to X", { say: "don't let me forget to water the cactus", check: added("Water the cactus") }],
  ["put X on my list", { say: "put oat milk on my list", check: added("Oat milk") }],
  ["add X to my list", { say: "add shampoo to my list", check: added("Shampoo") }],
  ["add X urgent", { say: "add fix the leak, urgent", check: added("Fix the leak", { priority: "high" }) }],
  ["add high priority X", { say: "add high priority call the bank", check: added("Call the bank", { priority: "high" }) }],
  ["add X low priority", { say: "add sort photos low priority", check: added("Sort photos", { priority: "low" }) }],
  ["add X on ISO date", { say: "add dentist checkup on 2031-03-04", check: added("Dentist checkup", { dueDate: "2031-03-04" }) }],
  ["add X in 3 days", { say: "add send invoice in 3 days", check: added("Send invoice", { dueDate: addDays(TODAY, 3) }) }],
  ["add X next week", { say: "add plan the trip next week", check: added("Plan the trip", { dueDate: addDays(TODAY, 7) }) }],
  ["add X and Y", { say: "add milk and eggs", check: addedMany("Milk", "Eggs") }],
  ["add X, Y and Z", { say: "add bread, butter and jam", check: addedMany("Bread", "Butter", "Jam") }],
  ["add a quoted title with and", { say: 'add "salt and pepper"', check: added("Salt and pepper") }],
  ["polite add", { say: "Could you please add buy flowers tomorrow? Thanks!", check: added("Buy flowers", { dueDate: TOMORROW }) }],
  ["very polite add", { say: "hi, can you kindly add feed the cat please", check: added("Feed the cat") }],
  ["misspelled add verb", { say: "ad buy stamps", check: added("Buy stamps") }],
  ["misspelled tomorrow", { say: "add call the plumber tomorow", check: added("Call the plumber", { dueDate: TOMORROW }) }],
  ["I'd like to add X", { say: "I'd like to add renew gym membership", check: added("Renew gym membership") }],
  ["todo: X", { say: "todo: defrost the freezer", check: added("Defrost the freezer") }],
  // --- listing --------------------------------------------------------------------------------
  ["show my tasks", { say: "show my tasks", check: replies(/You have 5 tasks:\n1\. /) }],
  ["list tasks", { say: "list tasks", check: replies(/Buy milk/) }],
  ["what's on my list", { say: "what's on my list?", check: replies(/You have 5 tasks/) }],
  ["what's left", { say: "what's left?", check: replies(/You have 4 open tasks/) }],
  ["what do I still have to do", { say: "what do I still have to do", check: replies(/4 open tasks/) }],
  ["show completed", { say: "show completed tasks", check: replies(/1 completed task:\n1\. ~~Pay rent~~/) }],
  ["anything overdue", { say: "is there anything overdue?", check: replies(/Nothing is overdue\./) }],
  ["search", { say: "find tasks about report", check: replies(/1 task matching “report”:\n1\. Write quarterly report/) }],
  ["tasks", { say: "tasks", check: replies(/You have 5 tasks/) }],
  ["what have I got", { say: "What tasks have I got?", check: replies(/You have 5 tasks/) }],
  // --- completing -----------------------------------------------------------------------------
  ["mark X as done", { say: "mark buy milk as done", check: completed("Buy milk") }],
  ["mark X done", { say: "mark call mum done", check: completed("Call mum") }],
  ["complete X", { say: "complete the quarterly report", check: completed("Write quarterly report") }],
  ["finished X", { say: "finished calling mum", check: completed("Call mum") }],
  ["I finished X", { say: "I finished the dentist appointment", check: completed("Book dentist appointment") }],
  ["X is done", { say: "buy milk is done", check: completed("Buy milk") }],
  ["done with X", { say: "done with buy milk", check: completed("Buy milk") }],
  ["check off X", { say: "check off call mum", check: completed("Call mum") }],
  ["misspelled title", { say: "mark by mlik as done", check: completed("Buy milk") }],
  ["misspelled verb", { say: "compelte call mum", check: completed("Call mum") }],
  ["partial title", { say: "mark dentist as done", check: completed("Book dentist appointment") }],
  ["polite complete", { say: "could you mark the report as complete please", check: completed("Write quarterly report") }],
  ["by id", { say: "complete task #{id:Call mum}", check: completed("Call mum") }],
  ["by id with hash only", { say: "delete #{id:Buy milk}", then: "approve", check: deleted("Buy milk") }],
  ["reopen", { say: "mark pay rent as not done", check: changed("Pay rent", { completed: false, completedAt: null }) }],
  ["reopen verb", { say: "reopen pay rent", check: changed("Pay rent", { completed: false }) }],
  // --- positions and pronouns across turns -----------------------------------------------------
  ["the second one", { say: ["what's left?", "mark the second one as done"], check: (w) => expect(w.tasks.filter((t) => t.completed)).toHaveLength(2) }],
  ["the first one after listing by due", { say: ["what's left?", "complete the first one"], check: completed("Buy milk") }],
  ["bare number after a list", { say: ["what's left?", "mark 1 as done"], check: completed("Buy milk") }],
  ["the last one", { say: ["show completed tasks", "reopen the last one"], check: changed("Pay rent", { completed: false }) }],
  ["it after adding", { say: ["add order pizza", "mark it as done"], check: (w) => expect(w.t("Order pizza")?.completed).toBe(true) }],
  ["it after completing", { say: ["mark buy milk as done", "actually, reopen it"], check: (w) => { expect(w.reply).toBe("Reopened “Buy milk”."); unchanged(w); } }],
  ["that one with a due date", { say: ["add order pizza", "change the due date of it to friday"], check: (w) => expect(w.t("Order pizza")?.dueDate).toBe(FRIDAY) }],
  ["a position with no list shown", { say: "mark the third one as done", check: replies(/Say “show my tasks” first/) }],
  ["a position beyond the list", { say: ["show completed tasks", "delete the fifth one"], check: replies(/only 1 task/) }],
  // --- renaming, dates, priorities -------------------------------------------------------------
  ["rename X to Y", { say: "rename buy milk to buy oat milk", check: changed("Buy oat milk", { dueDate: TOMORROW }) }],
  ["change the title of X to Y", { say: "change the title of call mum to call mum and dad", check: changed("Call mum and dad", { priority: "high" }) }],
  ["change X to Y", { say: "change pay rent to pay the rent", check: changed("Pay the rent", { completed: true }) }],
  ["change the due date of X to friday", { say: "change the due date of buy milk to friday", check: changed("Buy milk", { dueDate: FRIDAY }) }],
  ["move X to monday", { say: "move the report to monday", check: changed("Write quarterly report", { dueDate: MONDAY }) }],
  ["postpone X until tomorrow", { say: "postpone call mum until tomorrow", check: changed("Call mum", { dueDate: TOMORROW }) }],
  ["X is due today", { say: "call mum is due today", check: changed("Call mum", { dueDate: TODAY }) }],
  ["change X to a date", { say: "change buy milk to 2031-01-05", check: changed("Buy milk", { dueDate: "2031-01-05" }) }],
  ["remove the due date", { say: "remove the due date from buy milk", check: changed("Buy milk", { dueDate: null }) }],
  ["make X high priority", { say: "make buy milk high priority", check: changed("Buy milk", { priority: "high" }) }],
  ["mark X as urgent", { say: "mark the report as urgent", check: changed("Write quarterly report", { priority: "high" }) }],
  ["set the priority of X to low", { say: "set the priority of call mum to low", check: changed("Call mum", { priority: "low" }) }],
  ["a date that is not a date", { say: "change the due date of buy milk to blorpday", check: replies(/couldn't read “blorpday” as a date/) }],
  // --- deleting (always confirmed) -------------------------------------------------------------
  ["delete X asks first", { say: "delete buy milk", check: asksConfirmation }],
  ["remove X asks first", { say: "remove the dentist appointment", check: asksConfirmation }],
  ["get rid of X asks first", { say: "get rid of pay rent", check: asksConfirmation }],
  ["delete X approved", { say: "delete buy milk", then: "approve", check: deleted("Buy milk") }],
  ["remove X approved", { say: "please remove call mum", then: "approve", check: deleted("Call mum") }],
  ["misspelled delete approved", { say: "delet the dentist appointment", then: "approve", check: deleted("Book dentist appointment") }],
  ["delete X rejected", { say: "delete buy milk", then: "reject", check: replies(/kept “Buy milk”\. Nothing was deleted/) }],
  ["delete the second one approved", { say: ["what's left?", "delete the second one"], then: "approve", check: (w) => expect(w.tasks).toHaveLength(SEED.length - 1) }],
  ["delete all completed approved", { say: "delete all completed tasks", then: "approve", check: deleted("Pay rent") }],
  ["clear completed rejected", { say: "clear completed", then: "reject", check: unchanged }],
  ["mark everything as done (bulk) asks first", { say: "mark all as done", check: asksConfirmation }],
  ["mark everything as done approved", { say: "mark all as done", then: "approve", check: (w) => expect(w.tasks.every((t) => t.completed)).toBe(true) }],
  // --- refusing and asking ---------------------------------------------------------------------
  ["an exact title is not ambiguous", { say: ["add buy milk powder", "mark buy milk as done"], check: (w) => expect(w.t("Buy milk")?.completed).toBe(true) }],
  ["ambiguous reference asks which", { say: ["add buy milk powder", "mark milk as done"], check: (w) => { expect(w.reply).toMatch(/^Which one do you mean\?/); expect(w.tasks.filter((t) => t.completed)).toHaveLength(1); } }],
  ["answering the question resolves it", { say: ["add buy milk powder", "mark milk as done", "the second one"], check: (w) => expect(w.tasks.filter((t) => t.completed)).toHaveLength(2) }],
  ["unknown task", { say: "mark walk the dog as done", check: replies(/couldn't find a task called “walk the dog”/) }],
  ["unknown id", { say: "complete task #999999", check: replies(/couldn't do that: Task 999999 not found/) }],
  ["gibberish", { say: "blarg fnord", check: replies(/Sorry, I didn't understand that\..*add buy milk tomorrow/s) }],
  ["weather", { say: "what's the weather like?", check: replies(/didn't understand/) }],
  ["help", { say: "help", check: replies(/I understand simple task commands|offline assistant/) }],
  ["what can you do", { say: "what can you do?", check: replies(/Try:/) }],
  ["greeting", { say: "hello", check: replies(/Hi!/) }],
  ["thanks", { say: "thanks", check: replies(/You're welcome/) }],
  ["add with no title", { say: "add a task", check: replies(/What should the task be called/) }],
  ["a 300-character title", { say: `add ${"x".repeat(300)}`, check: replies(/longer than 200 characters/) }],
  ["it with no context", { say: "delete it", check: replies(/Which task do you mean/) }],
];

describe("the offline model's grammar, through the Agents SDK runner and the MCP tools", () => {
  it("has at least 80 phrasings", () => expect(CASES.length).toBeGreaterThanOrEqual(80));

  it.each(CASES)("%s", async (_name, c) => {
    const userId = await freshUser();
    const conversation = new Conversation(userId);
    const says = Array.isArray(c.say) ? c.say : [c.say];
    let reply = "";
    for (const message of says) reply = (await conversation.say(await withIds(userId, message))).outcome.text;
    if (c.then) {
      expect(conversation.pending, "the run should have paused for confirmation").not.toBeNull();
      reply = (await conversation.decide(c.then)).outcome.text;
    }
    const { tasks } = await listTasks(userId, { limit: 100 });
    c.check({ tasks, reply, pending: conversation.pending !== null, t: (title) => tasks.find((t) => t.title === title) });
  });
});

describe("streaming and determinism", () => {
  it("streams the reply word by word", async () => {
    const conversation = new Conversation(await freshUser());
    const { events, streamed, outcome } = await conversation.say("what's left?");
    const deltas = events.filter((e) => e.type === "raw_model_stream_event" && e.data.type === "output_text_delta");
    expect(deltas.length).toBeGreaterThan(5);
    expect(streamed).toBe(outcome.text);
  });

  it("gives the same reply to the same words", async () => {
    const a = await new Conversation(await freshUser()).say("what's left?");
    const b = await new Conversation(await freshUser()).say("what's left?");
    expect(a.outcome.text).toBe(b.outcome.text);
  });
});
