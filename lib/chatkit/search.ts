import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db";
import { conversations, messages, type ConversationRow } from "@/db/schema";

/**
 * Conversation search: the user's threads whose title or visible message text contains the
 * query. Its own module (the one query here), beside the thread store (./store.ts).
 */

export const SEARCH_QUERY_MAX = 100;
export const SEARCH_RESULTS_MAX = 20;
const SNIPPET_RADIUS = 48;

export type ThreadSearchHit = { id: string; title: string | null; created_at: string; status: ConversationRow["status"]; snippet: string | null };

/** The query as a LIKE pattern that matches it literally anywhere: `\`, `%` and `_` are escaped (with ESCAPE '\'). */
export function likeContains(query: string): string {
  return `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A short excerpt of `text` around the first case-insensitive occurrence of `query`, on one line. */
export function snippetAround(text: string, query: string, radius = SNIPPET_RADIUS): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const at = flat.toLowerCase().indexOf(query.toLowerCase());
  if (at === -1) return flat.length > radius * 2 ? `${flat.slice(0, radius * 2)}…` : flat;
  const start = Math.max(0, at - radius);
  const end = Math.min(flat.length, at + query.length + radius);
  return `${start > 0 ? "…" : ""}${flat.slice(start, end)}${end < flat.length ? "…" : ""}`;
}

/**
 * The user's conversations whose title or visible messages contain `query` (case-insensitive,
 * literally: LIKE wildcards in it match themselves), newest first, at most `limit`, each with
 * the newest matching message text as its snippet (null when only the title matched).
 */
export async function searchThreads(userId: string, query: string, limit = SEARCH_RESULTS_MAX): Promise<ThreadSearchHit[]> {
  const pattern = likeContains(query);
  const { rows } = await db.execute<{ id: string; title: string | null; created_at: string | Date; status: ConversationRow["status"]; snippet: string | null }>(sql`
    select * from (
      select c.id, c.title, c.created_at, c.status,
        (select part->>'text'
           from ${messages} m
           cross join lateral jsonb_array_elements(case when jsonb_typeof(m.payload->'content') = 'array' then m.payload->'content' else '[]'::jsonb end) as part
          where m.conversation_id = c.id and m.user_id = ${userId} and m.hidden = false
            and m.type in ('user_message', 'assistant_message')
            and part->>'text' ilike ${pattern} escape '\\'
          order by m.seq desc limit 1) as snippet
        from ${conversations} c
       where c.user_id = ${userId}
    ) found
    where found.snippet is not null or found.title ilike ${pattern} escape '\\'
    order by found.created_at desc, found.id desc
    limit ${Math.max(1, Math.min(SEARCH_RESULTS_MAX, limit))}`);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    created_at: new Date(r.created_at).toISOString(),
    status: r.status,
    snippet: r.snippet === null ? null : snippetAround(r.snippet, query),
  }));
}
