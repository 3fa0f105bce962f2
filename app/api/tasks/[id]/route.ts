import { handler, parseWith, readJsonBody } from "@/lib/http";
import { requireApiUser } from "@/lib/session";
import { deleteTask, getTask, taskIdParamSchema, updateTask } from "@/lib/tasks";

type Context = { params: Promise<{ id: string }> };

const taskId = async (ctx: Context) => parseWith(taskIdParamSchema, (await ctx.params).id, "task id", "id");

export const GET = handler(async (req: Request, ctx: Context) => {
  const user = await requireApiUser(req);
  return Response.json({ task: await getTask(user.id, await taskId(ctx)) });
});

export const PATCH = handler(async (req: Request, ctx: Context) => {
  const user = await requireApiUser(req);
  const id = await taskId(ctx);
  return Response.json({ task: await updateTask(user.id, id, await readJsonBody(req)) });
});

export const DELETE = handler(async (req: Request, ctx: Context) => {
  const user = await requireApiUser(req);
  return Response.json({ task: await deleteTask(user.id, await taskId(ctx)) });
});
