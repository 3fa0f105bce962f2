import type { AgentInputItem } from "@openai/agents";
import { and, asc, desc, eq, gt, inArray, isNotNull, lt, or, sql } from "drizzle-orm";
import { db } from "@/db";
import { conversations, messages, pausedRuns, toolCalls, type ConversationRow, type MessageRow } from "@/db/schema";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { RecordedToolCall } from "@/lib/agent/run";
import type { Page, Thread, ThreadItem } from "./schemas";
import { readAgentHistory, readPausedRun, readStoredItems, toStoredPayload, type PausedRun } from "./stored";

/**
 * The thread and item store: every chat query lives here. Callers pass the user id, and a
 * thread is only ever loaded together with its owner, so another user's ids look missing.
 */

export const HISTORY_ITEMS = 40;
const DEFAULT_PAGE = 20;

export function toThread(row: ConversationRow, items: Page<ThreadItem> = { data: [], has_more: false }): Thread {
  return {
    id: row.id,
    ...(row.title ? { title: row.title } : {}),
    created_at: row.createdAt.toISOString(),
    status: row.status,
    items,
  };
}

export async function createThread(userId: string): Promise<ConversationRow> {
  const [row] = await db.insert(conversations).values({ userId }).returning();
  return row!;
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

/** Sets the title only if the thread has none yet, so a rename made meanwhile wins. */
export async function setTitleIfUnset(threadId: string, title: string): Promise<ConversationRow | undefined> {
  const [row] = await db
    .update(conversations)
    .set({ title })
    .where(and(eq(conversations.id, threadId), sql`${conversations.title} is null`))
    .returning();
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

export async function insertItems(userId: string, threadId: string, items: NewItem[]): Promise<void> {
  if (!items.length) return;
  await db.insert(messages).values(
    items.map(({ item, hidden, agentItems }) => ({
      id: item.id,
      conversationId: threadId,
      userId,
      type: item.type,
      hidden: hidden ?? false,
      payload: toStoredPayload(item),
      agentItems: agentItems ?? null,
      createdAt: new Date(item.created_at),
    })),
  );
}

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

/** Removes every item after `seq` (a retry replaces the answer to that message). */
export async function deleteItemsAfter(threadId: string, seq: number): Promise<void> {
  await db.delete(messages).where(and(eq(messages.conversationId, threadId), gt(messages.seq, seq)));
}

/** The model's view of the thread: the agent items of the last N items that have any, oldest first. */
export async function loadAgentHistory(threadId: string, limit = HISTORY_ITEMS): Promise<AgentInputItem[]> {
  const rows = await db
    .select({ id: messages.id, agentItems: messages.agentItems })
    .from(messages)
    .where(and(eq(messages.conversationId, threadId), isNotNull(messages.agentItems)))
    .orderBy(desc(messages.seq))
    .limit(limit);
  return readAgentHistory(rows.reverse());
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

/**
 * Claims the thread's turn lease and, in the same statement, stores the user's item, so
 * messages posted at once are stored in the order their turns run. Returns false while
 * another turn holds the lease.
 */
export async function claimTurn(userId: string, threadId: string, token: string, leaseSeconds: number, userItem?: NewItem): Promise<boolean> {
  const claim = sql`update ${conversations} set turn_lock_token = ${token}, turn_lock_expires_at = now() + make_interval(secs => ${leaseSeconds}), updated_at = now()
    where id = ${threadId} and user_id = ${userId} and (turn_lock_token is null or turn_lock_expires_at < now()) returning id`;
  if (!userItem) {
    const { rows } = await db.execute(claim);
    return rows.length > 0;
  }
  const { item, agentItems } = userItem;
  const { rows } = await db.execute(sql`with claimed as (${claim})
    insert into ${messages} (id, conversation_id, user_id, type, hidden, payload, agent_items, created_at)
    select ${item.id}, claimed.id, ${userId}, ${item.type}, false, ${JSON.stringify(toStoredPayload(item))}::jsonb, ${JSON.stringify(agentItems ?? null)}::jsonb, now()
    from claimed returning seq`);
  return rows.length > 0;
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

/** The thread's paused run; an unreadable one is logged and read as none (decision record 10). */
export async function getPausedRun(threadId: string): Promise<PausedRun | undefined> {
  const [row] = await db.select().from(pausedRuns).where(eq(pausedRuns.conversationId, threadId));
  return readPausedRun(row);
}

/** Takes the paused run off the table, so one decision (click, retry or typed answer) wins. */
export async function takePausedRun(threadId: string, widgetItemId?: string): Promise<PausedRun | undefined> {
  const [row] = await db
    .delete(pausedRuns)
    .where(and(eq(pausedRuns.conversationId, threadId), widgetItemId ? eq(pausedRuns.widgetItemId, widgetItemId) : undefined))
    .returning();
  return readPausedRun(row);
}

// ---- audit trail ---------------------------------------------------------------------------------

export async function recordToolCalls(userId: string, threadId: string, messageId: string | null, calls: RecordedToolCall[]): Promise<void> {
  const fresh = calls.filter((c) => c.status !== "approved" && c.status !== "rejected");
  const decided = calls.filter((c) => c.status === "approved" || c.status === "rejected");
  if (fresh.length) {
    await db.insert(toolCalls).values(
      fresh.map((c) => ({
        conversationId: threadId,
        messageId,
        callId: c.callId,
        userId,
        source: "agent" as const,
        toolName: c.name,
        arguments: c.arguments,
        result: c.result,
        status: c.status,
        durationMs: c.durationMs,
      })),
    );
  }
  for (const c of decided) {
    await db
      .update(toolCalls)
      .set({ status: c.status, result: c.result, durationMs: c.durationMs, messageId })
      .where(and(eq(toolCalls.conversationId, threadId), eq(toolCalls.callId, c.callId)));
  }
}
