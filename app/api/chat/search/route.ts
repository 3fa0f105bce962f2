import { z } from "zod";
import { handler, parseWith, unstorableText } from "@/lib/http";
import { SEARCH_QUERY_MAX, SEARCH_RESULTS_MAX, searchThreads } from "@/lib/chatkit/search";
import { requireApiUser } from "@/lib/session";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const searchQuery = z.object({
  q: z
    .string({ error: "Type something to search for." })
    .trim()
    .min(1, "Type something to search for.")
    .max(SEARCH_QUERY_MAX, `Search for at most ${SEARCH_QUERY_MAX} characters.`)
    .refine((q) => unstorableText(q) === null, "The search contains characters that cannot be searched for."),
  limit: z.coerce.number().int().min(1).max(SEARCH_RESULTS_MAX).default(SEARCH_RESULTS_MAX),
});

/**
 * Finds the signed-in user's conversations by title or message text:
 * `GET /api/chat/search?q=milk&limit=10` → `{ data: [{ id, title, created_at, snippet }] }`.
 */
export const GET = handler(async (req: Request) => {
  const user = await requireApiUser(req);
  const { q, limit } = parseWith(searchQuery, Object.fromEntries(new URL(req.url).searchParams), "search");
  return Response.json({ data: await searchThreads(user.id, q, limit) });
});
