import type { AgentInputItem } from "@openai/agents";
import { describe, expect, it } from "vitest";
import { planNextStep } from "@/lib/agent/offline/planner";
import { readOutcome, Transcript } from "@/lib/agent/offline/transcript";
import { agentToolContent } from "@/mcp/agent-output";

/**
 * The offline model reads batch and undo results as data: the per-item results and what an undo
 * restored or removed come from the JSON part, whatever the summary line says.
 */
const TODAY = "2026-11-25";
const task = (id: number, title: string, completed = false) => ({
  id, title, description: null, priority: "medium", dueDate: null, completed, completedAt: null, createdAt: "2026-11-20T10:00:00.000Z", updatedAt: "2026-11-20T10:00:00.000Z",
});
/** A tool's output as the agent receives it: the summary, then the structured content as JSON. */
const toolOutput = (structured: unknown, summary = "a summary that names no task", isError = false) =>
  agentToolContent({ content: [{ type: "text", text: summary }], structuredContent: isError ? undefined : (structured as Record<string, unknown>), isError });

let nextCall = 0;
function exchange(name: string, args: Record<string, unknown>, output: unknown): AgentInputItem[] {
  const callId = `call_${++nextCall}`;
  return [
    { type: "function_call", callId, name, arguments: JSON.stringify(args), status: "completed" } as AgentInputItem,
    { type: "function_call_result", callId, name, status: "completed", output } as unknown as AgentInputItem,
  ];
}

describe("readOutcome", () => {
  it("reads a batch's per-item results: the tasks changed, and the ids that failed with why", () => {
    const out = readOutcome(
      toolOutput({ results: [{ id: 1, ok: true, task: task(1, "Buy milk", true) }, { id: 9, ok: false, error: "Task 9 not found." }], changeSetId: "cs1" }, "Completed 5 tasks"),
    );
    expect(out).toMatchObject({ status: "ok", tasks: [{ id: 1, title: "Buy milk", completed: true }], failed: [{ id: 9, error: "Task 9 not found." }] });
  });

  it("reads an undo's restored and removed tasks, and its summary, from the data", () => {
    const undo = { changeSetId: "cs1", summary: "Undone: deleted “Buy milk”.", restored: [task(1, "Buy milk")], removed: [task(2, "Cake")], alreadyUndone: false };
    const out = readOutcome(toolOutput(undo, "- restored #7 “Something else”"));
    expect(out).toMatchObject({ status: "ok", tasks: [{ id: 1, title: "Buy milk" }], undo: { summary: "Undone: deleted “Buy milk”.", removed: [{ id: 2, title: "Cake" }] } });
  });

  it("reads a refusal as a failure with the tool's message", () => {
    expect(readOutcome(toolOutput(undefined, "Nothing to undo.", true))).toEqual({ status: "error", message: "Nothing to undo." });
  });
});

describe("replies from batch results", () => {
  it("“complete all” names what was done and which failed", () => {
    const items: AgentInputItem[] = [
      { role: "user", content: "complete all" } as AgentInputItem,
      ...exchange("list_tasks", { status: "active", limit: 100 }, toolOutput({ tasks: [task(1, "Buy milk"), task(2, "Call mum")], nextCursor: null })),
      ...exchange(
        "complete_tasks",
        { ids: [1, 2], completed: true },
        toolOutput({ results: [{ id: 1, ok: true, task: task(1, "Buy milk", true) }, { id: 2, ok: false, error: "Task 2 not found." }], changeSetId: "cs1" }),
      ),
    ];
    expect(planNextStep(new Transcript(items), TODAY)).toEqual({
      type: "reply",
      text: "Marked 1 task as done: “Buy milk”.\nThese failed:\n- “Call mum”: Task 2 not found.",
    });
  });

  it("plans “complete all” as one complete_tasks call", () => {
    const items: AgentInputItem[] = [
      { role: "user", content: "complete all" } as AgentInputItem,
      ...exchange("list_tasks", { status: "active", limit: 100 }, toolOutput({ tasks: [task(1, "Buy milk"), task(2, "Call mum"), task(3, "Done", true)], nextCursor: null })),
    ];
    expect(planNextStep(new Transcript(items), TODAY)).toEqual({ type: "calls", calls: [{ name: "complete_tasks", args: { ids: [1, 2], completed: true } }] });
  });

  it("an undo that fails is answered with the tool's message", () => {
    const items: AgentInputItem[] = [
      { role: "user", content: "undo that" } as AgentInputItem,
      ...exchange("undo_last_change", {}, toolOutput(undefined, "Can't undo (added “Buy stamps”): “Buy stamps” was deleted after that. Nothing was undone.", true)),
    ];
    expect(planNextStep(new Transcript(items), TODAY)).toEqual({
      type: "reply",
      text: "I couldn't undo that: Can't undo (added “Buy stamps”): “Buy stamps” was deleted after that. Nothing was undone.",
    });
  });
});
