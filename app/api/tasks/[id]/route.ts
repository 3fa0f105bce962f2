import { handler, parseWith, readJsonBody } from "@/lib/http";
import { requireApiUser } from "@/lib/session";
import { changeTask, getTask, removeTask, taskIdParamSchema } from "@/lib/tasks";
import { requestToday } from "@/lib/timezone";

type Context = { params: Promise<{ id: string }> };

const taskId = async (ctx: Context) => parseWith(taskIdParamSchema, (await ctx.params).id, "task id", "id");

export const GET = handler(async (req: Request, ctx: Context) => {
  const user = await requireApiUser(req);
  return Response.json({ task: await getTask(user.id, await taskId(ctx)) });
});

/**
 * Changes answer with the task and the change set that can undo them (POST /api/changes/:id/undo);
 * completing a repeating task also answers with `next`, the occurrence it added (same change set).
 */
export const PATCH = handler(async (req: Request, ctx: Context) => {
  const user = await requireApiUser(req);
  const id = await taskId(ctx);
  return Response.json(await changeTask(user.id, id, await readJsonBody(req), "ui", { today: requestToday(req) }));
});

export const DELETE = handler(async (req: Request, ctx: Context) => {
  const user = await requireApiUser(req);
  return Response.json(await removeTask(user.id, await taskId(ctx), "ui"));
});
