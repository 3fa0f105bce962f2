import { randomUUID } from "node:crypto";
import { user as userItem, type AgentInputItem } from "@openai/agents";
import { resumeAgentTurn, streamAgentTurn, type AgentTurnOutcome } from "@/lib/agent/run";
import { selectModel } from "@/lib/agent/models";
import { BadRequestError, ConflictError, NotFoundError, RateLimitedError, ValidationError } from "@/lib/errors";
import { fieldErrors, readJsonBody } from "@/lib/http";
import { limitFromEnv } from "@/lib/rate-limit";
import type { SessionUser } from "@/lib/session";
import { newItemId, newToken } from "./ids";
import {
  CANCEL_ACTION,
  CONFIRM_ACTION,
  JSON_TYPES,
  jsonRequestSchema,
  STREAMING_TYPES,
  streamingRequestSchema,
  UNSUPPORTED_TYPES,
  type ChatKitEvent,
  type JsonRequest,
  type StreamingRequest,
  type UserMessageInput,
  type UserMessageItem,
  type WidgetItem,
} from "./schemas";
import { sseResponse, type EventSink } from "./sse";
import { readStoredItemOf } from "./stored";
import * as store from "./store";
import { generateTitle } from "./titles";
import { pauseForConfirmation, TurnTranslator } from "./turn";
import { cardQuestion, resolvedCard, resolvedWorkflow, typedDecision } from "./widgets";

export const CHAT_BODY_LIMIT_BYTES = 64 * 1024;
/**
 * A turn's lease on its thread (decision record 7). Short, so a thread whose turn died with its
 * process (SIGKILL, a frozen function) is free again within LEASE_SECONDS; renewed every
 * RENEW_MS while the turn runs, so a live turn keeps it with three renewals to spare.
 */
const LEASE_SECONDS = 4;
const RENEW_MS = 1000;
const LEASE_WAIT_MS = 20_000;


type Ctx = { user: SessionUser; timeZone?: string; signal: AbortSignal };

/**
 * POST /api/chat: one ChatKit request. Everything that can fail because of the request
 * (authentication is the caller's, then body, type, ownership, state, rate limit) is
 * checked before a stream opens and answered as 4xx JSON, because ChatKit re-posts a
 * message on a 5xx or a non-stream response. Failures after that become `error` events.
 */
export async function handleChatKitRequest(req: Request, ctx: Ctx): Promise<Response> {
  const body = await readJsonBody(req, CHAT_BODY_LIMIT_BYTES);
  const type = typeof body === "object" && body !== null ? (body as { type?: unknown }).type : undefined;
  if (typeof type !== "string") throw new BadRequestError("The request needs a `type`.");
  if (Object.hasOwn(UNSUPPORTED_TYPES, type)) throw new BadRequestError(UNSUPPORTED_TYPES[type]!);
  if ((STREAMING_TYPES as string[]).includes(type)) return stream(parse(streamingRequestSchema, body), ctx);
  if ((JSON_TYPES as string[]).includes(type)) return Response.json(await json(parse(jsonRequestSchema, body), ctx));
  throw new BadRequestError(`Unsupported request type: ${type.slice(0, 60)}`);
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
      const thread = await store.getOwnedThread(user.id, request.params.thread_id);
      await requireWidget(thread.id, request.params.item_id);
      // Our cards only have streaming actions; a synchronous one changes nothing.
      return {};
    }
  }
}

async function requireWidget(threadId: string, itemId: string | null | undefined) {
  if (!itemId) throw new BadRequestError("This action needs the item_id of the card it came from.");
  const row = await store.getItemRow(threadId, itemId);
  if (row.type !== "widget" || row.hidden) throw new BadRequestError("Actions can only come from a widget item.");
  return row;
}

// ---- streaming requests -------------------------------------------------------------------------

function userMessageItem(threadId: string, input: UserMessageInput): UserMessageItem {
  return {
    type: "user_message",
    id: newItemId("msg"),
    thread_id: threadId,
    created_at: new Date().toISOString(),
    content: input.content.map((p) => (p.type === "input_text" ? { type: "input_text", text: p.text } : { type: "input_tag", id: p.id, text: p.text, data: p.data ?? {}, interactive: false })),
    attachments: [],
    ...(input.quoted_text ? { quoted_text: input.quoted_text } : {}),
    inference_options: input.inference_options ?? {},
  };
}

/** What the model reads for a user's message (tags as @mentions, a quote above the text). */
function messageText(input: Pick<UserMessageInput, "content" | "quoted_text">): string {
  const text = input.content.map((p) => (p.type === "input_tag" ? `@${p.text}` : p.text)).join("").trim();
  return input.quoted_text ? `> ${input.quoted_text}\n\n${text}` : text;
}

/** A claimed turn: its lease, renewed while it runs and released by its last statement. */
type Turn = { threadId: string; token: string; released: boolean; stopRenewing: () => void };

type Claimed = Extract<store.TurnBegun, { status: "claimed" }>;

/**
 * Claims a turn on a thread in one statement per attempt (store.beginTurn): ownership, the rate
 * limit, the lease, the user's item, the paused run and the history. Every request case goes
 * through here. The request is counted once, by its first attempt; while another turn holds
 * the lease it waits (backoff up to 250 ms), and gives up after LEASE_WAIT_MS with a 409.
 */
async function beginTurn(user: SessionUser, start: Omit<store.TurnStart, "userId" | "token" | "leaseSeconds" | "limit">): Promise<{ turn: Turn; begun: Claimed }> {
  const token = newToken();
  const { limit, windowSeconds } = limitFromEnv("CHAT", { limit: 30, windowSeconds: 60 });
  const deadline = Date.now() + LEASE_WAIT_MS;
  for (let delay = 20, first = true; ; delay = Math.min(delay * 1.5, 250), first = false) {
    const begun = await store.beginTurn({ ...start, userId: user.id, token, leaseSeconds: LEASE_SECONDS, limit: first ? { bucket: `chat:${user.id}`, limit, windowSeconds } : null });
    switch (begun.status) {
      case "claimed":
        return { turn: { threadId: start.threadId, token, released: false, stopRenewing: () => {} }, begun };
      case "missing":
        throw new NotFoundError("Thread not found.");
      case "closed":
        throw new ConflictError(begun.reason ?? "This conversation is closed.");
      case "answered":
        throw new ConflictError("This confirmation has already been answered.");
      case "limited":
        throw new RateLimitedError(`You're sending messages too fast. Try again in ${begun.retryAfter} s.`, begun.retryAfter);
      case "busy":
        if (Date.now() > deadline) throw new ConflictError("This conversation is busy with another message. Try again in a moment.");
        await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/**
 * Renews the lease every RENEW_MS until stopped. The first renewal is a second in, so a short
 * turn pays nothing for it, and one renewal at a time: a slow database cannot pile them up.
 */
function keepLease(threadId: string, token: string): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const renew = async () => {
    // A failed renewal (database briefly unreachable) is retried on the next tick; the lease has time to spare.
    const held = await store.renewTurn(threadId, token, LEASE_SECONDS).catch(() => true);
    if (!held && !stopped) console.warn(`turn lease on ${threadId} was lost (expired and taken over); the turn runs on without it`);
    if (held && !stopped) timer = setTimeout(renew, RENEW_MS);
  };
  timer = setTimeout(renew, RENEW_MS);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

type Plan = {
  turn: Turn;
  run: (emit: EventSink, signal: AbortSignal) => Promise<void>;
};

async function stream(request: StreamingRequest, ctx: Ctx): Promise<Response> {
  const { turn, run } = await prepare(request, ctx);
  return sseResponse(ctx.signal, async (emit, signal) => {
    turn.stopRenewing = keepLease(turn.threadId, turn.token);
    try {
      await run(emit, signal);
    } catch (error) {
      console.error("chat stream failed:", error);
      emit({ type: "error", code: "stream.error", allow_retry: true });
    } finally {
      turn.stopRenewing();
      // Normally the turn's last statement released the lease; this is for a turn that failed before it.
      if (!turn.released) await store.releaseTurn(turn.threadId, turn.token).catch((e) => console.error("could not release turn:", e));
    }
  });
}

/** Validates the request against the database and claims the thread, before any byte is streamed. */
async function prepare(request: StreamingRequest, ctx: Ctx): Promise<Plan> {
  const { user } = ctx;
  switch (request.type) {
    case "threads.create": {
      const threadId = randomUUID();
      const item = userMessageItem(threadId, request.params.input);
      const text = messageText(request.params.input);
      const { turn, begun } = await beginTurn(user, { threadId, create: true, userItem: { item, agentItems: [userItem(text)] } });
      return {
        turn,
        run: async (emit, signal) => {
          emit({ type: "thread.created", thread: store.toThread(begun.thread) });
          emit({ type: "thread.item.done", item });
          emit({ type: "stream_options", stream_options: { allow_cancel: true } });
          await respond(ctx, turn, text, [], emit, signal, { titleFrom: text });
        },
      };
    }

    case "threads.add_user_message": {
      const threadId = request.params.thread_id;
      const text = messageText(request.params.input);
      const item = userMessageItem(threadId, request.params.input);
      const decision = typedDecision(text);
      // A typed yes/no answers a waiting card; the model then sees the decision as the tool's result, not as a message.
      const { turn, begun } = await beginTurn(user, {
        threadId,
        requireActive: true,
        takePaused: true,
        userItem: { item, agentItems: [userItem(text)], agentItemsIfPaused: decision ? null : [userItem(text)] },
      });
      return {
        turn,
        run: async (emit, signal) => {
          emit({ type: "thread.item.done", item });
          emit({ type: "stream_options", stream_options: { allow_cancel: true } });
          const { paused, thread } = begun;
          if (paused && decision) return resume(ctx, turn, paused, decision, emit, signal);
          const note = paused ? await abandonCard(threadId, paused.widgetItemId, emit) : undefined;
          const history = note ? [...begun.history, ...(note.agentItems ?? [])] : begun.history;
          await respond(ctx, turn, text, history, emit, signal, { titleFrom: thread.title ? undefined : text, before: note ? [note] : [] });
        },
      };
    }

    case "threads.retry_after_item": {
      const thread = await store.getOwnedThread(user.id, request.params.thread_id);
      const target = await store.getItemRow(thread.id, request.params.item_id);
      if (target.type !== "user_message") throw new BadRequestError("Only a user message can be retried.");
      const stored = readStoredItemOf("user_message", target.payload, target.id);
      if (!stored) throw new BadRequestError("This message can no longer be retried.");
      const text = messageText(stored);
      // The retried message's answer (everything after it) goes, and so does a card waiting in it.
      const { turn, begun } = await beginTurn(user, { threadId: thread.id, takePaused: true, retryAfterSeq: target.seq });
      return {
        turn,
        run: async (emit, signal) => {
          emit({ type: "stream_options", stream_options: { allow_cancel: true } });
          await respond(ctx, turn, text, begun.history, emit, signal, {});
        },
      };
    }

    case "threads.custom_action": {
      const thread = await store.getOwnedThread(user.id, request.params.thread_id);
      const card = await requireWidget(thread.id, request.params.item_id);
      const action = request.params.action.type;
      if (action !== CONFIRM_ACTION && action !== CANCEL_ACTION) throw new BadRequestError(`Unknown action: ${action.slice(0, 60)}`);
      // Claimed only while the paused run still waits for this card, and taken with the claim: one answer wins.
      const { turn, begun } = await beginTurn(user, { threadId: thread.id, pausedCard: card.id, takePaused: true });
      const paused = begun.paused;
      if (!paused) {
        await store.releaseTurn(thread.id, turn.token);
        throw new ConflictError("This confirmation has already been answered.");
      }
      return {
        turn,
        run: async (emit, signal) => {
          emit({ type: "stream_options", stream_options: { allow_cancel: false } });
          await resume(ctx, turn, paused, action === CONFIRM_ACTION ? "approve" : "reject", emit, signal);
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

/** Lets the opening events leave before the turn's work: with PGlite no query yields to the event loop, so otherwise the whole stream goes out at once. */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs the agent for a message and streams, persists and titles the turn. `before` are items stored ahead of the turn's own. */
async function respond(ctx: Ctx, turn: Turn, text: string, history: AgentInputItem[], emit: EventSink, signal: AbortSignal, opts: { titleFrom?: string; before?: store.NewItem[] }) {
  await flush();
  const title = opts.titleFrom ? generateTitle(selectModel(), opts.titleFrom) : null;
  const translator = new TurnTranslator(turn.threadId, emit);
  for (const item of opts.before ?? []) translator.add(item);
  const { outcome, error } = await drive(translator, streamAgentTurn({ userId: ctx.user.id, timeZone: ctx.timeZone, history, message: text, signal }), signal);
  // The title is written by the turn's last statement, so it is awaited first (it was generated alongside the run).
  const titled = await settle(ctx, turn, translator, outcome, emit, title && outcome && !error ? await title : null);
  if (error) throw error;
  if (titled) emit({ type: "thread.updated", thread: store.toThread(titled) });
}

/** Continues a paused run with the user's decision and replaces the card with the outcome. */
async function resume(ctx: Ctx, turn: Turn, paused: store.PausedRunRow, decision: "approve" | "reject", emit: EventSink, signal: AbortSignal) {
  const { threadId } = turn;
  await flush();
  const translator = new TurnTranslator(threadId, emit);
  const { outcome, error } = await drive(translator, resumeAgentTurn({ userId: ctx.user.id, timeZone: ctx.timeZone, state: paused.state, priorItemCount: paused.priorItemCount, decision, signal }), signal);
  if (error) {
    // The decision could not be carried out; put the run back so the card can be answered again.
    await store.savePausedRun(ctx.user.id, threadId, paused);
    await settle(ctx, turn, translator, null, emit);
    throw error;
  }
  if (outcome) {
    const result = outcome.interruption ? "Another confirmation follows." : outcome.text || (decision === "approve" ? "Done." : "Nothing was changed.");
    const taskOutcome = decision === "approve" ? (outcome.interruption ? "Confirmed." : result) : `Cancelled. ${result}`;
    await resolveCard(threadId, paused.widgetItemId, decision, result, taskOutcome, emit);
  }
  await settle(ctx, turn, translator, outcome, emit);
}

/** Replaces an answered card with its outcome, and makes the tasks that waited for it say what happened. */
async function resolveCard(threadId: string, widgetItemId: string, decision: "approve" | "reject", result: string, taskOutcome: string, emit: EventSink): Promise<WidgetItem | undefined> {
  const { card, workflow } = await store.getCardAndWorkflow(threadId, widgetItemId);
  // A card or workflow that cannot be read is logged and left as it is (decision record 10).
  const previous = card && readStoredItemOf("widget", card.payload, card.id);
  if (!previous) return undefined;
  const replaced: WidgetItem = { ...previous, widget: resolvedCard(cardQuestion(previous.widget), decision, result) };
  const flow = workflow && readStoredItemOf("workflow", workflow.payload, workflow.id);
  const tasks = flow ? resolvedWorkflow(flow, decision, taskOutcome) : null;
  await store.replaceItems(threadId, tasks ? [replaced, tasks.item] : [replaced]);
  emit({ type: "thread.item.replaced", item: replaced });
  for (const { index, task } of tasks?.updated ?? []) emit({ type: "thread.item.updated", item_id: tasks!.item.id, update: { type: "workflow.task.updated", task_index: index, task } });
  return previous;
}

/**
 * A new message while a card waits: the card is cancelled, and the model is told. The note is
 * returned, to be stored with the turn's items and read by the model as the last of its history.
 */
async function abandonCard(threadId: string, widgetItemId: string, emit: EventSink): Promise<store.NewItem | undefined> {
  const result = "Cancelled: you sent a new message. Nothing was changed.";
  const card = await resolveCard(threadId, widgetItemId, "reject", result, result, emit);
  if (!card) return undefined;
  const note = `The user did not confirm (${cardQuestion(card.widget)}), so nothing was changed.`;
  return { item: { type: "hidden_context_item", id: newItemId("hid"), thread_id: threadId, created_at: new Date().toISOString(), content: note }, hidden: true, agentItems: [{ role: "system", content: note } as AgentInputItem] };
}

type Driven = { outcome: AgentTurnOutcome | null; error?: unknown };

/** Feeds the agent's events to the translator. A stop by the client is an outcome, not an error. */
async function drive(translator: TurnTranslator, turn: AsyncGenerator<Parameters<TurnTranslator["handle"]>[0], AgentTurnOutcome>, signal: AbortSignal): Promise<Driven> {
  try {
    for (;;) {
      const next = await turn.next();
      if (signal.aborted) break;
      if (next.done) {
        translator.finish();
        return { outcome: next.value };
      }
      translator.handle(next.value);
    }
  } catch (error) {
    if (!signal.aborted) {
      translator.finish();
      return { outcome: null, error };
    }
  }
  translator.cancelled();
  return { outcome: null };
}

/**
 * Persists the turn in its last statement (store.finishTurn): its items, tool calls and title,
 * and the lease's release. A paused run's card is saved first. Returns the thread if it was titled.
 */
async function settle(ctx: Ctx, turn: Turn, translator: TurnTranslator, outcome: AgentTurnOutcome | null, emit: EventSink, title?: string | null) {
  if (outcome?.interruption) await pauseForConfirmation(ctx.user.id, turn.threadId, translator, emit, outcome);
  else if (outcome) translator.attachAgentItems(outcome.items);
  turn.stopRenewing();
  const titled = await store.finishTurn({ userId: ctx.user.id, threadId: turn.threadId, token: turn.token, items: translator.takeItems(), toolCalls: outcome?.toolCalls ?? [], messageId: translator.assistantId, title });
  turn.released = true;
  return titled;
}

export type { ChatKitEvent };
