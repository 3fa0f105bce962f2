import { createApiKey, listApiKeys } from "@/lib/api-keys/service";
import { handler, readJsonBody } from "@/lib/http";
import { requireApiUser } from "@/lib/session";

export const GET = handler(async (req: Request) => {
  const user = await requireApiUser(req, { fresh: true });
  return Response.json({ keys: await listApiKeys(user.id) });
});

/** Creates a key. The response is the only time the key itself is ever shown. */
export const POST = handler(async (req: Request) => {
  const user = await requireApiUser(req, { fresh: true });
  const created = await createApiKey(user.id, await readJsonBody(req));
  return Response.json(created, { status: 201, headers: { "Cache-Control": "no-store" } });
});
