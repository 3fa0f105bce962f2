import "server-only";
import type { CallToolResult as McpCallToolResult } from "@modelcontextprotocol/sdk/types.js";

/**
 * How a tool result reaches the agent, whatever the model: the readable summary as one text
 * part, then the data as JSON in a second, last part. A success's data is the tool's
 * structuredContent; a failure's is `{"isError":true,"error":…}`, so failure is a flag and
 * never a guess from words. The Agents SDK passes the parts on as `input_text` items (Responses)
 * or joins them into one tool message (Chat Completions), where the blank line keeps them apart.
 * Nothing a task title contains can move the boundary between the parts.
 */
export type AgentToolPart = { type: "text"; text: string };
export type ToolErrorData = { isError: true; error: string };

const DATA_SEPARATOR = "\n\n";

function summaryOf(result: McpCallToolResult, structured: string | undefined): string {
  // Tools also send their JSON as a text block (the MCP spec's advice for older clients); the agent gets it once, as data.
  const texts = result.content.flatMap((c) => (c.type === "text" && c.text !== structured ? [c.text] : []));
  return texts.join("\n");
}

export function agentToolContent(result: McpCallToolResult): AgentToolPart[] {
  const structured = result.structuredContent === undefined ? undefined : JSON.stringify(result.structuredContent);
  const summary = summaryOf(result, structured);
  const data = result.isError ? JSON.stringify({ isError: true, error: summary } satisfies ToolErrorData) : (structured ?? "null");
  return [
    { type: "text", text: summary },
    { type: "text", text: `${DATA_SEPARATOR}${data}` },
  ];
}

/** What a function_call_result's output carried: the data part, or only text (a thrown error, a declined call, an old turn). */
export type AgentToolOutput = { data: unknown; text: string } | { data?: undefined; text: string };

function partText(part: unknown): string | undefined {
  if (typeof part === "string") return part;
  if (part && typeof part === "object" && "text" in part && typeof part.text === "string") return part.text;
  return undefined;
}

export function readAgentToolOutput(output: unknown): AgentToolOutput {
  if (Array.isArray(output) && output.length >= 2) {
    const texts = output.map(partText);
    const last = texts.at(-1);
    if (texts.every((t) => t !== undefined) && last !== undefined) {
      try {
        return { data: JSON.parse(last), text: texts.slice(0, -1).join("\n") };
      } catch {
        // Not ours: fall through to plain text.
      }
    }
  }
  const parts = Array.isArray(output) ? output : [output];
  return { text: parts.map((p) => partText(p) ?? (p == null ? "" : JSON.stringify(p))).join("\n") };
}
