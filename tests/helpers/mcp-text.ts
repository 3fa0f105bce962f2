import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";

/** A tool result's first text part. Its own module, so the browser tests (Playwright loads them in plain Node) can use it without the server modules tests/helpers/mcp.ts imports. */
export function textOf(result: CallToolResult): string {
  const first = result.content[0];
  return first?.type === "text" ? first.text : "";
}
