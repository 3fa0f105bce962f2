import { handler } from "@/lib/http";
import { requireApiUser } from "@/lib/session";

export const GET = handler(async (req: Request) => {
  const user = await requireApiUser(req);
  return Response.json({ user });
});
