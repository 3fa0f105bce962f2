import { describe, expect, it } from "vitest";
import { runScenario } from "@/eval/conversation";
import { parseScenarioFile } from "@/eval/scenarios";
import { addDays, todayUtc } from "@/lib/dates";

/**
 * The eval's runner and judge on the test database, with the offline model: each scenario is a
 * new user talking to the real chat endpoint. The last expectation is deliberately wrong, to
 * show the judge can fail and says what differed.
 */
const [addWithDate, cancelledDelete, wrongExpectation] = parseScenarioFile({
  scenarios: [
    { id: "add-with-date", category: "add", turns: ["add buy milk tomorrow"], expect: { titles: ["Buy milk"], tasks: [{ title: "Buy milk", dueDate: "+1d", completed: false }], count: 1 } },
    {
      id: "cancelled-delete",
      category: "delete-with-confirmation",
      setup: [{ title: "Old newsletter", dueDate: "today" }, { title: "Pay rent", priority: "high", completed: true }],
      turns: ["delete old newsletter", { card: "cancel" }, "what's left?"],
      expect: { unchanged: true, reply: { contains: ["Old newsletter"], notContains: ["Pay rent"] } },
    },
    { id: "wrong-on-purpose", category: "add", turns: ["add buy milk tomorrow"], expect: { titles: ["Buy bread"], tasks: [{ title: "Buy milk", dueDate: "+2d" }] } },
  ],
});

/** Issue 16: a world with lists, labels and a repeating task, seeded and read back for the judge. */
const [seededWorld] = parseScenarioFile({
  scenarios: [
    {
      id: "seeded-world",
      category: "lists",
      lists: ["Work", { name: "Old", archived: true }],
      labels: ["urgent", "Errands"],
      setup: [{ title: "Write the report", list: "work", labels: ["urgent", "errands"], repeat: "every monday" }, { title: "Buy milk" }],
      turns: ["what's left?"],
      expect: {
        unchanged: true,
        lists: ["Work", "Old"],
        labels: ["urgent", "Errands"],
        tasks: [{ title: "Write the report", list: "Work", labels: ["urgent", "Errands"], repeats: "Every Monday" }, { title: "Buy milk", list: "Inbox", labels: [], repeats: false }],
      },
    },
  ],
});

const run = (scenario: Parameters<typeof runScenario>[0]) => runScenario(scenario!, { today: () => todayUtc() });

describe("eval runner", () => {
  it("seeds lists, labels and a repeat rule, and judges them by name and in words", async () => {
    const result = await run(seededWorld!);
    expect(result.differences).toEqual([]);
    expect(result.tasksAfter.map((t) => [t.title, t.list, t.labels, t.repeats])).toEqual([
      ["Write the report", "Work", ["urgent", "Errands"], "Every Monday"],
      ["Buy milk", "Inbox", [], null],
    ]);
  });

  it("passes a scenario whose expectation the conversation meets", async () => {
    const result = await run(addWithDate!);
    expect(result.differences).toEqual([]);
    expect(result.passed).toBe(true);
    expect(result.tasksAfter).toEqual([{ title: "Buy milk", description: null, priority: "medium", dueDate: addDays(result.today, 1), completed: false, list: "Inbox", labels: [], repeats: null }]);
    expect(result.turns).toEqual([{ said: "add buy milk tomorrow", reply: expect.stringContaining("Buy milk"), ms: expect.any(Number), status: 200 }]);
    // The offline model is no OpenAI provider: nothing is metered.
    expect(result.usage).toEqual({ requests: 0, inputTokens: 0, outputTokens: 0, totalTokens: 0 });
  });

  it("presses the confirmation card's Cancel button, and judges the reply of a read-only question", async () => {
    const result = await run(cancelledDelete!);
    expect(result.turns.map((t) => t.said)).toEqual(["delete old newsletter", "[presses Cancel]", "what's left?"]);
    expect(result.turns[0]!.reply).toMatch(/\[card: Delete “Old newsletter”\?\]/);
    // The press reached the endpoint (a skipped press has status 0 and a note).
    expect(result.turns[1]!.status).toBe(200);
    expect(result.notes).toEqual([]);
    expect(result.differences).toEqual([]);
    expect(result.passed).toBe(true);
  });

  it("fails a wrong expectation and says what differed, expected before actual", async () => {
    const result = await run(wrongExpectation!);
    expect(result.passed).toBe(false);
    const tomorrow = addDays(result.today, 1);
    expect(result.differences).toEqual([
      'titles: expected ["Buy bread"], got ["Buy milk"]',
      `task "Buy milk": expected due ${addDays(result.today, 2)}, is ${tomorrow}`,
    ]);
  });
});
