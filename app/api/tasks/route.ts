import { handler, parseWith, readJsonBody } from "@/lib/http";
import { requireApiUser } from "@/lib/session";
import { addTasks, createTaskSchema, listTasks } from "@/lib/tasks";
import { requestToday } from "@/lib/timezone";

export const GET = handler(async (req: Request) => {
  const user = await requireApiUser(req);
  const query = Object.fromEntries(new URL(req.url).searchParams);
  return Response.json(await listTasks(user.id, { today: requestToday(req), ...query }));
});

/** Answers with the task and the change set that can undo it (POST /api/changes/:id/undo). */
export const POST = handler(async (req: Request) => {
  const user = await requireApiUser(req);
  const input = parseWith(createTaskSchema, await readJsonBody(req), "task");
  const { tasks: [task], changeSetId } = await addTasks(user.id, [input], "ui", { today: requestToday(req) });
  return Response.json({ task, changeSetId }, { status: 201, headers: { Location: `/api/tasks/${task!.id}` } });
});
