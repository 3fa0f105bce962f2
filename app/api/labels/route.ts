import { handler, readJsonBody } from "@/lib/http";
import { createLabel, listLabels } from "@/lib/labels";
import { requireApiUser } from "@/lib/session";

export const GET = handler(async (req: Request) => {
  const user = await requireApiUser(req);
  return Response.json({ labels: await listLabels(user.id) });
});

export const POST = handler(async (req: Request) => {
  const user = await requireApiUser(req);
  const label = await createLabel(user.id, await readJsonBody(req));
  return Response.json({ label }, { status: 201, headers: { Location: `/api/labels/${label.id}` } });
});
