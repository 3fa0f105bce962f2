import "server-only";
import { addTaskTool } from "./add-task";
import { addTasksTool } from "./add-tasks";
import { completeTaskTool } from "./complete-task";
import { completeTasksTool } from "./complete-tasks";
import { createListTool } from "./create-list";
import { deleteListTool } from "./delete-list";
import { deleteTaskTool } from "./delete-task";
import { deleteTasksTool } from "./delete-tasks";
import type { AnyTaskTool } from "./define";
import { listLabelsTool } from "./list-labels";
import { listListsTool } from "./list-lists";
import { listTasksTool } from "./list-tasks";
import { renameListTool } from "./rename-list";
import { undoLastChangeTool } from "./undo-last-change";
import { updateTaskTool } from "./update-task";
import { updateTasksTool } from "./update-tasks";

/** The one list of task tools (with the lists and labels they are filed in): the MCP server registers these, and every tool name elsewhere derives from it. */
export const TASK_TOOLS = [
  addTaskTool,
  addTasksTool,
  listTasksTool,
  completeTaskTool,
  completeTasksTool,
  updateTaskTool,
  updateTasksTool,
  deleteTaskTool,
  deleteTasksTool,
  undoLastChangeTool,
  listListsTool,
  createListTool,
  renameListTool,
  deleteListTool,
  listLabelsTool,
] as const;

export type ToolName = (typeof TASK_TOOLS)[number]["name"];

/** Tool names as values, so a misspelt or removed tool is a type error: `TOOL.delete_task`. */
export const TOOL = Object.fromEntries(TASK_TOOLS.map((t) => [t.name, t.name])) as { readonly [N in ToolName]: N };

export const TOOL_NAMES: readonly ToolName[] = TASK_TOOLS.map((t) => t.name);

const BY_NAME = new Map<string, AnyTaskTool>(TASK_TOOLS.map((t) => [t.name, t as AnyTaskTool]));

/** A tool by the name a model or client called it by. */
export function toolNamed(name: string): AnyTaskTool | undefined {
  return BY_NAME.get(name);
}
