import { addTaskTool } from "./add-task";
import { completeTaskTool } from "./complete-task";
import { deleteTaskTool } from "./delete-task";
import { listTasksTool } from "./list-tasks";
import { updateTaskTool } from "./update-task";

/** The one list of task tools: the MCP server registers these, and every tool name elsewhere derives from it. */
export const TASK_TOOLS = [addTaskTool, listTasksTool, completeTaskTool, updateTaskTool, deleteTaskTool] as const;

export type ToolName = (typeof TASK_TOOLS)[number]["name"];

/** Tool names as values, so a misspelt or removed tool is a type error: `TOOL.delete_task`. */
export const TOOL = Object.fromEntries(TASK_TOOLS.map((t) => [t.name, t.name])) as { readonly [N in ToolName]: N };

export const TOOL_NAMES: readonly ToolName[] = TASK_TOOLS.map((t) => t.name);
