import { handleChatKitRequest } from "@/lib/chatkit/server";
import { handler } from "@/lib/http";
import { requireApiUser } from "@/lib/session";
import { timeZoneFromCookieHeader } from "@/lib/timezone";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
// Its maxDuration (60 s: a turn with a real model can take a while) is set in vercel.json.

/** The ChatKit protocol endpoint: every request type, one POST. */
export const POST = handler(async (req: Request) => {
  const user = await requireApiUser(req);
  return handleChatKitRequest(req, { user, timeZone: timeZoneFromCookieHeader(req.headers.get("cookie")), signal: req.signal });
});
