import { errorResponse } from "@/lib/http";
import { handleMcpRequest } from "@/mcp/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** MCP over Streamable HTTP for outside clients, authenticated with a personal API key. */
async function handle(req: Request): Promise<Response> {
  try {
    return await handleMcpRequest(req);
  } catch (error) {
    return errorResponse(error);
  }
}

export { handle as GET, handle as POST, handle as DELETE };
