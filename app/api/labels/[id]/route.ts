import { handler, parseWith, readJsonBody } from "@/lib/http";
import { deleteLabel, labelIdParamSchema, renameLabel } from "@/lib/labels";
import { requireApiUser } from "@/lib/session";

type Context = { params: Promise<{ id: string }> };

const labelId = async (ctx: Context) => parseWith(labelIdParamSchema, (await ctx.params).id, "label id", "id");

export const PATCH = handler(async (req: Request, ctx: Context) => {
  const user = await requireApiUser(req);
  const id = await labelId(ctx);
  return Response.json({ label: await renameLabel(user.id, id, await readJsonBody(req)) });
});

/** Deletes the label and takes it off the user's tasks. */
export const DELETE = handler(async (req: Request, ctx: Context) => {
  const user = await requireApiUser(req);
  return Response.json(await deleteLabel(user.id, await labelId(ctx)));
});
