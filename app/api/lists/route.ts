import { handler, readJsonBody } from "@/lib/http";
import { createList, listLists } from "@/lib/lists";
import { requireApiUser } from "@/lib/session";

/** The user's lists, Inbox first; `?archived=include` adds the archived ones. */
export const GET = handler(async (req: Request) => {
  const user = await requireApiUser(req);
  return Response.json({ lists: await listLists(user.id, Object.fromEntries(new URL(req.url).searchParams)) });
});

export const POST = handler(async (req: Request) => {
  const user = await requireApiUser(req);
  const list = await createList(user.id, await readJsonBody(req));
  return Response.json({ list }, { status: 201, headers: { Location: `/api/lists/${list.id}` } });
});
