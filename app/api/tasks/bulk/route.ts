import { z } from "zod";
import { handler, parseWith, readJsonBody } from "@/lib/http";
import { requireApiUser } from "@/lib/session";
import { completeTasks, deleteTasks } from "@/lib/tasks";

const bulkActionSchema = z.looseObject({ action: z.enum(["complete", "uncomplete", "delete"], { error: "action is complete, uncomplete or delete." }) });

/** Bulk changes by ids: all or nothing, and a foreign or missing id changes nothing. */
export const POST = handler(async (req: Request) => {
  const user = await requireApiUser(req);
  const { action, ...rest } = parseWith(bulkActionSchema, await readJsonBody(req), "bulk request");
  const tasks =
    action === "delete" ? await deleteTasks(user.id, rest) : await completeTasks(user.id, rest, action === "complete");
  return Response.json({ tasks });
});
