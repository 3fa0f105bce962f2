import { handler } from "@/lib/http";
import { requireApiUser } from "@/lib/session";
import { undoChange } from "@/lib/tasks";

type Context = { params: Promise<{ id: string }> };

/**
 * Undoes one change set of the signed-in user: 200 with what was restored (again 200, changing
 * nothing, when it is already undone), 404 for an unknown or foreign id, 409 with the reason
 * when a task has changed since.
 */
export const POST = handler(async (req: Request, ctx: Context) => {
  const user = await requireApiUser(req);
  return Response.json(await undoChange(user.id, (await ctx.params).id));
});
