import { handler, readJsonBody } from "@/lib/http";
import { previewQuickAdd } from "@/lib/quick-add";
import { requireApiUser } from "@/lib/session";
import { requestToday } from "@/lib/timezone";

/** Quick add's preview: the task a line of text would make, with the span of each word that set a field. Writes nothing. */
export const POST = handler(async (req: Request) => {
  const user = await requireApiUser(req);
  return Response.json(await previewQuickAdd(user.id, await readJsonBody(req, 4 * 1024), requestToday(req)));
});
