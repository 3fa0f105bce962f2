import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";

/**
 * The MCP SDK's real client over Streamable HTTP. `fetchImpl` lets in-process tests route
 * requests to the route handler; against a running server, leave it out.
 */
export async function connectMcpHttp(url: string, key: string | null, fetchImpl?: typeof fetch) {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: key ? { headers: { Authorization: `Bearer ${key}` } } : {},
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  const client = new Client({ name: "tasktalk-test-client", version: "1.0.0" });
  await client.connect(transport);
  return {
    client,
    call: async (name: string, args: Record<string, unknown> = {}) => (await client.callTool({ name, arguments: args })) as CallToolResult,
    close: () => client.close(),
  };
}
