import { handler, parseWith, readJsonBody } from "@/lib/http";
import { deleteList, listIdParamSchema, updateList } from "@/lib/lists";
import { requireApiUser } from "@/lib/session";

type Context = { params: Promise<{ id: string }> };

const listId = async (ctx: Context) => parseWith(listIdParamSchema, (await ctx.params).id, "list id", "id");

/** Renames (`name`) and/or archives or unarchives (`archived`) a list; the Inbox refuses with a 409. */
export const PATCH = handler(async (req: Request, ctx: Context) => {
  const user = await requireApiUser(req);
  const id = await listId(ctx);
  return Response.json({ list: await updateList(user.id, id, await readJsonBody(req)) });
});

/** `?tasks=move` (the default) moves its tasks to the Inbox; `?tasks=delete` deletes them, undoably (changeSetId). */
export const DELETE = handler(async (req: Request, ctx: Context) => {
  const user = await requireApiUser(req);
  const id = await listId(ctx);
  return Response.json(await deleteList(user.id, id, Object.fromEntries(new URL(req.url).searchParams), "ui"));
});
