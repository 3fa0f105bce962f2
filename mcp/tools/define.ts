import "server-only";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult, ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";
import type { z } from "zod";
import { AppError, ValidationError } from "@/lib/errors";
import type { ChangeSource } from "@/lib/tasks";

/** What a tool knows about its caller. The user id is bound when the server is built, never taken from the model. */
export type ToolContext = { userId: string; today: () => string; source: ChangeSource };

/**
 * What a call does to tasks that already exist, read from its own arguments: the confirmation
 * rule's input (lib/agent/approvals.ts). `confirm: "always"` for deletes (delete_list too, whose
 * tasks may go with it); otherwise a call
 * that changes more than one existing task is confirmed, however it is spelled.
 */
export type ToolEffect =
  | { kind: "read" }
  | { kind: "add" }
  | { kind: "undo" }
  // Makes or renames a list or label: changes no existing task, so it is never confirmed.
  | { kind: "organize" }
  | { kind: "change"; confirm: "always" | "several"; taskIds: (args: Record<string, unknown>) => number[] };

export type ToolOutcome<Out> = { summary: string; data: Out };

export type TaskTool<In extends z.ZodObject, Out extends z.ZodObject, Name extends string = string> = {
  name: Name;
  title: string;
  description: string;
  inputSchema: In;
  outputSchema: Out;
  annotations: Required<Pick<ToolAnnotations, "readOnlyHint" | "destructiveHint" | "idempotentHint">>;
  effect: ToolEffect;
  run: (ctx: ToolContext, args: z.output<In>) => Promise<ToolOutcome<z.output<Out>>>;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list of tools with different schemas
export type AnyTaskTool = TaskTool<any, any>;

/** Keeps the literal name, so the registry can derive the ToolName type from the tools themselves. */
export function defineTool<In extends z.ZodObject, Out extends z.ZodObject, const Name extends string>(tool: TaskTool<In, Out, Name>): TaskTool<In, Out, Name> {
  return tool;
}

/** `_meta.invalidArguments` marks a call rejected for its arguments: it never touched any data. */
/** The ids a call names, as `id` or `ids` (unvalidated: the rule must also see a malformed call). */
export function idsInArgs(args: Record<string, unknown>): number[] {
  const raw = Array.isArray(args.ids) ? args.ids : args.id === undefined ? [] : [args.id];
  return [...new Set(raw.filter((v): v is number => typeof v === "number"))];
}

export function toolError(message: string, invalidArguments = false): CallToolResult {
  return { isError: true, content: [{ type: "text", text: message }], ...(invalidArguments ? { _meta: { invalidArguments: true } } : {}) };
}

/**
 * Runs a tool and shapes its result: a readable summary, the structured content, and that
 * content again as JSON text (the MCP spec's advice for clients that ignore structuredContent),
 * or a tool error with a clear message.
 */
export async function runTool<In extends z.ZodObject, Out extends z.ZodObject>(
  tool: TaskTool<In, Out>,
  ctx: ToolContext,
  args: z.output<In>,
): Promise<CallToolResult> {
  try {
    const { summary, data } = await tool.run(ctx, args);
    return { content: [{ type: "text", text: summary }, { type: "text", text: JSON.stringify(data) }], structuredContent: data as Record<string, unknown> };
  } catch (error) {
    if (error instanceof AppError) return toolError(error.message, error instanceof ValidationError);
    console.error(`Tool ${tool.name} failed:`, error);
    return toolError(`${tool.name} failed because of a problem on our side. Try again in a moment.`);
  }
}

export function registerTool<In extends z.ZodObject, Out extends z.ZodObject>(server: McpServer, ctx: ToolContext, tool: TaskTool<In, Out>) {
  server.registerTool(
    tool.name,
    {
      title: tool.title,
      description: tool.description,
      inputSchema: tool.inputSchema,
      outputSchema: tool.outputSchema,
      annotations: { title: tool.title, openWorldHint: false, ...tool.annotations },
    },
    // The SDK has already validated the arguments against inputSchema.
    ((args: z.output<In>) => runTool(tool, ctx, args)) as never,
  );
}
