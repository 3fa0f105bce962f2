import { handler, readJsonBody } from "@/lib/http";
import { requireApiUser } from "@/lib/session";
import { rememberTimeZone } from "@/lib/settings/time-zone";

/** The browser's IANA zone, `{ timeZone }`, kept for clients without a browser (MCP). */
export const PUT = handler(async (req: Request) => {
  const user = await requireApiUser(req);
  return Response.json(await rememberTimeZone(user.id, await readJsonBody(req)));
});
