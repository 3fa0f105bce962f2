import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { createTaskServer, type TaskServerOptions } from "@/mcp/server";

/** A real MCP client connected to a task server bound to `userId`, over the SDK's in-memory transport. */
export async function connectTaskClient(userId: string, options?: TaskServerOptions) {
  const server = createTaskServer(userId, options);
  const client = new Client({ name: "tasktalk-test", version: "1.0.0" });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  await client.connect(clientSide);
  return {
    client,
    call: async (name: string, args: Record<string, unknown> = {}) => (await client.callTool({ name, arguments: args })) as CallToolResult,
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}

/** The readable summary: the first text part (a success's second part repeats structuredContent as JSON). */
export { textOf } from "./mcp-text";
