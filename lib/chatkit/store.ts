import type { AgentInputItem } from "@openai/agents";
import { and, asc, desc, eq, gt, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { db } from "@/db";
import { conversations, messages, pausedRuns, toolCalls, type ConversationRow, type MessageRow } from "@/db/schema";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { rateLimitUpsert } from "@/lib/rate-limit";
import type { RecordedToolCall } from "@/lib/agent/run";
import type { Page, Thread, ThreadItem } from "./schemas";
import { readAgentHistory, readPausedRun, readStoredItems, toStoredPayload, type PausedRun } from "./stored";

/**
 * The thread and item store: every chat query lives here, and the module implements the
 * protocol core's `Store` (./core.ts; checked where ./server.ts wires them). Callers pass the
 * user id, and a thread is only ever loaded together with its owner, so another user's ids
 * look missing.
 */

export const HISTORY_ITEMS = 40;
const DEFAULT_PAGE = 20;

export type ThreadRow = Pick<ConversationRow, "id" | "title" | "createdAt" | "status">;

export function toThread(row: ThreadRow, items: Page<ThreadItem> = { data: [], has_more: false }): Thread {
  return {
    id: row.id,
    ...(row.title ? { title: row.title } : {}),
    created_at: row.createdAt.toISOString(),
    status: row.status,
    items,
  };
}

/** Thread ids are uuids; any other string names no thread (and would be a cast error in SQL), so it is a 404. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function requireThreadId(threadId: string) {
  if (!UUID.test(threadId)) throw new NotFoundError("Thread not found.");
}

export async function getOwnedThread(userId: string, threadId: string): Promise<ConversationRow> {
  requireThreadId(threadId);
  const [row] = await db.select().from(conversations).where(and(eq(conversations.id, threadId), eq(conversations.userId, userId)));
  if (!row) throw new NotFoundError("Thread not found.");
  return row;
}

export async function renameThread(userId: string, threadId: string, title: string): Promise<ConversationRow> {
  requireThreadId(threadId);
  const [row] = await db
    .update(conversations)
    .set({ title, updatedAt: new Date() })
    .where(and(eq(conversations.id, threadId), eq(conversations.userId, userId)))
    .returning();
  if (!row) throw new NotFoundError("Thread not found.");
  return row;
}

export async function deleteThread(userId: string, threadId: string): Promise<void> {
  requireThreadId(threadId);
  const rows = await db.delete(conversations).where(and(eq(conversations.id, threadId), eq(conversations.userId, userId))).returning({ id: conversations.id });
  if (!rows.length) throw new NotFoundError("Thread not found.");
}

type PageOptions = { limit?: number | null; order?: "asc" | "desc" | null; after?: string | null };

export async function listThreads(userId: string, opts: PageOptions): Promise<Page<Thread>> {
  const limit = opts.limit ?? DEFAULT_PAGE;
  const order = opts.order ?? "desc";
  let cursor: ConversationRow | undefined;
  if (opts.after) {
    // Thread ids are uuids: anything else names no thread (and would be a cast error in SQL).
    if (UUID.test(opts.after)) [cursor] = await db.select().from(conversations).where(and(eq(conversations.id, opts.after), eq(conversations.userId, userId)));
    if (!cursor) throw new ValidationError("The `after` cursor does not name one of your threads.", { after: "Unknown cursor." });
  }
  const cmp = order === "desc" ? sql.raw("<") : sql.raw(">");
  const direction = order === "desc" ? desc : asc;
  const rows = await db
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.userId, userId),
        cursor ? sql`(${conversations.createdAt}, ${conversations.id}) ${cmp} (${cursor.createdAt.toISOString()}::timestamptz, ${cursor.id}::uuid)` : undefined,
      ),
    )
    .orderBy(direction(conversations.createdAt), direction(conversations.id))
    .limit(limit + 1);
  return page(rows.map((r) => toThread(r)), limit);
}

function page<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  const data = rows.slice(0, limit);
  const hasMore = rows.length > limit;
  return hasMore ? { data, has_more: true, after: data.at(-1)!.id } : { data, has_more: false };
}

/** Visible items of a thread, paged by item id. Hidden items are filtered in SQL, so pages are full. */
export async function listItems(threadId: string, opts: PageOptions): Promise<Page<ThreadItem>> {
  const limit = opts.limit ?? DEFAULT_PAGE;
  const order = opts.order ?? "desc";
  let afterSeq: number | undefined;
  if (opts.after) {
    const [row] = await db
      .select({ seq: messages.seq })
      .from(messages)
      .where(and(eq(messages.conversationId, threadId), eq(messages.id, opts.after)));
    if (!row) throw new ValidationError("The `after` cursor does not name an item of this thread.", { after: "Unknown cursor." });
    afterSeq = row.seq;
  }
  const rows = await db
    .select({ payload: messages.payload, id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, threadId),
        eq(messages.hidden, false),
        afterSeq === undefined ? undefined : order === "desc" ? lt(messages.seq, afterSeq) : gt(messages.seq, afterSeq),
      ),
    )
    .orderBy(order === "desc" ? desc(messages.seq) : asc(messages.seq))
    .limit(limit + 1);
  // Paged on the raw rows, so a row left out as unreadable does not shift the cursor or has_more.
  const result = page(rows, limit);
  return { ...result, data: readStoredItems(result.data) };
}

export async function getItemRow(threadId: string, itemId: string): Promise<MessageRow> {
  const [row] = await db.select().from(messages).where(and(eq(messages.conversationId, threadId), eq(messages.id, itemId)));
  if (!row) throw new NotFoundError("Item not found.");
  return row;
}

export type NewItem = { item: ThreadItem; hidden?: boolean; agentItems?: AgentInputItem[] | null };

/** Stores new payloads for several items of a thread in one statement. */
export async function replaceItems(threadId: string, items: ThreadItem[]): Promise<void> {
  if (!items.length) return;
  const values = sql.join(
    items.map((item) => sql`(${item.id}, ${JSON.stringify(toStoredPayload(item))}::jsonb)`),
    sql`, `,
  );
  await db.execute(sql`update ${messages} set payload = v.payload from (values ${values}) as v(id, payload)
    where ${messages.conversationId} = ${threadId} and ${messages.id} = v.id`);
}

/**
 * A confirmation card and the workflow shown just before it (the one whose tasks wait for
 * the card), in one query. Either is undefined when it is not there.
 */
export async function getCardAndWorkflow(threadId: string, widgetItemId: string): Promise<{ card?: MessageRow; workflow?: MessageRow }> {
  const rows = await db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, threadId),
        sql`${messages.seq} <= (select seq from ${messages} where ${messages.conversationId} = ${threadId} and ${messages.id} = ${widgetItemId})`,
        or(eq(messages.id, widgetItemId), eq(messages.type, "workflow")),
      ),
    )
    .orderBy(desc(messages.seq))
    .limit(2);
  const card = rows[0]?.id === widgetItemId ? rows[0] : undefined;
  return { card, workflow: card && rows[1]?.type === "workflow" ? rows[1] : undefined };
}

/** All or nothing: if any id is not a visible item of the thread, no feedback is stored. */
export async function setFeedback(threadId: string, itemIds: string[], kind: "positive" | "negative"): Promise<void> {
  await db.transaction(async (tx) => {
    const rows = await tx
      .update(messages)
      .set({ feedback: kind })
      .where(and(eq(messages.conversationId, threadId), inArray(messages.id, itemIds), eq(messages.hidden, false)))
      .returning({ id: messages.id });
    if (rows.length !== new Set(itemIds).size) throw new NotFoundError("Item not found.");
  });
}

// ---- turn serialization ----------------------------------------------------------------------

/** SQL NULL for a missing value, as Drizzle's jsonb columns store it (not JSON `null`). */
const jsonOrNull = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

export type TurnLimit = { bucket: string; limit: number; windowSeconds: number };

export type TurnStart = {
  userId: string;
  threadId: string;
  /** The turn opens a new thread with this id (chosen here, so the user's item can name it). */
  create?: boolean;
  token: string;
  leaseSeconds: number;
  /** Counted with the claim; null when this request was already counted (a retry while the thread was busy). */
  limit: TurnLimit | null;
  /** The user's item, stored only by the statement that wins the lease. `agentItemsIfPaused` replaces its agent items when a paused run is taken (a typed yes/no answers the card instead of reaching the model). */
  userItem?: NewItem & { agentItemsIfPaused?: AgentInputItem[] | null };
  /** Only a thread that is `active` may take the turn. */
  requireActive?: boolean;
  /** Only claim while the paused run waits for this card (a card's action). */
  pausedCard?: string;
  /** Take the paused run off the table with the claim (any one, or the one waiting for `pausedCard`). */
  takePaused?: boolean;
  /** A retry: remove the items after this seq, and read the history from before it. */
  retryAfterSeq?: number;
  /** An edit: remove the item at this seq (the edited message, which `userItem` replaces) and everything after it, and read the history from before it. Only claimed while that item is still there (else `answered`). */
  editFromSeq?: number;
};

export type PausedRunRow = PausedRun;

export type TurnBegun =
  | { status: "missing" }
  | { status: "closed"; reason?: string }
  | { status: "answered" }
  | { status: "limited"; retryAfter: number }
  | { status: "busy" }
  | { status: "claimed"; thread: ThreadRow; paused: PausedRunRow | null; history: AgentInputItem[] };

/**
 * A turn's first statement, one round trip whatever the thread's length: the ownership check,
 * the rate limit (counted in the database, so it holds across instances), the lease claim,
 * the user's item, the paused run and the model's history (the last HISTORY_ITEMS items with
 * agent items, oldest first). Nothing is written unless the lease is won, except the count: a
 * request for a missing or closed thread is not counted, a refused one writes nothing else.
 * Every CTE reads the snapshot from before the statement, so the history never includes the
 * user's own item (the runner adds it as the new message) nor, on a retry, what the retry removes.
 * The user's item is stamped with clock_timestamp(), not now(): now() is when the statement
 * began, and a statement that waited for the previous turn's last statement to let go of the
 * thread would date its message before that turn's answer, which it follows.
 */
export async function beginTurn(t: TurnStart): Promise<TurnBegun> {
  if (!t.create) requireThreadId(t.threadId);
  const lease = sql`now() + make_interval(secs => ${t.leaseSeconds})`;
  const ready = sql.join(
    [
      sql`true`,
      t.requireActive ? sql`status->>'type' = 'active'` : undefined,
      t.pausedCard ? sql`exists (select 1 from ${pausedRuns} p where p.conversation_id = ${t.threadId} and p.widget_item_id = ${t.pausedCard})` : undefined,
      t.editFromSeq !== undefined ? sql`exists (select 1 from ${messages} m where m.conversation_id = ${t.threadId} and m.seq = ${t.editFromSeq})` : undefined,
    ].filter(
      (x): x is SQL => x !== undefined,
    ),
    sql` and `,
  );
  const thread = t.create
    ? sql`select ${t.threadId}::uuid as id, null::text as title, '{"type":"active"}'::jsonb as status, now() as created_at, true as ready`
    : sql`select id, title, status, created_at, ${ready} as ready from ${conversations} where id = ${t.threadId} and user_id = ${t.userId}`;
  const counted = t.limit ? sql`(select count from rl) <= ${t.limit.limit}` : sql`true`;
  const claim = t.create
    ? sql`insert into ${conversations} (id, user_id, turn_lock_token, turn_lock_expires_at) select ${t.threadId}, ${t.userId}, ${t.token}, ${lease} where ${counted} returning id`
    : sql`update ${conversations} c set turn_lock_token = ${t.token}, turn_lock_expires_at = ${lease}, updated_at = now()
        from thread where c.id = thread.id and thread.ready and (c.turn_lock_token is null or c.turn_lock_expires_at < now()) and ${counted} returning c.id`;
  const item = t.userItem;
  const agentItems = item ? (item.agentItemsIfPaused !== undefined && t.takePaused ? sql`case when exists (select 1 from taken) then ${JSON.stringify(item.agentItemsIfPaused)}::jsonb else ${JSON.stringify(item.agentItems ?? null)}::jsonb end` : sql`${JSON.stringify(item.agentItems ?? null)}::jsonb`) : null;
  const ctes: SQL[] = [sql`thread as (${thread})`];
  if (t.limit) ctes.push(sql`rl as (${rateLimitUpsert(t.limit.bucket, t.limit.windowSeconds, 1, sql`exists (select 1 from thread where ready)`)})`);
  ctes.push(sql`claimed as (${claim})`);
  ctes.push(
    t.takePaused && !t.create
      ? sql`taken as (delete from ${pausedRuns} where conversation_id in (select id from claimed) ${t.pausedCard ? sql`and widget_item_id = ${t.pausedCard}` : sql``} returning widget_item_id, state, prior_item_count)`
      : sql`taken as (select null::text as widget_item_id, null::text as state, null::int as prior_item_count where false)`,
  );
  const removal = t.retryAfterSeq !== undefined ? sql`seq > ${t.retryAfterSeq}` : t.editFromSeq !== undefined ? sql`seq >= ${t.editFromSeq}` : undefined;
  const historyBefore = t.retryAfterSeq ?? t.editFromSeq;
  if (removal) ctes.push(sql`removed as (delete from ${messages} where conversation_id in (select id from claimed) and ${removal})`);
  if (item)
    ctes.push(sql`added as (insert into ${messages} (id, conversation_id, user_id, type, hidden, payload, agent_items, created_at)
      select ${item.item.id}, claimed.id, ${t.userId}, ${item.item.type}, false, ${JSON.stringify(toStoredPayload(item.item))}::jsonb, ${agentItems}, clock_timestamp() from claimed)`);
  ctes.push(
    t.create
      ? sql`history as (select null::jsonb as agent_items, 0::bigint as seq where false)`
      : sql`history as (select agent_items, seq from ${messages} where conversation_id = ${t.threadId} and agent_items is not null and exists (select 1 from claimed)
          ${historyBefore !== undefined ? sql`and seq < ${historyBefore}` : sql``} order by seq desc limit ${HISTORY_ITEMS})`,
  );
  const { rows } = await db.execute<{ id: string; title: string | null; status: ConversationRow["status"]; created_at: string | Date; ready: boolean; count: number | null; retry_after: number | null; claimed: boolean; paused: { widget_item_id: unknown; state: unknown; prior_item_count: unknown } | null; history: unknown[][] | null }>(sql`
    with ${sql.join(ctes, sql`, `)}
    select thread.id, thread.title, thread.status, thread.created_at, thread.ready,
      ${t.limit ? sql`(select count from rl)` : sql`null::int`} as count, ${t.limit ? sql`(select retry_after from rl)` : sql`null::int`} as retry_after,
      exists (select 1 from claimed) as claimed,
      (select json_build_object('widget_item_id', widget_item_id, 'state', state, 'prior_item_count', prior_item_count) from taken limit 1) as paused,
      (select jsonb_agg(agent_items order by seq) from history) as history
    from thread`);
  const row = rows[0];
  if (!row) return { status: "missing" };
  if (!row.ready) {
    if (t.requireActive && row.status.type !== "active") return { status: "closed", reason: row.status.reason };
    return { status: "answered" };
  }
  if (t.limit && Number(row.count) > t.limit.limit) return { status: "limited", retryAfter: Math.max(1, Number(row.retry_after)) };
  if (!row.claimed) return { status: "busy" };
  return {
    status: "claimed",
    thread: { id: row.id, title: row.title, status: row.status, createdAt: new Date(row.created_at) },
    paused: (row.paused && readPausedRun({ conversationId: row.id, widgetItemId: row.paused.widget_item_id, state: row.paused.state, priorItemCount: row.paused.prior_item_count })) ?? null,
    history: readAgentHistory((row.history ?? []).map((agentItems) => ({ agentItems }))),
  };
}

/**
 * A turn's last statement: its items, its tool calls (new ones inserted, ones that waited for
 * a confirmation updated), the title if the thread has none yet (a rename made meanwhile wins),
 * and the lease's release, in one round trip. Returns the thread when this statement titled it.
 */
export async function finishTurn(f: { userId: string; threadId: string; token: string; items: NewItem[]; toolCalls: RecordedToolCall[]; messageId: string | null; title?: string | null }): Promise<ThreadRow | undefined> {
  const ctes: SQL[] = [];
  if (f.items.length)
    ctes.push(sql`items as (insert into ${messages} (id, conversation_id, user_id, type, hidden, payload, agent_items, created_at) values ${sql.join(
      f.items.map(({ item, hidden, agentItems }) => sql`(${item.id}, ${f.threadId}, ${f.userId}, ${item.type}, ${hidden ?? false}, ${JSON.stringify(toStoredPayload(item))}::jsonb, ${JSON.stringify(agentItems ?? null)}::jsonb, ${item.created_at}::timestamptz)`),
      sql`, `,
    )})`);
  const fresh = f.toolCalls.filter((c) => c.status !== "approved" && c.status !== "rejected");
  const decided = f.toolCalls.filter((c) => c.status === "approved" || c.status === "rejected");
  if (fresh.length)
    ctes.push(sql`fresh as (insert into ${toolCalls} (conversation_id, message_id, call_id, user_id, source, tool_name, arguments, result, status, duration_ms) values ${sql.join(
      fresh.map((c) => sql`(${f.threadId}::uuid, ${f.messageId}, ${c.callId}, ${f.userId}, 'agent', ${c.name}, ${jsonOrNull(c.arguments)}::jsonb, ${jsonOrNull(c.result)}::jsonb, ${c.status}::tool_call_status, ${c.durationMs}::int)`),
      sql`, `,
    )})`);
  if (decided.length)
    ctes.push(sql`decided as (update ${toolCalls} t set status = v.status::tool_call_status, result = v.result::jsonb, duration_ms = v.duration_ms::int, message_id = ${f.messageId}
      from (values ${sql.join(
        decided.map((c) => sql`(${c.callId}, ${c.status}, ${jsonOrNull(c.result)}, ${c.durationMs === null ? null : String(c.durationMs)})`),
        sql`, `,
      )}) as v(call_id, status, result, duration_ms) where t.conversation_id = ${f.threadId} and t.call_id = v.call_id)`);
  ctes.push(sql`prior as (select title from ${conversations} where id = ${f.threadId})`);
  ctes.push(sql`released as (update ${conversations} c set
      turn_lock_token = case when c.turn_lock_token = ${f.token} then null else c.turn_lock_token end,
      turn_lock_expires_at = case when c.turn_lock_token = ${f.token} then null else c.turn_lock_expires_at end,
      title = coalesce(c.title, ${f.title ?? null}::text)
      from prior where c.id = ${f.threadId}
      returning c.id, c.title, c.status, c.created_at, (prior.title is null and c.title is not null) as titled)`);
  const { rows } = await db.execute<{ id: string; title: string | null; status: ConversationRow["status"]; created_at: string | Date; titled: boolean }>(sql`with ${sql.join(ctes, sql`, `)} select * from released`);
  const row = rows[0];
  return row?.titled ? { id: row.id, title: row.title, status: row.status, createdAt: new Date(row.created_at) } : undefined;
}

/** Extends a held lease; false when it is no longer ours (it expired and another turn took it). */
export async function renewTurn(threadId: string, token: string, leaseSeconds: number): Promise<boolean> {
  const { rows } = await db.execute(sql`update ${conversations} set turn_lock_expires_at = now() + make_interval(secs => ${leaseSeconds})
    where id = ${threadId} and turn_lock_token = ${token} returning id`);
  return rows.length > 0;
}

export async function releaseTurn(threadId: string, token: string): Promise<void> {
  await db
    .update(conversations)
    .set({ turnLockToken: null, turnLockExpiresAt: null })
    .where(and(eq(conversations.id, threadId), eq(conversations.turnLockToken, token)));
}

// ---- paused runs -------------------------------------------------------------------------------

export async function savePausedRun(userId: string, threadId: string, run: PausedRun): Promise<void> {
  const { widgetItemId, state, priorItemCount } = run;
  await db
    .insert(pausedRuns)
    .values({ conversationId: threadId, userId, widgetItemId, state, priorItemCount })
    .onConflictDoUpdate({ target: pausedRuns.conversationId, set: { widgetItemId, state, priorItemCount, createdAt: new Date() } });
}
