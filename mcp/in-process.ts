import "server-only";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult as McpCallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { CallToolResult, CallToolResultContent, MCPServer } from "@openai/agents";
import { agentToolContent } from "./agent-output";
import { dialectFor, schemaForDialect, type JsonSchema, type SchemaDialect } from "./provider-schema";

type MCPTool = Awaited<ReturnType<MCPServer["listTools"]>>[number];

export type ToolResultObserver = (event: { name: string; args: Record<string, unknown>; result: McpCallToolResult; durationMs: number }) => void;

export type InProcessMcpOptions = {
  /** The selected model's kind (`selectModel().kind`): Gemini gets its own schema dialect. */
  provider?: string;
};

function acceptsNull(schema: JsonSchema | undefined): boolean {
  if (!schema) return false;
  if (schema.type === "null" || (Array.isArray(schema.type) && schema.type.includes("null"))) return true;
  return schema.anyOf?.some(acceptsNull) ?? false;
}

/**
 * The value with every null the schema does not allow left out, at any depth (an add_tasks
 * item, update_tasks' changes): strict and Gemini models send null for an omitted optional
 * field. A null the schema allows (a due date to clear) is kept.
 */
function withoutDisallowedNulls(value: unknown, schema: JsonSchema | undefined): unknown {
  if (!schema || value === null || typeof value !== "object") return value;
  const branch = schema.anyOf?.find((b) => b.type !== "null") ?? schema;
  if (Array.isArray(value)) return branch.items ? value.map((v) => withoutDisallowedNulls(v, branch.items as JsonSchema)) : value;
  const props = branch.properties ?? {};
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k, v]) => v !== null || acceptsNull(props[k]))
      .map(([k, v]) => [k, withoutDisallowedNulls(v, props[k])]),
  );
}

/**
 * Hands our McpServer to the Agents SDK in the same process, over the MCP SDK's in-memory
 * transport: the agent calls the same tools, through the same protocol, as an outside
 * client would, with no socket and no subprocess. The server is built per request for the
 * signed-in user, so the tool list is not cached (the SDK's cache is keyed by name only).
 */
export class InProcessMcpServer implements MCPServer {
  readonly cacheToolsList = false;
  private client?: Client;
  private server?: McpServer;
  /** Each tool's schema as the server published it (the null rule reads this, not the provider's variant). */
  private schemas = new Map<string, JsonSchema>();
  readonly dialect: SchemaDialect;

  constructor(
    readonly name: string,
    private readonly makeServer: () => McpServer,
    private readonly onResult?: ToolResultObserver,
    options: InProcessMcpOptions = {},
  ) {
    this.dialect = dialectFor(options.provider);
  }

  async connect(): Promise<void> {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    this.server = this.makeServer();
    await this.server.connect(serverSide);
    this.client = new Client({ name: "tasktalk-agent", version: "1.0.0" });
    await this.client.connect(clientSide);
  }

  async close(): Promise<void> {
    await this.client?.close();
    await this.server?.close();
    this.client = undefined;
    this.server = undefined;
  }

  private connected(): Client {
    if (!this.client) throw new Error(`MCP server ${this.name} is not connected`);
    return this.client;
  }

  async listTools(): Promise<MCPTool[]> {
    const { tools } = await this.connected().listTools();
    return tools.map((tool) => {
      const published = tool.inputSchema as JsonSchema;
      this.schemas.set(tool.name, published);
      return { ...tool, inputSchema: schemaForDialect(published, this.dialect) } as unknown as MCPTool;
    });
  }

  private dropDisallowedNulls(name: string, args: Record<string, unknown>): Record<string, unknown> {
    return withoutDisallowedNulls(args, this.schemas.get(name)) as Record<string, unknown>;
  }

  async callToolResult(name: string, args: Record<string, unknown> | null, meta?: Record<string, unknown> | null, options?: { signal?: AbortSignal }): Promise<CallToolResult> {
    const clean = this.dropDisallowedNulls(name, args ?? {});
    const started = performance.now();
    const result = (await this.connected().callTool({ name, arguments: clean, ...(meta ? { _meta: meta } : {}) }, undefined, {
      signal: options?.signal,
    })) as McpCallToolResult;
    this.onResult?.({ name, args: clean, result, durationMs: Math.round(performance.now() - started) });
    return result as unknown as CallToolResult;
  }

  /** What the model reads: the summary, then the data as JSON (see agentToolContent). */
  async callTool(name: string, args: Record<string, unknown> | null, meta?: Record<string, unknown> | null, options?: { signal?: AbortSignal }): Promise<CallToolResultContent> {
    const result = (await this.callToolResult(name, args, meta, options)) as unknown as McpCallToolResult;
    const content = agentToolContent(result) as CallToolResultContent;
    if (result.isError !== undefined) Object.defineProperty(content, "isError", { value: result.isError });
    return content;
  }

  async invalidateToolsCache(): Promise<void> {}
}
