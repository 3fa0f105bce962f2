import "server-only";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { todayIn } from "@/lib/today";
import type { ChangeSource } from "@/lib/tasks";
import { registerTool, type AnyTaskTool, type ToolContext } from "./tools/define";
import { TASK_TOOLS, TOOL } from "./tools";

export { TASK_TOOLS };

export type TaskServerOptions = { timeZone?: string; source?: ChangeSource };

/**
 * The task tools as an MCP server bound to one user. It is built per request with the
 * signed-in user's id; no tool takes a user id, so a model cannot reach another user's tasks.
 */
export function createTaskServer(userId: string, options: TaskServerOptions = {}): McpServer {
  const server = new McpServer(
    { name: "tasktalk-tasks", title: "Tasktalk tasks", version: "1.0.0" },
    {
      instructions: `Tools for the signed-in user's todo tasks, their lists and labels. Use ${TOOL.list_tasks} to find a task's id before changing it, and ${TOOL.list_lists} to see the lists a task can go in (by name).`,
    },
  );
  const ctx: ToolContext = { userId, today: () => todayIn(options.timeZone), source: options.source ?? "mcp" };
  for (const tool of TASK_TOOLS) registerTool(server, ctx, tool as AnyTaskTool);
  return server;
}
