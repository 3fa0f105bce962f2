import "server-only";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { db } from "@/db";
import { toolCalls } from "@/db/schema";
import { authenticateApiKey } from "@/lib/api-keys/service";
import { AppError, RateLimitedError } from "@/lib/errors";
import { readBodyWithCap, unstorableText } from "@/lib/http";
import { BODY_MAX_DEPTH, deeperThan } from "@/lib/json-bounds";
import { consumeRateLimit, limitFromEnv } from "@/lib/rate-limit";
import { createTaskServer } from "./server";

export const MCP_BODY_LIMIT_BYTES = 256 * 1024;

type JsonRpcMessage = { jsonrpc?: string; id?: string | number | null; method?: string; params?: { name?: unknown; arguments?: unknown } };
type JsonRpcResponse = { id?: string | number | null; result?: { isError?: boolean; _meta?: { invalidArguments?: boolean }; content?: Array<{ type: string; text?: string }>; structuredContent?: unknown } };

/** A JSON-RPC error response, the shape MCP clients expect even for HTTP-level failures. */
export function rpcError(status: number, code: number, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ jsonrpc: "2.0", error: { code, message }, id: null }, { status, headers });
}

const unauthorized = (message: string) =>
  rpcError(401, -32001, message, { "WWW-Authenticate": `Bearer realm="tasktalk", error="invalid_token", error_description="${message}"` });

/** More than this many JSON-RPC messages in one batch are refused before any runs. */
export const MCP_MAX_BATCH = 20;

/** The JSON-RPC messages in a body (a batch or one message), or null when it is not JSON. */
function parseBody(body: string): unknown[] | null {
  try {
    const parsed: unknown = JSON.parse(body);
    return Array.isArray(parsed) ? parsed : [parsed];
  } catch {
    return null;
  }
}

function parseMessages(body: string): JsonRpcMessage[] {
  return (parseBody(body) ?? []).filter((m): m is JsonRpcMessage => !!m && typeof m === "object");
}

/**
 * Records each tools/call that reached its tool, with its result, in the audit trail. Calls
 * the SDK rejected for invalid arguments never ran, so they are not recorded.
 */
async function recordCalls(userId: string, requests: JsonRpcMessage[], response: Response, durationMs: number) {
  const calls = requests.filter((m) => m.method === "tools/call" && m.id !== undefined);
  if (!calls.length || !response.headers.get("content-type")?.includes("application/json")) return;
  let replies: JsonRpcResponse[];
  try {
    const parsed = await response.clone().json();
    replies = Array.isArray(parsed) ? parsed : [parsed];
  } catch {
    return;
  }
  const rows = calls.flatMap((call) => {
    const reply = replies.find((r) => r.id === call.id);
    const result = reply?.result;
    if (!result) return [];
    const text = (result.content ?? []).map((c) => c.text ?? "").join("\n");
    if (result.isError && (result._meta?.invalidArguments || /Input validation error|-32602/.test(text))) return [];
    return [
      {
        userId,
        source: "mcp" as const,
        toolName: String(call.params?.name ?? "").slice(0, 100),
        arguments: call.params?.arguments ?? null,
        result: result.isError ? { error: text } : (result.structuredContent ?? { text }),
        status: result.isError ? ("failed" as const) : ("completed" as const),
        durationMs,
      },
    ];
  });
  if (rows.length) await db.insert(toolCalls).values(rows);
}

/**
 * MCP over Streamable HTTP for a user's own clients: stateless, JSON responses, one task
 * server per request bound to the API key's owner.
 */
export async function handleMcpRequest(req: Request): Promise<Response> {
  if (req.method !== "POST") return rpcError(405, -32000, "Method not allowed: this server is stateless; use POST.", { Allow: "POST" });
  const token = req.headers.get("authorization")?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  if (!token) return unauthorized("Send your Tasktalk API key as `Authorization: Bearer <key>`.");
  try {
    const owner = await authenticateApiKey(token);
    if (!owner) return unauthorized("This API key is not valid or has been revoked.");
    const raw = await readBodyWithCap(req, MCP_BODY_LIMIT_BYTES);
    const body = raw ? new TextDecoder().decode(raw) : "";
    const messages = parseBody(body);
    if (messages && messages.length === 0) return rpcError(400, -32600, "Invalid Request: an empty batch.");
    if (messages && messages.length > MCP_MAX_BATCH) return rpcError(400, -32600, `Invalid Request: a batch may hold at most ${MCP_MAX_BATCH} messages.`);
    // Tool arguments are stored as they came (tool_calls.arguments): bound them before anything runs.
    if (messages && deeperThan(messages, BODY_MAX_DEPTH)) return rpcError(400, -32600, `Invalid Request: nested more than ${BODY_MAX_DEPTH} levels deep.`);
    // Each message of a batch counts, or one batch of 20 would be worth 20 requests.
    const { limit, windowSeconds } = limitFromEnv("MCP", { limit: 120, windowSeconds: 60 });
    await consumeRateLimit(`mcp:${owner.keyId}`, limit, windowSeconds, "Too many requests for this API key. Try again in {seconds} s.", messages?.length ?? 1);

    const unstorable = unstorableText(parseMessages(body));
    if (unstorable) return rpcError(400, -32602, unstorable);
    const forwarded = new Request(req.url, { method: "POST", headers: req.headers, body });
    const server = createTaskServer(owner.userId, { timeZone: owner.timeZone });
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    await server.connect(transport);
    try {
      const started = performance.now();
      const response = await transport.handleRequest(forwarded, { authInfo: { token, clientId: owner.keyId, scopes: ["tasks"], extra: { userId: owner.userId } } });
      await recordCalls(owner.userId, parseMessages(body), response, Math.round(performance.now() - started));
      return response;
    } finally {
      await server.close();
    }
  } catch (error) {
    if (error instanceof RateLimitedError) return rpcError(429, -32000, error.message, { "Retry-After": String(error.retryAfterSeconds) });
    if (error instanceof AppError) return rpcError(error.status, -32000, error.message);
    throw error;
  }
}
