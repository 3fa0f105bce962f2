import { revokeApiKey } from "@/lib/api-keys/service";
import { handler } from "@/lib/http";
import { requireApiUser } from "@/lib/session";

export const DELETE = handler(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const user = await requireApiUser(req, { fresh: true });
  return Response.json({ key: await revokeApiKey(user.id, (await ctx.params).id) });
});
