import { handler, readJsonBody } from "@/lib/http";
import { requireApiUser } from "@/lib/session";
import { createTask, listTasks } from "@/lib/tasks";
import { requestToday } from "@/lib/timezone";

export const GET = handler(async (req: Request) => {
  const user = await requireApiUser(req);
  const query = Object.fromEntries(new URL(req.url).searchParams);
  return Response.json(await listTasks(user.id, { today: requestToday(req), ...query }));
});

export const POST = handler(async (req: Request) => {
  const user = await requireApiUser(req);
  const task = await createTask(user.id, await readJsonBody(req));
  return Response.json({ task }, { status: 201, headers: { Location: `/api/tasks/${task.id}` } });
});
