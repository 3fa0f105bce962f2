import { handler, readJsonBody } from "@/lib/http";
import { reorderLists } from "@/lib/lists";
import { requireApiUser } from "@/lib/session";

/** `{ ids }` in their new order; answers with every list (archived included) in the new order. */
export const POST = handler(async (req: Request) => {
  const user = await requireApiUser(req);
  return Response.json({ lists: await reorderLists(user.id, await readJsonBody(req)) });
});
