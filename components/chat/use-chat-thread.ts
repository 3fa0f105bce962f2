"use client";
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { ChatHttpError, chatApi, chatRequests, FIRST_PAGE, isAbortError, streamRequest } from "@/lib/chatkit/client";
import {
  chatReducer,
  initialChatState,
  isLocalItem,
  isVisibleItem,
  itemsFromDescPage,
  lastStoredUserMessage,
  LOCAL_ID_PREFIX,
  userText,
  type ChatError,
  type ChatState,
  type ThreadMeta,
} from "@/lib/chatkit/reducer";
import type { ChatAction, ChatKitEvent, StreamingRequest, Thread, ThreadItem, UserMessageItem } from "@/lib/chatkit/schemas";
import { markdownReady } from "./markdown";

/** What the error banner's Retry does. A message that was not sent has its own Retry, on its bubble. */
type RetryPlan = { kind: "retry_after"; itemId: string } | { kind: "action"; itemId: string; action: ChatAction };

type Options = {
  /** The server created a thread for the first message. */
  onThreadCreated: (thread: Thread) => void;
  /** A thread's title changed (set by the server after the first exchange). */
  onThreadUpdated: (thread: Thread) => void;
  /** A stream closed, however it ended: the task list and thread list refresh. */
  onTurnEnd: () => void;
  /** A thread already loaded (by the page, on the server): shown at once, not fetched again. */
  initial?: InitialThread | null;
};

/** A thread and its newest page of items (oldest first), with the cursor for older ones. */
export type InitialThread = { thread: ThreadMeta; items: ThreadItem[]; after: string | null };

const stateFrom = (initial: InitialThread | null | undefined): ChatState =>
  initial ? { ...initialChatState, thread: initial.thread, items: initial.items.filter(isVisibleItem) } : initialChatState;

let localCounter = 0;
const localId = () => `${LOCAL_ID_PREFIX}${Date.now().toString(36)}${(localCounter++).toString(36)}`;

/** The user's message as shown while it is being sent (or after it could not be). */
const localMessage = (threadId: string | null, text: string): UserMessageItem => ({
  type: "user_message",
  id: localId(),
  thread_id: threadId ?? "",
  created_at: new Date().toISOString(),
  content: [{ type: "input_text", text }],
  attachments: [],
  inference_options: {},
});

const errorFrom = (error: unknown): ChatError => {
  if (error instanceof ChatHttpError) return { code: "http", message: error.message, allowRetry: ![400, 401, 404, 413].includes(error.status) };
  return { code: "network", message: error instanceof Error ? error.message : "Something went wrong. Try again.", allowRetry: true };
};

/**
 * One conversation in the built-in client: opening a thread (newest 20 items, older ones
 * paged in), sending messages and card actions as streams, Stop, and Retry. Every change to
 * what is shown goes through the pure reducer in lib/chatkit/reducer.ts.
 */
export function useChatThread({ onThreadCreated, onThreadUpdated, onTurnEnd, initial }: Options) {
  const [state, dispatch] = useReducer(chatReducer, initial, stateFrom);
  const [streaming, setStreaming] = useState(false);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [older, setOlder] = useState<{ after: string | null; loading: boolean }>({ after: initial?.after ?? null, loading: false });
  const [retryPlan, setRetryPlan] = useState<RetryPlan | null>(null);
  const [sendingAction, setSendingAction] = useState<string | null>(null);

  const abortRef = useRef<AbortController | null>(null);
  const openRef = useRef(0);
  const threadIdRef = useRef<string | null>(initial?.thread.id ?? null);
  const callbacks = useRef({ onThreadCreated, onThreadUpdated, onTurnEnd });
  const stateRef = useRef(state);
  useEffect(() => {
    callbacks.current = { onThreadCreated, onThreadUpdated, onTurnEnd };
    stateRef.current = state;
  });

  useEffect(() => () => abortRef.current?.abort(), []);

  /** Shows a thread (its newest page), or the empty new-chat view for null. */
  const open = useCallback(async (thread: ThreadMeta | string | null) => {
    abortRef.current?.abort();
    const request = ++openRef.current;
    setRetryPlan(null);
    setLoadError(null);
    setOlder({ after: null, loading: false });
    const id = typeof thread === "string" ? thread : (thread?.id ?? null);
    threadIdRef.current = id;
    if (!id) {
      dispatch({ type: "open", thread: null, items: [] });
      setLoading(false);
      return;
    }
    const meta: ThreadMeta = typeof thread === "object" && thread ? thread : { id, created_at: new Date().toISOString(), status: { type: "active" } };
    dispatch({ type: "open", thread: meta, items: [] });
    setLoading(true);
    try {
      const [page, full] = await Promise.all([chatApi.listItems(id, { limit: FIRST_PAGE }), typeof thread === "string" ? chatApi.getThread(id) : Promise.resolve(null), markdownReady()]);
      if (request !== openRef.current) return;
      const { items: _items, ...fullMeta } = full ?? { items: null };
      dispatch({ type: "open", thread: full ? (fullMeta as ThreadMeta) : meta, items: itemsFromDescPage(page) });
      setOlder({ after: page.has_more ? (page.after ?? null) : null, loading: false });
    } catch (error) {
      if (request !== openRef.current) return;
      const notFound = error instanceof ChatHttpError && error.status === 404;
      setLoadError(notFound ? "This conversation doesn't exist any more. It may have been deleted." : errorFrom(error).message);
      if (notFound) {
        // Show a new chat instead; the next message starts a new thread.
        threadIdRef.current = null;
        dispatch({ type: "open", thread: null, items: [] });
      }
    } finally {
      if (request === openRef.current) setLoading(false);
    }
  }, []);

  /** Pages in the next older items; resolves to how many were added. */
  const loadOlder = useCallback(async () => {
    const id = threadIdRef.current;
    const after = older.after;
    if (!id || !after || older.loading) return 0;
    const request = openRef.current;
    setOlder((o) => ({ ...o, loading: true }));
    try {
      const page = await chatApi.listItems(id, { after });
      if (request !== openRef.current) return 0;
      const items = itemsFromDescPage(page);
      dispatch({ type: "older", items });
      setOlder({ after: page.has_more ? (page.after ?? null) : null, loading: false });
      return items.length;
    } catch (error) {
      if (request === openRef.current) {
        setOlder((o) => ({ ...o, loading: false }));
        setLoadError(`Could not load earlier messages. ${errorFrom(error).message}`);
      }
      return 0;
    }
  }, [older]);

  /** Sends one streaming request and applies its events as they arrive. */
  const run = useCallback(async (body: StreamingRequest, context: { localItemId?: string; editOf?: string; retryItemId?: string; action?: { itemId: string; action: ChatAction } }) => {
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    const request = openRef.current;
    setStreaming(true);
    setRetryPlan(null);
    dispatch({ type: "error", error: null });
    let storedUserId: string | undefined;
    let errorEvent: { allowRetry: boolean } | null = null;
    const onEvent = (event: ChatKitEvent) => {
      if (request !== openRef.current) return;
      if (event.type === "thread.created") {
        threadIdRef.current = event.thread.id;
        callbacks.current.onThreadCreated(event.thread);
      } else if (event.type === "thread.updated") callbacks.current.onThreadUpdated(event.thread);
      else if (event.type === "thread.item.done" && event.item.type === "user_message") storedUserId = event.item.id;
      else if (event.type === "error") errorEvent = { allowRetry: event.allow_retry };
      dispatch({ type: "event", event });
    };
    // Once the message is stored, Retry asks for a new answer to it instead of posting it again.
    const planAfterStored = (): RetryPlan | null => {
      if (context.action) return { kind: "action", ...context.action };
      const itemId = storedUserId ?? context.retryItemId;
      return itemId ? { kind: "retry_after", itemId } : null;
    };
    try {
      await streamRequest(body, onEvent, controller.signal);
      const failed = errorEvent as { allowRetry: boolean } | null;
      if (failed?.allowRetry && request === openRef.current) setRetryPlan(planAfterStored());
    } catch (error) {
      if (request !== openRef.current || isAbortError(error)) return;
      const stored = storedUserId !== undefined || !context.localItemId;
      // A message the server never stored stays, marked "Not sent", with its text: its bubble offers Retry.
      if (!stored && context.localItemId) dispatch({ type: "unsent", id: context.localItemId, editOf: context.editOf });
      const shown = errorFrom(error);
      dispatch({ type: "error", error: shown });
      if (shown.allowRetry && stored) setRetryPlan(planAfterStored());
    } finally {
      if (abortRef.current === controller) abortRef.current = null;
      if (request === openRef.current) {
        setStreaming(false);
        dispatch({ type: "turn_end" });
      }
      callbacks.current.onTurnEnd();
    }
  }, []);

  const send = useCallback(
    (text: string) => {
      const threadId = threadIdRef.current;
      const item = localMessage(threadId, text);
      dispatch({ type: "send", item });
      return run(threadId ? chatRequests.addUserMessage(threadId, text) : chatRequests.createThread(text), { localItemId: item.id });
    },
    [run],
  );

  /** Replaces a stored user message with `text`: what came after it goes, and it is answered again. */
  const editStored = useCallback(
    (itemId: string, text: string) => {
      const threadId = threadIdRef.current;
      if (!threadId) return;
      const item = localMessage(threadId, text);
      dispatch({ type: "edit", itemId, item });
      return run(chatRequests.editUserMessage(threadId, itemId, text), { localItemId: item.id, editOf: itemId });
    },
    [run],
  );

  /**
   * Edit on a user message: a stored one is replaced on the server; one that was not sent is
   * sent now with the new text (as the edit it was meant to be, if it was one).
   */
  const edit = useCallback(
    (item: ThreadItem, text: string) => {
      if (!isLocalItem(item)) return editStored(item.id, text);
      const editOf = stateRef.current.unsent[item.id]?.editOf;
      dispatch({ type: "remove", id: item.id });
      return editOf ? editStored(editOf, text) : send(text);
    },
    [editStored, send],
  );

  /** Retry on a message that was not sent: the same text, sent again. */
  const resend = useCallback((item: ThreadItem) => edit(item, userText(item)), [edit]);

  /** Retry on the last answer: a new answer to the last stored user message (threads.retry_after_item). */
  const regenerate = useCallback(() => {
    const threadId = threadIdRef.current;
    const target = lastStoredUserMessage(stateRef.current.items);
    if (!threadId || !target) return;
    dispatch({ type: "retry", itemId: target.id });
    return run(chatRequests.retryAfterItem(threadId, target.id), { retryItemId: target.id });
  }, [run]);

  const act = useCallback(
    async (itemId: string, action: ChatAction) => {
      const threadId = threadIdRef.current;
      if (!threadId) return;
      setSendingAction(action.type);
      try {
        await run(chatRequests.customAction(threadId, itemId, action), { action: { itemId, action } });
      } finally {
        setSendingAction(null);
      }
    },
    [run],
  );

  const retry = useCallback(() => {
    const plan = retryPlan;
    const threadId = threadIdRef.current;
    if (!plan || !threadId) return;
    if (plan.kind === "action") return act(plan.itemId, plan.action);
    dispatch({ type: "retry", itemId: plan.itemId });
    return run(chatRequests.retryAfterItem(threadId, plan.itemId), { retryItemId: plan.itemId });
  }, [retryPlan, act, run]);

  const stop = useCallback(() => abortRef.current?.abort(), []);
  /** The thread being shown or opened (set before its items arrive). */
  const currentThreadId = useCallback(() => threadIdRef.current, []);

  const dismissError = useCallback(() => {
    dispatch({ type: "error", error: null });
    setRetryPlan(null);
    setLoadError(null);
  }, []);

  return {
    state,
    streaming,
    loading,
    loadError,
    hasOlder: older.after !== null,
    loadingOlder: older.loading,
    canRetry: retryPlan !== null,
    sendingAction,
    open,
    currentThreadId,
    loadOlder,
    send,
    edit,
    resend,
    regenerate,
    act,
    retry,
    stop,
    dismissError,
    /** The server renamed the open thread (from the thread list). */
    setTitle: (title: string) => dispatch({ type: "title", title }),
  };
}
