import { describe, expect, it } from "vitest";
import { correctCommandWord, titleMatchScore, MATCH_THRESHOLD } from "@/lib/agent/offline/fuzzy";
import { parseIntent } from "@/lib/agent/offline/intents";
import { baseOfPastTense } from "@/lib/agent/offline/verbs";

const WED = "2026-11-25";

describe("correctCommandWord", () => {
  it.each([
    ["cmoplete", "complete"],
    ["mrak", "mark"],
    ["dleete", "delete"],
    ["reanme", "rename"],
    ["shwo", "show"],
    ["prioritze", "prioritize"],
    ["resechdule", "reschedule"],
    ["delte", "delete"],
    ["chnage", "change"],
    ["lsit", "list"],
    ["rmeove", "remove"],
  ])("%s → %s", (typo, command) => expect(correctCommandWord(typo)).toBe(command));

  // One wrong letter in a short word is usually another word, and real words stay as they are.
  it.each(["make", "shop", "call", "mask", "bake", "clean", "complete", "buy", "pay", "remind", "water", "milk", "it"])("leaves %j alone", (word) => {
    expect(correctCommandWord(word)).toBeUndefined();
  });
});

describe("misspelt command words are read as the command", () => {
  it.each([
    ["cmoplete buy milk", { type: "complete", ref: { kind: "title", text: "buy milk" }, completed: true }],
    ["mrak buy milk as done", { type: "complete", ref: { kind: "title", text: "buy milk" }, completed: true }],
    ["dleete call mum", { type: "delete", ref: { kind: "title", text: "call mum" } }],
    ["reanme buy milk to buy oat milk", { type: "rename", ref: { kind: "title", text: "buy milk" }, title: "Buy oat milk" }],
    ["shwo my tasks", { type: "list", status: "all" }],
    ["prioritze call mum", { type: "priority", ref: { kind: "title", text: "call mum" }, priority: "high" }],
    ["resechdule call mum to friday", { type: "due", ref: { kind: "title", text: "call mum" }, dueDate: "2026-11-27" }],
    ["please cmoplete the report", { type: "complete", ref: { kind: "title", text: "the report" }, completed: true }],
  ])("%s", (message, intent) => expect(parseIntent(message, WED)).toEqual(intent));

  it("does not turn an unknown sentence into a command", () => {
    expect(parseIntent("shop for new shoes", WED)).toEqual({ type: "unknown" });
    expect(parseIntent("blarg fnord", WED)).toEqual({ type: "unknown" });
  });
});

describe("past tenses", () => {
  it.each([
    ["called", "call"],
    ["bought", "buy"],
    ["paid", "pay"],
    ["submitted", "submit"],
    ["emailed", "email"],
    ["tidied", "tidy"],
    ["passed", "pass"],
  ])("%s → %s", (past, base) => expect(baseOfPastTense(past)).toBe(base));

  it.each(["need", "feed", "red", "added", "call", "milk", "moved"])("%j is not a statement verb", (word) => expect(baseOfPastTense(word)).toBeUndefined());

  it("finds a title through the verb's other forms", () => {
    expect(titleMatchScore("baked the bread", "Bake bread")).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
    expect(titleMatchScore("call mum", "Calling mum")).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
    expect(titleMatchScore("walk the dog", "Buy milk")).toBeLessThan(MATCH_THRESHOLD);
  });
});

describe("the kinds of issue 14, as intents", () => {
  it.each([
    ["urgent: call the bank", { type: "add", tasks: [{ title: "Call the bank", priority: "high" }] }],
    ["low prio: water plants", { type: "add", tasks: [{ title: "Water plants", priority: "low" }] }],
    ["!! pay invoice", { type: "add", tasks: [{ title: "Pay invoice", priority: "high" }] }],
    ["I called mum", { type: "complete", ref: { kind: "title", text: "call mum" }, completed: true }],
    ["paid the rent already", { type: "complete", ref: { kind: "title", text: "pay the rent" }, completed: true }],
    ["I didn't actually call mum", { type: "complete", ref: { kind: "title", text: "call mum" }, completed: false }],
    ["call mum is not finished yet", { type: "complete", ref: { kind: "title", text: "call mum" }, completed: false }],
    ["add 'eggs, milk, and bread'", { type: "add", tasks: [{ title: "Eggs, milk, and bread" }] }],
    ["add ‘call Ann, Bob’ tomorrow", { type: "add", tasks: [{ title: "Call Ann, Bob", dueDate: "2026-11-26" }] }],
    ["buy milk — done!", { type: "complete", ref: { kind: "title", text: "buy milk" }, completed: true }],
    ["[x] buy milk", { type: "complete", ref: { kind: "title", text: "buy milk" }, completed: true }],
    ["make it friday", { type: "due", ref: { kind: "pronoun" }, dueDate: "2026-11-27" }],
    ["actually, tomorrow", { type: "due", ref: { kind: "pronoun" }, dueDate: "2026-11-26" }],
    ["complete the dentist one", { type: "complete", ref: { kind: "title", text: "dentist" }, completed: true }],
    ["when is the rent due?", { type: "when", ref: { kind: "title", text: "the rent" } }],
    ["what's due today?", { type: "list", status: "active", due: { from: WED, to: WED, label: "today" } }],
    ["what's due this week?", { type: "list", status: "active", due: { from: WED, to: "2026-11-29", label: "this week" } }],
    ["show me low priority stuff", { type: "list", status: "active", priority: "low" }],
  ])("%s", (message, intent) => expect(parseIntent(message, WED)).toEqual(intent));

  it("a bare ordinal still answers “which one?” rather than setting a date", () => {
    expect(parseIntent("the 2nd", WED)).toEqual({ type: "unknown" });
  });

  it("“never mind” is not a reopen", () => expect(parseIntent("never mind", WED).type).not.toBe("complete"));
});

describe("bulk selections and undo", () => {
  it.each([
    ["complete everything except walk the dog", { type: "bulk", action: { kind: "complete", completed: true }, selection: { except: "walk the dog" } }],
    ["delete everything on my list", { type: "bulk", action: { kind: "delete" }, selection: {} }],
    ["push all my overdue stuff to friday", { type: "bulk", action: { kind: "due", dueDate: "2026-11-27" }, selection: { status: "overdue" } }],
    ["move everything due today to tomorrow", { type: "bulk", action: { kind: "due", dueDate: "2026-11-26" }, selection: { due: { from: WED, to: WED, label: "today" } } }],
    ["make all of them high priority", { type: "bulk", action: { kind: "priority", priority: "high" }, selection: {} }],
    ["reopen all completed tasks", { type: "bulk", action: { kind: "complete", completed: false }, selection: { status: "completed" } }],
  ])("%s", (message, intent) => expect(parseIntent(message, WED)).toEqual(intent));

  it("“all” inside a title is not a selection", () => {
    expect(parseIntent("mark all the groceries as done", WED)).toEqual({ type: "complete", ref: { kind: "title", text: "all the groceries" }, completed: true });
  });

  it.each(["undo", "undo that", "undo it", "undo the last change", "revert that", "take that back", "oops undo", "never mind, undo that", "Oops, undo!", "no wait, take that back"])(
    "%j is an undo",
    (message) => expect(parseIntent(message, WED)).toEqual({ type: "undo" }),
  );

  it("“undo <title>” reopens that task", () => {
    expect(parseIntent("undo buy milk", WED)).toEqual({ type: "complete", ref: { kind: "title", text: "buy milk" }, completed: false });
  });
});
