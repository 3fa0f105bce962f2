import { TOOL, type ToolName } from "@/mcp/tools";
import { describeDate } from "./dates";
import type { BatchAction, Intent } from "./intents";

/** The batch tool that applies an action to many tasks in one call. */
export function batchTool(action: BatchAction): ToolName {
  if (action.kind === "complete") return TOOL.complete_tasks;
  if (action.kind === "delete") return TOOL.delete_tasks;
  return TOOL.update_tasks;
}

export function batchArgs(action: BatchAction, ids: number[]): Record<string, unknown> {
  switch (action.kind) {
    case "complete":
      return { ids, completed: action.completed };
    case "delete":
      return { ids };
    case "due":
      return { ids, changes: { dueDate: action.dueDate } };
    case "priority":
      return { ids, changes: { priority: action.priority } };
  }
}

/** How a reply names what the batch did: "Marked 3 tasks as done: …", "Moved 2 tasks to tomorrow: …". */
export function batchWords(action: BatchAction, today: string): { verb: string; suffix: string } {
  switch (action.kind) {
    case "complete":
      return action.completed ? { verb: "Marked", suffix: " as done" } : { verb: "Reopened", suffix: "" };
    case "delete":
      return { verb: "Deleted", suffix: "" };
    case "due":
      return action.dueDate ? { verb: "Moved", suffix: ` to ${describeDate(action.dueDate, today)}` } : { verb: "Cleared the due date of", suffix: "" };
    case "priority":
      return { verb: "Set", suffix: ` to ${action.priority} priority` };
  }
}

/** The same change as a one-task intent, for naming several tasks at once ("delete buy milk and call mum"). */
export function batchActionOf(intent: Intent): BatchAction | undefined {
  switch (intent.type) {
    case "complete":
      return { kind: "complete", completed: intent.completed };
    case "delete":
      return { kind: "delete" };
    case "due":
      return { kind: "due", dueDate: intent.dueDate };
    case "priority":
      return { kind: "priority", priority: intent.priority };
    default:
      return undefined;
  }
}
