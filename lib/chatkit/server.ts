import { user as userItem, type AgentInputItem } from "@openai/agents";
import { resumeAgentTurn, streamAgentTurn, type AgentTurnOutcome } from "@/lib/agent/run";
import { selectModel } from "@/lib/agent/models";
import { BadRequestError, ConflictError, ValidationError } from "@/lib/errors";
import { fieldErrors, readJsonBody } from "@/lib/http";
import { consumeRateLimit, limitFromEnv } from "@/lib/rate-limit";
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
import { readStoredItemOf, type PausedRun } from "./stored";
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

function messageText(input: UserMessageInput): string {
  const text = input.content.map((p) => (p.type === "input_tag" ? `@${p.text}` : p.text)).join("").trim();
  return input.quoted_text ? `> ${input.quoted_text}\n\n${text}` : text;
}

async function checkRateLimit(userId: string) {
  const { limit, windowSeconds } = limitFromEnv("CHAT", { limit: 30, windowSeconds: 60 });
  await consumeRateLimit(`chat:${userId}`, limit, windowSeconds, "You're sending messages too fast. Try again in {seconds} s.");
}

/** Waits for the thread's turn lease (and stores the user's item with it). Gives up with 409. */
async function acquireTurn(userId: string, threadId: string, item?: store.NewItem): Promise<string> {
  const token = newToken();
  const deadline = Date.now() + LEASE_WAIT_MS;
  for (let delay = 20; ; delay = Math.min(delay * 1.5, 250)) {
    if (await store.claimTurn(userId, threadId, token, LEASE_SECONDS, item)) return token;
    if (Date.now() > deadline) throw new ConflictError("This conversation is busy with another message. Try again in a moment.");
    await new Promise((r) => setTimeout(r, delay));
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
  threadId: string;
  token: string;
  run: (emit: EventSink, signal: AbortSignal) => Promise<void>;
};

async function stream(request: StreamingRequest, ctx: Ctx): Promise<Response> {
  const plan = await prepare(request, ctx);
  return sseResponse(ctx.signal, async (emit, signal) => {
    const stopRenewing = keepLease(plan.threadId, plan.token);
    try {
      await plan.run(emit, signal);
    } catch (error) {
      console.error("chat stream failed:", error);
      emit({ type: "error", code: "stream.error", allow_retry: true });
    } finally {
      stopRenewing();
      await store.releaseTurn(plan.threadId, plan.token).catch((e) => console.error("could not release turn:", e));
    }
  });
}

/** Validates the request against the database and claims the thread, before any byte is streamed. */
async function prepare(request: StreamingRequest, ctx: Ctx): Promise<Plan> {
  const { user } = ctx;
  switch (request.type) {
    case "threads.create": {
      await checkRateLimit(user.id);
      const thread = await store.createThread(user.id);
      const item = userMessageItem(thread.id, request.params.input);
      const text = messageText(request.params.input);
      const token = await acquireTurn(user.id, thread.id, { item, agentItems: [userItem(text)] });
      return {
        threadId: thread.id,
        token,
        run: async (emit, signal) => {
          emit({ type: "thread.created", thread: store.toThread(thread) });
          emit({ type: "thread.item.done", item });
          emit({ type: "stream_options", stream_options: { allow_cancel: true } });
          await respond(ctx, thread.id, text, [], emit, signal, { titleFrom: text });
        },
      };
    }

    case "threads.add_user_message": {
      const thread = await store.getOwnedThread(user.id, request.params.thread_id);
      if (thread.status.type !== "active") throw new ConflictError(thread.status.reason ?? "This conversation is closed.");
      await checkRateLimit(user.id);
      const text = messageText(request.params.input);
      const item = userMessageItem(thread.id, request.params.input);
      const pending = await store.getPausedRun(thread.id);
      const decision = pending ? typedDecision(text) : null;
      // A typed yes/no answers the card; the model sees the decision as the tool's result, not as a message.
      const token = await acquireTurn(user.id, thread.id, { item, agentItems: decision ? null : [userItem(text)] });
      return {
        threadId: thread.id,
        token,
        run: async (emit, signal) => {
          emit({ type: "thread.item.done", item });
          emit({ type: "stream_options", stream_options: { allow_cancel: true } });
          const paused = pending ? await store.takePausedRun(thread.id) : undefined;
          if (paused && decision) return resume(ctx, thread.id, paused, decision, emit, signal);
          if (paused) await abandonCard(user.id, thread.id, paused.widgetItemId, emit);
          const history = await store.loadAgentHistory(thread.id);
          // The user's own item is the last history entry; the runner adds it again as the new message.
          await respond(ctx, thread.id, text, dropLastUserMessage(history), emit, signal, { titleFrom: thread.title ? undefined : text });
        },
      };
    }

    case "threads.retry_after_item": {
      const thread = await store.getOwnedThread(user.id, request.params.thread_id);
      const target = await store.getItemRow(thread.id, request.params.item_id);
      if (target.type !== "user_message") throw new BadRequestError("Only a user message can be retried.");
      await checkRateLimit(user.id);
      const token = await acquireTurn(user.id, thread.id);
      const payload = readStoredItemOf("user_message", target.payload, target.id);
      if (!payload) throw new BadRequestError("This message can no longer be retried.");
      const text = payload.content.map((p) => (p.type === "input_tag" ? `@${p.text}` : p.text)).join("").trim();
      return {
        threadId: thread.id,
        token,
        run: async (emit, signal) => {
          await store.deleteItemsAfter(thread.id, target.seq);
          await store.takePausedRun(thread.id);
          emit({ type: "stream_options", stream_options: { allow_cancel: true } });
          const history = dropLastUserMessage(await store.loadAgentHistory(thread.id));
          await respond(ctx, thread.id, text, history, emit, signal, {});
        },
      };
    }

    case "threads.custom_action": {
      const thread = await store.getOwnedThread(user.id, request.params.thread_id);
      const card = await requireWidget(thread.id, request.params.item_id);
      const action = request.params.action.type;
      if (action !== CONFIRM_ACTION && action !== CANCEL_ACTION) throw new BadRequestError(`Unknown action: ${action.slice(0, 60)}`);
      const pending = await store.getPausedRun(thread.id);
      if (!pending || pending.widgetItemId !== card.id) throw new ConflictError("This confirmation has already been answered.");
      await checkRateLimit(user.id);
      const token = await acquireTurn(user.id, thread.id);
      const paused = await store.takePausedRun(thread.id, card.id);
      if (!paused) {
        await store.releaseTurn(thread.id, token);
        throw new ConflictError("This confirmation has already been answered.");
      }
      return {
        threadId: thread.id,
        token,
        run: async (emit, signal) => {
          emit({ type: "stream_options", stream_options: { allow_cancel: false } });
          await resume(ctx, thread.id, paused, action === CONFIRM_ACTION ? "approve" : "reject", emit, signal);
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

function dropLastUserMessage(history: AgentInputItem[]): AgentInputItem[] {
  const last = history.at(-1) as { role?: string } | undefined;
  return last?.role === "user" ? history.slice(0, -1) : history;
}

/** Runs the agent for a message and streams, persists and titles the turn. */
/** Lets the opening events leave before the turn's work: with PGlite no query yields to the event loop, so otherwise the whole stream goes out at once. */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

async function respond(ctx: Ctx, threadId: string, text: string, history: AgentInputItem[], emit: EventSink, signal: AbortSignal, opts: { titleFrom?: string }) {
  await flush();
  const title = opts.titleFrom ? generateTitle(selectModel(), opts.titleFrom) : null;
  const translator = new TurnTranslator(threadId, emit);
  const { outcome, error } = await drive(translator, streamAgentTurn({ userId: ctx.user.id, timeZone: ctx.timeZone, history, message: text, signal }), signal);
  await settle(ctx, threadId, translator, outcome, emit);
  if (error) throw error;
  if (title && outcome) {
    const row = await store.setTitleIfUnset(threadId, await title);
    if (row) emit({ type: "thread.updated", thread: store.toThread(row) });
  }
}

/** Continues a paused run with the user's decision and replaces the card with the outcome. */
async function resume(ctx: Ctx, threadId: string, paused: PausedRun, decision: "approve" | "reject", emit: EventSink, signal: AbortSignal) {
  await flush();
  const translator = new TurnTranslator(threadId, emit);
  const { outcome, error } = await drive(translator, resumeAgentTurn({ userId: ctx.user.id, timeZone: ctx.timeZone, state: paused.state, priorItemCount: paused.priorItemCount, decision, signal }), signal);
  if (error) {
    // The decision could not be carried out; put the run back so the card can be answered again.
    await store.savePausedRun(ctx.user.id, threadId, paused);
    await settle(ctx, threadId, translator, null, emit);
    throw error;
  }
  if (outcome) {
    const result = outcome.interruption ? "Another confirmation follows." : outcome.text || (decision === "approve" ? "Done." : "Nothing was changed.");
    const taskOutcome = decision === "approve" ? (outcome.interruption ? "Confirmed." : result) : `Cancelled. ${result}`;
    await resolveCard(threadId, paused.widgetItemId, decision, result, taskOutcome, emit);
  }
  await settle(ctx, threadId, translator, outcome, emit);
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

/** A new message while a card waits: the card is cancelled, and the model is told. */
async function abandonCard(userId: string, threadId: string, widgetItemId: string, emit: EventSink) {
  const result = "Cancelled: you sent a new message. Nothing was changed.";
  const card = await resolveCard(threadId, widgetItemId, "reject", result, result, emit);
  if (!card) return;
  const note = `The user did not confirm (${cardQuestion(card.widget)}), so nothing was changed.`;
  await store.insertItems(userId, threadId, [
    { item: { type: "hidden_context_item", id: newItemId("hid"), thread_id: threadId, created_at: new Date().toISOString(), content: note }, hidden: true, agentItems: [{ role: "system", content: note } as AgentInputItem] },
  ]);
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

/** Persists the turn: items in one batch, tool calls, and a paused run's card. */
async function settle(ctx: Ctx, threadId: string, translator: TurnTranslator, outcome: AgentTurnOutcome | null, emit: EventSink) {
  if (outcome?.interruption) await pauseForConfirmation(ctx.user.id, threadId, translator, emit, outcome);
  else if (outcome) translator.attachAgentItems(outcome.items);
  await translator.persist(ctx.user.id, outcome?.toolCalls ?? []);
}

export type { ChatKitEvent };
