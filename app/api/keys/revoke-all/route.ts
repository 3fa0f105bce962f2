import { revokeAllKeys } from "@/lib/api-keys/service";
import { handler } from "@/lib/http";
import { requireApiUser } from "@/lib/session";

/**
 * Revokes all of the user's keys at once (the profile's "Revoke all keys"). A POST to its own
 * URL rather than DELETE on /api/keys, so no stray or path-normalized DELETE on the collection
 * can wipe every key.
 */
export const POST = handler(async (req: Request) => {
  const user = await requireApiUser(req, { fresh: true });
  return Response.json({ revoked: await revokeAllKeys(user.id) });
});
