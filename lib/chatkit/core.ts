import { randomUUID } from "node:crypto";
import { user as userInputItem, type AgentInputItem } from "@openai/agents";
import type { ConversationRow, MessageRow } from "@/db/schema";
import type { RecordedToolCall } from "@/lib/agent/run";
import { BadRequestError, ConflictError, NotFoundError, RateLimitedError, ValidationError } from "@/lib/errors";
import { fieldErrors, readJsonBody } from "@/lib/http";
import { limitFromEnv } from "@/lib/rate-limit";
import type { SessionUser } from "@/lib/session";
import { newItemId, newToken } from "./ids";
import {
  EDIT_USER_MESSAGE,
  JSON_TYPES,
  jsonRequestSchema,
  STREAMING_TYPES,
  streamingRequestSchema,
  UNSUPPORTED_TYPES,
  type JsonRequest,
  type Page,
  type StreamingRequest,
  type Thread,
  type ThreadItem,
  type UserMessageInput,
  type UserMessageItem,
} from "./schemas";
import { sseResponse, type EventSink } from "./sse";
import type { NewItem, PausedRunRow, ThreadRow, TurnBegun, TurnStart } from "./store";
import { readStoredItemOf } from "./stored";

/**
 * The ChatKit protocol core, after openai/chatkit-python's `ChatKitServer.process`: one request
 * in, JSON or an SSE stream out, over a `Store` (lib/chatkit/store.ts) and the product's
 * `Hooks` (lib/chatkit/hooks/). The core owns what every request shares: parsing, ownership,
 * the rate limit, the turn lease, the user's item and the protocol's opening events. The hooks
 * own what a turn does: run the agent, answer a card.
 *
 * Validation before stream: everything that can fail because of the request (the body, its
 * type, ownership, state, the rate limit, a busy thread) is a 4xx JSON answer before a stream
 * opens, because ChatKit re-posts a message on a 5xx or a non-stream response. Failures after
 * that become `error` events.
 */

export const CHAT_BODY_LIMIT_BYTES = 64 * 1024;
/**
 * A turn's lease on its thread (decision record 7). Short, so a thread whose turn died with its
 * process (SIGKILL, a frozen function) is free again within LEASE_SECONDS; renewed every
 * RENEW_MS while the turn runs, so a live turn keeps it with three renewals to spare.
 */
const LEASE_SECONDS = 4;
const RENEW_MS = 1000;
const LEASE_WAIT_MS = 20_000;

export type Ctx = { user: SessionUser; timeZone?: string; signal: AbortSignal };

type PageOptions = { limit?: number | null; order?: "asc" | "desc" | null; after?: string | null };

/** What the core needs from storage. Every call is scoped to the user, directly or through a thread it loaded for them. */
export interface Store {
  getOwnedThread(userId: string, threadId: string): Promise<ConversationRow>;
  listThreads(userId: string, opts: PageOptions): Promise<Page<Thread>>;
  renameThread(userId: string, threadId: string, title: string): Promise<ConversationRow>;
  deleteThread(userId: string, threadId: string): Promise<void>;
  listItems(threadId: string, opts: PageOptions): Promise<Page<ThreadItem>>;
  getItemRow(threadId: string, itemId: string): Promise<MessageRow>;
  setFeedback(threadId: string, itemIds: string[], kind: "positive" | "negative"): Promise<void>;
  toThread(row: ThreadRow, items?: Page<ThreadItem>): Thread;
  /** A turn's first statement: ownership, limit, lease, user item, paused run and history. */
  beginTurn(start: TurnStart): Promise<TurnBegun>;
  renewTurn(threadId: string, token: string, leaseSeconds: number): Promise<boolean>;
  releaseTurn(threadId: string, token: string): Promise<void>;
  /** A turn's last statement: items, tool calls, title and the lease's release. */
  finishTurn(f: { userId: string; threadId: string; token: string; items: NewItem[]; toolCalls: RecordedToolCall[]; messageId: string | null; title?: string | null }): Promise<ThreadRow | undefined>;
}

/** What a hook gets to run a turn: who, where, the stream, and the turn to finish. */
export type TurnIO = { user: SessionUser; timeZone?: string; turn: Turn; emit: EventSink; signal: AbortSignal };

export type UserMessage = {
  text: string;
  /** The model's view of the thread before this message, oldest first. */
  history: AgentInputItem[];
  /** The paused run this message found waiting (taken off the table with the claim). */
  paused: PausedRunRow | null;
  /** Set when the thread has no title yet: the text to title it from. */
  titleFrom?: string;
};

/** What a card's button does: answer the run paused for that card (one answer wins), or act on its own (an Undo on a resolved card). */
export type CardAction = { answers: "paused"; run: (io: TurnIO, paused: PausedRunRow) => Promise<void> } | { answers: "card"; run: (io: TurnIO) => Promise<void> };

/** The product logic, called by the core once a turn is claimed and its opening events are out. */
export interface Hooks {
  /** A user's message, new or retried. */
  respond(io: TurnIO, message: UserMessage): Promise<void>;
  /** Whether this text answers a waiting card rather than talking to the model (then it is stored without agent items). */
  answersCard(text: string): boolean;
  /** A card's action: checked before the stream (a 4xx if unknown); the returned runner answers the paused run, or acts on the card alone. */
  action(card: MessageRow, action: { type: string; payload?: unknown }): CardAction;
}

export function createChatKitServer(store: Store, hooks: Hooks) {
  /** POST /api/chat: one ChatKit request (authentication is the caller's). */
  async function process(req: Request, ctx: Ctx): Promise<Response> {
    const body = await readJsonBody(req, CHAT_BODY_LIMIT_BYTES);
    const type = typeof body === "object" && body !== null ? (body as { type?: unknown }).type : undefined;
    if (typeof type !== "string") throw new BadRequestError("The request needs a `type`.");
    if (Object.hasOwn(UNSUPPORTED_TYPES, type)) throw new BadRequestError(UNSUPPORTED_TYPES[type]!);
    if ((STREAMING_TYPES as string[]).includes(type)) return stream(parse(streamingRequestSchema, body), ctx);
    if ((JSON_TYPES as string[]).includes(type)) return Response.json(await json(parse(jsonRequestSchema, body), ctx));
    throw new BadRequestError(`Unsupported request type: ${type.slice(0, 60)}`);
  }

  // ---- JSON requests ----------------------------------------------------------------------------

  async function json(request: JsonRequest, { user }: Ctx): Promise<unknown> {
    switch (request.type) {
      case "threads.get_by_id": {
        const thread = await store.getOwnedThread(user.id, request.params.thread_id);
        return store.toThread(thread, await store.listItems(thread.id, { limit: 20, order: "asc" }));
      }
      case "threads.list":
        return store.listThreads(user.id, request.params);
      case "threads.update":
        return store.toThread(await store.renameThread(user.id, request.params.thread_id, request.params.title));
      case "threads.delete":
        await store.deleteThread(user.id, request.params.thread_id);
        return {};
      case "items.list": {
        const thread = await store.getOwnedThread(user.id, request.params.thread_id);
        return store.listItems(thread.id, request.params);
      }
      case "items.feedback": {
        const thread = await store.getOwnedThread(user.id, request.params.thread_id);
        await store.setFeedback(thread.id, request.params.item_ids, request.params.kind);
        return {};
      }
      case "threads.sync_custom_action": {
        await requireWidget(user.id, request.params.thread_id, request.params.item_id);
        // Our cards only have streaming actions; a synchronous one changes nothing.
        return {};
      }
    }
  }

  async function requireWidget(userId: string, threadId: string, itemId: string | null | undefined) {
    const thread = await store.getOwnedThread(userId, threadId);
    if (!itemId) throw new BadRequestError("This action needs the item_id of the card it came from.");
    const row = await store.getItemRow(thread.id, itemId);
    if (row.type !== "widget" || row.hidden) throw new BadRequestError("Actions can only come from a widget item.");
    return row;
  }

  // ---- streaming requests -------------------------------------------------------------------------

  /**
   * Claims a turn in one statement per attempt (store.beginTurn). Every streaming case comes
   * through here, so ownership, the limit and the lease are written once. The request is counted
   * by its first attempt only; while another turn holds the lease it waits (backoff up to
   * 250 ms) and gives up after LEASE_WAIT_MS with a 409.
   */
  async function claim(user: SessionUser, start: Omit<TurnStart, "userId" | "token" | "leaseSeconds" | "limit">) {
    const token = newToken();
    const { limit, windowSeconds } = limitFromEnv("CHAT", { limit: 30, windowSeconds: 60 });
    const deadline = Date.now() + LEASE_WAIT_MS;
    for (let delay = 20, first = true; ; delay = Math.min(delay * 1.5, 250), first = false) {
      const begun = await store.beginTurn({ ...start, userId: user.id, token, leaseSeconds: LEASE_SECONDS, limit: first ? { bucket: `chat:${user.id}`, limit, windowSeconds } : null });
      switch (begun.status) {
        case "claimed":
          return { turn: new Turn(store, user.id, start.threadId, token), begun };
        case "missing":
          throw new NotFoundError("Thread not found.");
        case "closed":
          throw new ConflictError(begun.reason ?? "This conversation is closed.");
        case "answered":
          // An edit's message must still be there when the lease is won: a second edit of it, waiting, gets no second run.
          throw new ConflictError(start.editFromSeq !== undefined ? "This message was changed meanwhile. Reload the conversation to see it." : "This confirmation has already been answered.");
        case "limited":
          throw new RateLimitedError(`You're sending messages too fast. Try again in ${begun.retryAfter} s.`, begun.retryAfter);
        case "busy":
          if (Date.now() > deadline) throw new ConflictError("This conversation is busy with another message. Try again in a moment.");
          await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  type Plan = { turn: Turn; run: (io: TurnIO) => Promise<void> };

  async function stream(request: StreamingRequest, ctx: Ctx): Promise<Response> {
    const { turn, run } = await prepare(request, ctx);
    return sseResponse(ctx.signal, async (emit, signal) => {
      turn.keep();
      try {
        await run({ user: ctx.user, timeZone: ctx.timeZone, turn, emit, signal });
      } catch (error) {
        console.error("chat stream failed:", error);
        emit({ type: "error", code: "stream.error", allow_retry: true });
      } finally {
        await turn.release();
      }
    });
  }

  /** Validates the request against the database and claims the thread, before any byte is streamed. */
  async function prepare(request: StreamingRequest, { user }: Ctx): Promise<Plan> {
    switch (request.type) {
      case "threads.create": {
        const threadId = randomUUID();
        const { item, text, agentItems } = userMessage(threadId, request.params.input);
        const { turn, begun } = await claim(user, { threadId, create: true, userItem: { item, agentItems } });
        return {
          turn,
          run: async (io) => {
            io.emit({ type: "thread.created", thread: store.toThread(begun.thread) });
            io.emit({ type: "thread.item.done", item });
            io.emit({ type: "stream_options", stream_options: { allow_cancel: true } });
            await hooks.respond(io, { text, history: [], paused: null, titleFrom: text });
          },
        };
      }

      case "threads.add_user_message": {
        const threadId = request.params.thread_id;
        const { item, text, agentItems } = userMessage(threadId, request.params.input);
        const { turn, begun } = await claim(user, {
          threadId,
          requireActive: true,
          takePaused: true,
          userItem: { item, agentItems, agentItemsIfPaused: hooks.answersCard(text) ? null : agentItems },
        });
        return {
          turn,
          run: async (io) => {
            io.emit({ type: "thread.item.done", item });
            io.emit({ type: "stream_options", stream_options: { allow_cancel: true } });
            await hooks.respond(io, { text, history: begun.history, paused: begun.paused, titleFrom: begun.thread.title ? undefined : text });
          },
        };
      }

      case "threads.retry_after_item": {
        const thread = await store.getOwnedThread(user.id, request.params.thread_id);
        const target = await store.getItemRow(thread.id, request.params.item_id);
        if (target.type !== "user_message") throw new BadRequestError("Only a user message can be retried.");
        const stored = readStoredItemOf("user_message", target.payload, target.id);
        if (!stored) throw new BadRequestError("This message can no longer be retried.");
        // The retried message's answer (everything after it) goes, and so does a card waiting in it.
        const { turn, begun } = await claim(user, { threadId: thread.id, takePaused: true, retryAfterSeq: target.seq });
        return {
          turn,
          run: async (io) => {
            io.emit({ type: "stream_options", stream_options: { allow_cancel: true } });
            await hooks.respond(io, { text: messageText(stored), history: begun.history, paused: null });
          },
        };
      }

      case EDIT_USER_MESSAGE: {
        const thread = await store.getOwnedThread(user.id, request.params.thread_id);
        const target = await store.getItemRow(thread.id, request.params.item_id);
        if (target.type !== "user_message" || target.hidden) throw new BadRequestError("Only a user message can be edited.");
        // One claim does the whole edit: the old message and its answer go, the new text is stored, and the
        // history read is the one before the old message. Tasks the old answer changed stay changed.
        const { item, text, agentItems } = userMessage(thread.id, request.params.input);
        const { turn, begun } = await claim(user, { threadId: thread.id, requireActive: true, takePaused: true, editFromSeq: target.seq, userItem: { item, agentItems } });
        return {
          turn,
          run: async (io) => {
            io.emit({ type: "thread.item.removed", item_id: target.id });
            io.emit({ type: "thread.item.done", item });
            io.emit({ type: "stream_options", stream_options: { allow_cancel: true } });
            await hooks.respond(io, { text, history: begun.history, paused: null, titleFrom: begun.thread.title ? undefined : text });
          },
        };
      }

      case "threads.custom_action": {
        const card = await requireWidget(user.id, request.params.thread_id, request.params.item_id);
        const action = hooks.action(card, request.params.action);
        if (action.answers === "card") {
          const { turn } = await claim(user, { threadId: card.conversationId });
          return {
            turn,
            run: async (io) => {
              io.emit({ type: "stream_options", stream_options: { allow_cancel: false } });
              await action.run(io);
            },
          };
        }
        // Claimed only while the paused run still waits for this card, and taken with the claim: one answer wins.
        const { turn, begun } = await claim(user, { threadId: card.conversationId, pausedCard: card.id, takePaused: true });
        const paused = begun.paused;
        if (!paused) {
          await turn.release();
          throw new ConflictError("This confirmation has already been answered.");
        }
        return {
          turn,
          run: async (io) => {
            io.emit({ type: "stream_options", stream_options: { allow_cancel: false } });
            await action.run(io, paused);
          },
        };
      }

      case "threads.add_client_tool_output": {
        await store.getOwnedThread(user.id, request.params.thread_id);
        // This server defines no client tools, so there is never a call waiting for output.
        throw new BadRequestError("There is no pending client tool call in this thread.");
      }
    }
  }

  return { process };
}

/**
 * A claimed turn: its lease, renewed while the turn runs (keep) and released by the turn's last
 * statement (finish), or by `release` when the turn ends without one (a failure, a refusal).
 */
export class Turn {
  private released = false;
  private stopRenewing: () => void = () => {};

  constructor(
    private readonly store: Store,
    readonly userId: string,
    readonly threadId: string,
    readonly token: string,
  ) {}

  /**
   * Renews the lease every RENEW_MS until the turn ends. The first renewal is a second in, so a
   * short turn pays nothing for it, and one renewal at a time: a slow database cannot pile them up.
   */
  keep() {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const renew = async () => {
      // A failed renewal (database briefly unreachable) is retried on the next tick; the lease has time to spare.
      const held = await this.store.renewTurn(this.threadId, this.token, LEASE_SECONDS).catch(() => true);
      if (!held && !stopped) console.warn(`turn lease on ${this.threadId} was lost (expired and taken over); the turn runs on without it`);
      if (held && !stopped) timer = setTimeout(renew, RENEW_MS);
    };
    timer = setTimeout(renew, RENEW_MS);
    this.stopRenewing = () => {
      stopped = true;
      clearTimeout(timer);
    };
  }

  /** The turn's last statement: its items, tool calls and title, and the lease's release. Returns the thread if it was titled. */
  async finish(f: { items: NewItem[]; toolCalls: RecordedToolCall[]; messageId: string | null; title?: string | null }): Promise<ThreadRow | undefined> {
    this.stopRenewing();
    const titled = await this.store.finishTurn({ ...f, userId: this.userId, threadId: this.threadId, token: this.token });
    this.released = true;
    return titled;
  }

  async release() {
    this.stopRenewing();
    if (this.released) return;
    this.released = true;
    await this.store.releaseTurn(this.threadId, this.token).catch((e) => console.error("could not release turn:", e));
  }
}

function parse<S extends typeof streamingRequestSchema | typeof jsonRequestSchema>(schema: S, body: unknown) {
  const result = schema.safeParse(body);
  if (!result.success) {
    const fields = fieldErrors(result.error);
    const [field, message] = Object.entries(fields)[0] ?? ["body", "Invalid request."];
    throw new ValidationError(`${field}: ${message}`, fields);
  }
  return result.data as S extends typeof streamingRequestSchema ? StreamingRequest : JsonRequest;
}

/** The user's item for a message, the text the model reads, and the agent items stored with it. */
function userMessage(threadId: string, input: UserMessageInput) {
  const item: UserMessageItem = {
    type: "user_message",
    id: newItemId("msg"),
    thread_id: threadId,
    created_at: new Date().toISOString(),
    content: input.content.map((p) => (p.type === "input_text" ? { type: "input_text", text: p.text } : { type: "input_tag", id: p.id, text: p.text, data: p.data ?? {}, interactive: false })),
    attachments: [],
    ...(input.quoted_text ? { quoted_text: input.quoted_text } : {}),
    inference_options: input.inference_options ?? {},
  };
  const text = messageText(item);
  return { item, text, agentItems: [userInputItem(text)] as AgentInputItem[] };
}

/** What the model reads for a user's message (tags as @mentions, a quote above the text): the one place it is made. */
export function messageText(item: Pick<UserMessageItem, "content" | "quoted_text">): string {
  const text = item.content.map((p) => (p.type === "input_tag" ? `@${p.text}` : p.text)).join("").trim();
  return item.quoted_text ? `> ${item.quoted_text}\n\n${text}` : text;
}
