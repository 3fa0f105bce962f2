import { z } from "zod";
import { handler, parseWith, readJsonBody } from "@/lib/http";
import { requireApiUser } from "@/lib/session";
import { changeTasks, removeTasks } from "@/lib/tasks";
import { requestToday } from "@/lib/timezone";

const bulkActionSchema = z.looseObject({ action: z.enum(["complete", "uncomplete", "delete"], { error: "action is complete, uncomplete or delete." }) });

/** Bulk changes by ids: all or nothing, and a foreign or missing id changes nothing. One change set undoes the lot. */
export const POST = handler(async (req: Request) => {
  const user = await requireApiUser(req);
  const { action, ...rest } = parseWith(bulkActionSchema, await readJsonBody(req), "bulk request");
  const { results, changeSetId } =
    action === "delete" ? await removeTasks(user.id, rest, "ui", { atomic: true }) : await changeTasks(user.id, rest, { completed: action === "complete" }, "ui", { atomic: true, today: requestToday(req) });
  // `next`: the occurrences completing repeating tasks added, in the same change set.
  const next = results.flatMap((r) => (r.ok && r.next ? [r.next] : []));
  return Response.json({ tasks: results.flatMap((r) => (r.ok ? [r.task] : [])), changeSetId, ...(next.length ? { next } : {}) });
});
