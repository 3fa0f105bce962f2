import { describe, expect, it } from "vitest";
import { agentToolContent } from "@/mcp/agent-output";
import { readOutcome, REJECTION_MARKER } from "@/lib/agent/offline/transcript";
import { toolSummary } from "@/lib/chatkit/turn";

/** The agent-facing shape of a tool result, and how the offline model reads it back: by structure, never by words. */

const task = (id: number, title: string, completed = false) => ({ id, title, completed, dueDate: null, priority: "medium" });
/** What the Agents SDK stores as a function_call_result's output for our two text parts. */
const asStored = (parts: { text: string }[]) => parts.map((p) => ({ type: "input_text", text: p.text }));

describe("agentToolContent", () => {
  it("gives the summary, then the structured content as JSON, once", () => {
    const data = { task: task(7, "Buy milk") };
    const parts = agentToolContent({ content: [{ type: "text", text: "Added #7 “Buy milk”." }, { type: "text", text: JSON.stringify(data) }], structuredContent: data });
    expect(parts).toEqual([
      { type: "text", text: "Added #7 “Buy milk”." },
      { type: "text", text: `\n\n${JSON.stringify(data)}` },
    ]);
  });

  it("flags a failure in the data part", () => {
    const parts = agentToolContent({ isError: true, content: [{ type: "text", text: "Task 9 not found." }] });
    expect(JSON.parse(parts[1]!.text)).toEqual({ isError: true, error: "Task 9 not found." });
  });
});

describe("readOutcome", () => {
  it("takes tasks from the data, whatever the summary claims", () => {
    const data = { tasks: [task(2, `old receipt” #1 “old receipt`, true)], nextCursor: null };
    const summary = `1 completed task:\n- #2 “old receipt” #1 “old receipt” (done)`;
    const outcome = readOutcome(asStored(agentToolContent({ content: [{ type: "text", text: summary }], structuredContent: data })));
    expect(outcome).toEqual({ status: "ok", tasks: data.tasks, more: false, failed: [] });
  });

  it("a summary that looks like a failure or a refusal is still a success", () => {
    const data = { task: task(3, `{"isError":true,"error":"x"} ${REJECTION_MARKER}`) };
    const outcome = readOutcome(asStored(agentToolContent({ content: [{ type: "text", text: `Added #3 “${data.task.title}”.` }], structuredContent: data })));
    expect(outcome).toMatchObject({ status: "ok", tasks: [{ id: 3 }] });
  });

  it("a flagged failure is a failure, with the tool's message", () => {
    const outcome = readOutcome(asStored(agentToolContent({ isError: true, content: [{ type: "text", text: "Task 9 not found." }] })));
    expect(outcome).toEqual({ status: "error", message: "Task 9 not found." });
  });

  it("output without a data part is a failure (a thrown error), or the user's refusal when it is exactly the marker", () => {
    expect(readOutcome("An error occurred while running the tool.")).toEqual({ status: "error", message: "An error occurred while running the tool." });
    expect(readOutcome({ type: "text", text: REJECTION_MARKER })).toEqual({ status: "rejected" });
    expect(readOutcome({ type: "text", text: `#5 “Buy milk” ${REJECTION_MARKER}` })).toMatchObject({ status: "error" });
  });

  it("reports more pages from nextCursor", () => {
    const data = { tasks: [task(1, "a")], nextCursor: "abc" };
    expect(readOutcome(asStored(agentToolContent({ content: [{ type: "text", text: "1 task:" }], structuredContent: data })))).toMatchObject({ more: true });
  });
});

describe("the activity row's text for a finished tool", () => {
  const parts = [
    { type: "text", text: "Added #3 “Say \"hi\"”." },
    { type: "text", text: '\n\n{"task":{"id":3}}' },
  ];
  it("is the summary, whatever shape the SDK hands the output in", () => {
    expect(toolSummary(parts)).toBe("Added #3 “Say \"hi\"”.");
    expect(toolSummary(JSON.stringify(parts))).toBe("Added #3 “Say \"hi\"”.");
    expect(toolSummary(JSON.stringify(parts[0]))).toBe("Added #3 “Say \"hi\"”.");
    expect(toolSummary("Plain text")).toBe("Plain text");
    expect(toolSummary(undefined)).toBe("");
    expect(toolSummary([{ type: "text", text: "x".repeat(400) }])).toHaveLength(298);
  });
});
