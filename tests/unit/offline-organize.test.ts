import { describe, expect, it } from "vitest";
import { parseIntent, type Intent } from "@/lib/agent/offline/intents";
import { quickAddMarks } from "@/lib/agent/offline/organize";
import { matchName } from "@/lib/agent/offline/organize-plan";
import { planNextStep } from "@/lib/agent/offline/planner";
import { ORGANIZE_TOOL, toolCatalog } from "@/lib/agent/offline/tool-names";
import { Transcript } from "@/lib/agent/offline/transcript";
import { MAX_MESSAGE_CHARS } from "@/lib/chatkit/schemas";
import { agentToolContent } from "@/mcp/agent-output";
import { TOOL_NAMES } from "@/mcp/tools";

/**
 * Lists, labels, repeats and quick-add marks in the offline grammar (issue 16): what each phrase
 * means, what the planner calls for it once the user's lists are known, and that hostile input
 * costs linear time.
 */
const WED = "2026-12-02";
const THU = "2026-12-03";
const FRI = "2026-12-04";

/** The intent without its fallback reading (checked separately), for readable tables. */
const parsed = (text: string) => {
  const intent = parseIntent(text, WED) as Intent & { fallback?: Intent };
  const { fallback, ...rest } = intent;
  return { ...rest, ...(fallback ? { fallback: fallback.type } : {}) };
};

describe("list phrases", () => {
  it.each<[string, object]>([
    ["add milk to groceries", { type: "add", tasks: [{ title: "Milk" }], list: { name: "groceries", explicit: false, plain: [{ title: "Milk to groceries" }] } }],
    ["add milk to my groceries list", { type: "add", tasks: [{ title: "Milk" }], list: { name: "groceries", explicit: true } }],
    ["add milk to groceries tomorrow", { type: "add", tasks: [{ title: "Milk", dueDate: THU }], list: { name: "groceries" } }],
    ["add milk, eggs and bread to groceries", { type: "add", tasks: [{ title: "Milk" }, { title: "Eggs" }, { title: "Bread" }], list: { name: "groceries" } }],
    ["what's on my work list?", { type: "list_in", name: "work", explicit: true, status: "active", fallback: "list" }],
    ["what's left in the holiday list", { type: "list_in", name: "holiday", explicit: true, status: "active" }],
    ["show me everything in groceries", { type: "list_in", name: "groceries", status: "all" }],
    ["show my groceries", { type: "list_in", name: "groceries", explicit: false }],
    ["what lists do I have?", { type: "show_lists" }],
    ["show my lists", { type: "show_lists" }],
    ["create a list called Groceries", { type: "create_list", name: "Groceries" }],
    ["new list: Holiday packing", { type: "create_list", name: "Holiday packing" }],
    ["start a new list for Holiday", { type: "create_list", name: "Holiday" }],
    ["rename the work list to Office", { type: "rename_list", from: "work", to: "Office", fallback: "rename" }],
    ["rename list work to office", { type: "rename_list", from: "work", to: "office" }],
    ["delete the groceries list", { type: "delete_list", name: "groceries", fallback: "delete" }],
    ["delete the groceries list but keep its tasks", { type: "delete_list", name: "groceries", tasks: "move" }],
    ["delete the groceries list and all its tasks", { type: "delete_list", name: "groceries", tasks: "delete" }],
    ["move the report to work", { type: "move_to_list", ref: { kind: "title", text: "the report" }, list: "work", explicit: false, fallback: "clarify" }],
    ["put fix the tap on my home list", { type: "move_to_list", ref: { kind: "title", text: "fix the tap" }, list: "home", explicit: true }],
  ])("%s", (text, intent) => expect(parsed(text)).toMatchObject(intent));

  it.each<[string, object]>([
    // The general list and the task grammar keep their phrases.
    ["what's on my list?", { type: "list", status: "all" }],
    ["what's on my todo list?", { type: "list" }],
    ["put pick up dry cleaning on my list", { type: "add", tasks: [{ title: "Pick up dry cleaning" }] }],
    ["move buy milk to friday", { type: "due", dueDate: FRI }],
    ["what's due on friday?", { type: "list" }],
    ["delete everything on my list", { type: "bulk" }],
    ["add call mum on friday", { type: "add", tasks: [{ title: "Call mum", dueDate: FRI }] }],
    ['add "Call Bob re: Q3 #budget"', { type: "add", tasks: [{ title: "Call Bob re: Q3 #budget" }] }],
    ["add C# homework", { type: "add", tasks: [{ title: "C# homework" }] }],
    ["email bob@example.com", { type: "unknown" }],
  ])("still: %s", (text, intent) => expect(parsed(text)).toMatchObject(intent));

  it("keeps a priority label, a leading date and marks on the reading without a list", () => {
    expect(parsed("asap: reply to Jenny")).toMatchObject({ type: "add", tasks: [{ title: "Reply", priority: "high" }], list: { name: "Jenny", plain: [{ title: "Reply to Jenny", priority: "high" }] } });
    expect(parsed("friday: talk to Sam")).toMatchObject({ list: { plain: [{ title: "Talk to Sam", dueDate: FRI }] } });
    expect(parsed("add milk to groceries @errands")).toMatchObject({ list: { plain: [{ title: "Milk to groceries", labels: ["errands"] }] } });
    expect(parsed("move buy milk to 5pm")).toMatchObject({ type: "clarify", message: expect.stringContaining("no time of day") });
  });

  it("keeps the words as the title when no list has that name", () => {
    expect(parsed("I need to go to the bank")).toMatchObject({ type: "add", list: { name: "bank", explicit: false, plain: [{ title: "Go to the bank" }] } });
  });
});

describe("label phrases", () => {
  const report = { kind: "title", text: "the report" };
  it.each<[string, object]>([
    ["label the report @urgent", { type: "label", ref: report, labels: ["urgent"], remove: false }],
    ["tag the report urgent", { type: "label", ref: report, labels: ["urgent"], remove: false }],
    ["tag the report with health", { type: "label", ref: report, labels: ["health"], remove: false }],
    ["add the errands label to buy stamps", { type: "label", ref: { kind: "title", text: "buy stamps" }, labels: ["errands"], remove: false }],
    ["remove the urgent label from the report", { type: "label", ref: report, labels: ["urgent"], remove: true }],
    ["take the tag urgent off the report", { type: "label", ref: report, labels: ["urgent"], remove: true }],
    ["untag the report urgent", { type: "label", ref: report, labels: ["urgent"], remove: true }],
    ["what's labelled urgent?", { type: "labelled", name: "urgent", status: "active" }],
    ["which tasks are tagged work", { type: "labelled", name: "work" }],
    ["show @errands", { type: "labelled", name: "errands" }],
    ["what labels do I have", { type: "show_labels" }],
  ])("%s", (text, intent) => expect(parsed(text)).toMatchObject(intent));
});

describe("repeat phrases", () => {
  const gym = { kind: "title", text: "the gym" };
  it.each<[string, object]>([
    ["add water plants every day", { type: "add", tasks: [{ title: "Water plants", repeat: "every day" }] }],
    ["water the plants every day", { type: "add", tasks: [{ title: "Water the plants", repeat: "every day" }] }],
    ["pay rent every month on the 1st", { type: "add", tasks: [{ title: "Pay rent", repeat: "every month on the 1st" }] }],
    ["remind me to take out the bins every thursday", { type: "add", tasks: [{ title: "Take out the bins", repeat: "every thursday" }] }],
    ["add take meds every day, high priority", { type: "add", tasks: [{ title: "Take meds", repeat: "every day", priority: "high" }] }],
    ["make the gym every monday", { type: "repeat", ref: gym, phrase: "every monday", fallback: "add" }],
    ["the newsletter should repeat every friday", { type: "repeat", ref: { kind: "title", text: "the newsletter" }, phrase: "every friday" }],
    ["repeat it every weekday", { type: "repeat", ref: { kind: "pronoun" }, phrase: "every weekday" }],
    ["stop repeating the gym", { type: "repeat", ref: gym, phrase: null }],
    ["the gym shouldn't repeat anymore", { type: "repeat", ref: gym, phrase: null }],
    ["make the gym a one-off", { type: "repeat", ref: gym, phrase: null }],
  ])("%s", (text, intent) => expect(parsed(text)).toMatchObject(intent));

  it("does not read a date as a repeat", () => {
    expect(parsed("add call mum on monday")).not.toHaveProperty("tasks.0.repeat");
    expect(parsed("what's due every day?")).toMatchObject({ type: "list" });
  });
});

describe("quick-add marks typed in chat", () => {
  it.each<[string, object]>([
    ["buy milk tomorrow #groceries @errands p1", { type: "add", tasks: [{ title: "Buy milk", dueDate: THU, labels: ["errands"], priority: "high" }], list: { name: "groceries", explicit: true } }],
    ["standup every weekday #work", { type: "add", tasks: [{ title: "Standup", repeat: "every weekday" }], list: { name: "work", explicit: true } }],
    ["add call the bank @phone", { type: "add", tasks: [{ title: "Call the bank", labels: ["phone"] }] }],
    ["add sort the photos p3 @home", { type: "add", tasks: [{ title: "Sort the photos", labels: ["home"], priority: "low" }] }],
    ["send the invoice on monday #work", { type: "add", tasks: [{ title: "Send the invoice", dueDate: "2026-12-07" }], list: { name: "work", explicit: true } }],
    ["send the report to bob", { type: "unknown" }],
    ["pick up the parcel @errands @town friday", { type: "add", tasks: [{ title: "Pick up the parcel", labels: ["errands", "town"], dueDate: FRI }] }],
  ])("%s", (text, intent) => expect(parsed(text)).toMatchObject(intent));

  it("finds marks only at word starts and outside quotes", () => {
    expect(quickAddMarks("email bob@example.com about C#")).toBeUndefined();
    expect(quickAddMarks('add "Review #12" @work')).toBeUndefined();
    expect(quickAddMarks("print p2 of the form")).toBeUndefined();
    expect(quickAddMarks("call mum p1")).toEqual({ labels: [], priority: "high", rest: "call mum" });
  });
});

describe("names the user means", () => {
  const lists = [{ id: 1, name: "Inbox" }, { id: 2, name: "Groceries" }, { id: 3, name: "Work stuff" }, { id: 4, name: "Book" }];
  it.each([
    ["groceries", 2],
    ["GROCERIES", 2],
    ["grocery", 2],
    ["grocerie", 2],
    ["#groceries", 2],
    ["work stuff", 3],
    ["books", 4],
    ["boo", undefined],
    ["holiday", undefined],
  ])("%s", (name, id) => expect(matchName(String(name), lists)?.id).toBe(id));
});

/** A conversation item list: the user's message, then each call with its output. */
function transcript(message: string, exchanges: Array<[string, Record<string, unknown>, unknown]> = []) {
  const items: unknown[] = [{ role: "user", content: message }];
  exchanges.forEach(([name, args, data], i) => {
    items.push({ type: "function_call", callId: `c${i}`, name, arguments: JSON.stringify(args) });
    const output = agentToolContent({ content: [{ type: "text", text: "a summary" }], structuredContent: data as Record<string, unknown> });
    items.push({ type: "function_call_result", callId: `c${i}`, name, status: "completed", output });
  });
  return new Transcript(items as never);
}

const LISTS = { lists: [{ id: 1, name: "Inbox", isInbox: true }, { id: 2, name: "Groceries", isInbox: false }] };

describe("the planner with the user's lists", () => {
  it("reads the lists, then adds to the one named, with its real name", () => {
    expect(planNextStep(transcript("add milk to groceries"), WED)).toEqual({ type: "calls", calls: [{ name: "list_lists", args: {} }] });
    expect(planNextStep(transcript("add milk to groceries", [["list_lists", {}, LISTS]]), WED)).toEqual({
      type: "calls",
      calls: [{ name: "add_task", args: { title: "Milk", list: "Groceries" } }],
    });
  });

  it("keeps the words in the title when no list has that name, and asks when a list was clearly meant", () => {
    expect(planNextStep(transcript("add walk to the park", [["list_lists", {}, LISTS]]), WED)).toEqual({ type: "calls", calls: [{ name: "add_task", args: { title: "Walk to the park" } }] });
    const asked = planNextStep(transcript("add milk to my shopping list", [["list_lists", {}, LISTS]]), WED);
    expect(asked).toMatchObject({ type: "reply", text: expect.stringContaining("You don't have a list called “shopping”. Your lists: Inbox, Groceries") });
  });

  it("says the list, labels and rule after adding", () => {
    const added = { task: { id: 9, title: "Buy milk", completed: false, dueDate: THU, priority: "high", recurrenceText: null } };
    const step = planNextStep(
      transcript("buy milk tomorrow #groceries @errands p1", [
        ["list_lists", {}, LISTS],
        ["add_task", { title: "Buy milk", dueDate: THU, priority: "high", list: "Groceries", labels: ["errands"] }, added],
      ]),
      WED,
    );
    expect(step).toEqual({ type: "reply", text: "Added “Buy milk” to Groceries, labelled errands (due tomorrow, high priority)." });
    const repeating = planNextStep(
      transcript("add water plants every day", [["add_task", { title: "Water plants", repeat: "every day" }, { task: { id: 3, title: "Water plants", completed: false, recurrenceText: "Every day" } }]]),
      WED,
    );
    expect(repeating).toEqual({ type: "reply", text: "Added “Water plants” (every day)." });
  });

  it("sends a repeat, labels and a list only to tools that take them, and skips list reads a server lacks", () => {
    const oldTools = toolCatalog([{ name: "add_task", parameters: { properties: { title: {}, dueDate: {}, priority: {} } } }, { name: "list_tasks", parameters: { properties: {} } }]);
    expect(planNextStep(transcript("standup every weekday #work @team"), WED, oldTools)).toEqual({ type: "calls", calls: [{ name: "add_task", args: { title: "Standup" } }] });
    expect(planNextStep(transcript("add milk to groceries"), WED, oldTools)).toEqual({ type: "calls", calls: [{ name: "add_task", args: { title: "Milk to groceries" } }] });
    expect(planNextStep(transcript("what lists do I have?"), WED, oldTools)).toMatchObject({ type: "reply", text: expect.stringContaining("doesn't offer") });
  });

  it("moves a task after checking the list and finding the task", () => {
    const tasks = { tasks: [{ id: 5, title: "Write the report", completed: false, listId: 1, labelIds: [] }], nextCursor: null };
    expect(planNextStep(transcript("move the report to groceries", [["list_lists", {}, LISTS]]), WED)).toMatchObject({ calls: [{ name: "list_tasks" }] });
    expect(planNextStep(transcript("move the report to groceries", [["list_lists", {}, LISTS], ["list_tasks", { status: "all", limit: 100 }, tasks]]), WED)).toEqual({
      type: "calls",
      calls: [{ name: "update_task", args: { id: 5, list: "Groceries" } }],
    });
  });

  it("puts a new task on the list when no task has the name: “put bread in groceries”", () => {
    const tasks = { tasks: [{ id: 5, title: "Write the report", completed: false, listId: 1 }], nextCursor: null };
    expect(planNextStep(transcript("put bread in groceries", [["list_lists", {}, LISTS], ["list_tasks", { status: "all", limit: 100 }, tasks]]), WED)).toEqual({
      type: "calls",
      calls: [{ name: "add_task", args: { title: "Bread", list: "Groceries" } }],
    });
  });

  it("adds a label to the ones a task has, and removes only the one named", () => {
    const labels = { labels: [{ id: 1, name: "work" }, { id: 2, name: "urgent" }] };
    const tasks = { tasks: [{ id: 5, title: "Write the report", completed: false, listId: 1, labelIds: [1] }], nextCursor: null };
    expect(planNextStep(transcript("tag the report urgent", [["list_labels", {}, labels], ["list_tasks", { status: "all", limit: 100 }, tasks]]), WED)).toEqual({
      type: "calls",
      calls: [{ name: "update_task", args: { id: 5, labels: ["work", "urgent"] } }],
    });
    expect(planNextStep(transcript("untag the report work", [["list_labels", {}, labels], ["list_tasks", { status: "all", limit: 100 }, tasks]]), WED)).toEqual({
      type: "calls",
      calls: [{ name: "update_task", args: { id: 5, labels: [] } }],
    });
  });

  it("calls only tools the MCP server registers", () => {
    for (const name of Object.values(ORGANIZE_TOOL)) expect(TOOL_NAMES).toContain(name);
  });
});

describe("hostile input", () => {
  const longest = (unit: string) => unit.repeat(Math.floor(MAX_MESSAGE_CHARS / unit.length));
  it.each(["#a ", "@a ", "p1 ", "to my ", "add milk to ", "every day ", "every monday and ", "label ", "tag x ", "move x to ", "the list ", "what's on my "])(
    "reads %j repeated to the message limit in well under a second",
    (unit) => {
      for (const text of [longest(unit), `add ${longest(unit)}`, `${longest(unit)} list`, `label ${longest(unit)} @x`]) {
        const started = performance.now();
        parseIntent(text.slice(0, MAX_MESSAGE_CHARS), WED);
        expect(performance.now() - started).toBeLessThan(1000);
      }
    },
  );

  it("does not take a list or label name longer than the tables keep", () => {
    expect(parsed(`create a list called ${"x".repeat(61)}`)).not.toMatchObject({ type: "create_list" });
    expect(parsed(`tag the report ${"y".repeat(41)}`)).not.toMatchObject({ type: "label" });
  });
});
