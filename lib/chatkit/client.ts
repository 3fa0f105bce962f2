import { createParser } from "eventsource-parser";
import type { ChatAction, ChatKitEvent, JsonRequest, Page, StreamingRequest, Thread, ThreadItem, UserMessageInput } from "./schemas";

/**
 * The browser side of the ChatKit protocol for the built-in chat client: request bodies,
 * one POST to the chat endpoint, and an SSE reader for streamed answers. Types only come
 * from ./schemas, so nothing of the server (or zod) ends up in the browser bundle.
 */

export const CHAT_ENDPOINT = "/api/chat";
/**
 * How many of a thread's newest items it opens with, in the page's HTML and in the client: more
 * than a screen holds, few enough that a long thread's page hydrates light (React's hydration
 * of the history was most of /chat's blocking time). Older items come in as the reader scrolls up.
 */
export const FIRST_PAGE = 20;
/** How many older items are paged in at a time. */
export const HISTORY_PAGE = 50;

// ---- request bodies ----------------------------------------------------------------------

export function userInput(text: string): UserMessageInput {
  return { content: [{ type: "input_text", text }], attachments: [], inference_options: {} };
}

type PageOptions = { limit?: number; order?: "asc" | "desc"; after?: string };

export const chatRequests = {
  createThread: (text: string): StreamingRequest => ({ type: "threads.create", params: { input: userInput(text) } }),
  addUserMessage: (threadId: string, text: string): StreamingRequest => ({ type: "threads.add_user_message", params: { thread_id: threadId, input: userInput(text) } }),
  retryAfterItem: (threadId: string, itemId: string): StreamingRequest => ({ type: "threads.retry_after_item", params: { thread_id: threadId, item_id: itemId } }),
  /** Our own op (decision 0016), spelled out rather than imported: ./schemas' values would bring zod into the browser. */
  editUserMessage: (threadId: string, itemId: string, text: string): StreamingRequest => ({
    type: "tasktalk.threads.edit_user_message",
    params: { thread_id: threadId, item_id: itemId, input: userInput(text) },
  }),
  customAction: (threadId: string, itemId: string, action: ChatAction): StreamingRequest => ({
    type: "threads.custom_action",
    params: { thread_id: threadId, item_id: itemId, action },
  }),
  listThreads: (opts: PageOptions = {}): JsonRequest => ({ type: "threads.list", params: { order: "desc", ...opts } }),
  getThread: (threadId: string): JsonRequest => ({ type: "threads.get_by_id", params: { thread_id: threadId } }),
  updateThread: (threadId: string, title: string): JsonRequest => ({ type: "threads.update", params: { thread_id: threadId, title } }),
  deleteThread: (threadId: string): JsonRequest => ({ type: "threads.delete", params: { thread_id: threadId } }),
  listItems: (threadId: string, opts: PageOptions = {}): JsonRequest => ({
    type: "items.list",
    params: { thread_id: threadId, limit: HISTORY_PAGE, order: "desc", ...opts },
  }),
};

// ---- errors ------------------------------------------------------------------------------

/** The endpoint answered with a 4xx/5xx (`{ message }`), or something that is not what was asked for. */
export class ChatHttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "ChatHttpError";
  }
}

/** The server could not be reached, or the connection broke mid-answer. */
export class ChatNetworkError extends Error {
  constructor(message = "Could not reach the server. Check your connection and try again.") {
    super(message);
    this.name = "ChatNetworkError";
  }
}

export const isAbortError = (error: unknown) => error instanceof DOMException && error.name === "AbortError";

async function httpError(res: Response): Promise<ChatHttpError> {
  const body = (await res.json().catch(() => null)) as { message?: unknown } | null;
  if (res.status === 401) return new ChatHttpError("Your session has ended. Sign in again to continue.", 401);
  const message = typeof body?.message === "string" && body.message ? body.message : `The request failed (${res.status}).`;
  return new ChatHttpError(message, res.status);
}

async function post(body: StreamingRequest | JsonRequest, accept: string, signal?: AbortSignal): Promise<Response> {
  try {
    return await fetch(CHAT_ENDPOINT, {
      method: "POST",
      headers: { "content-type": "application/json", accept },
      body: JSON.stringify(body),
      credentials: "same-origin",
      cache: "no-store",
      signal,
    });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ChatNetworkError();
  }
}

// ---- JSON requests -----------------------------------------------------------------------

export async function postJson<T>(body: JsonRequest, signal?: AbortSignal): Promise<T> {
  const res = await post(body, "application/json", signal);
  if (!res.ok) throw await httpError(res);
  return (await res.json().catch(() => ({}))) as T;
}

export const chatApi = {
  listThreads: (opts?: PageOptions, signal?: AbortSignal) => postJson<Page<Thread>>(chatRequests.listThreads(opts), signal),
  getThread: (threadId: string, signal?: AbortSignal) => postJson<Thread>(chatRequests.getThread(threadId), signal),
  updateThread: (threadId: string, title: string) => postJson<Thread>(chatRequests.updateThread(threadId, title)),
  deleteThread: (threadId: string) => postJson<Record<string, never>>(chatRequests.deleteThread(threadId)),
  listItems: (threadId: string, opts?: PageOptions, signal?: AbortSignal) => postJson<Page<ThreadItem>>(chatRequests.listItems(threadId, opts), signal),
};

// ---- streaming requests ------------------------------------------------------------------

/**
 * An incremental SSE parser: feed it the response body's bytes as they arrive; it calls
 * `onEvent` once for every complete message. Line endings, comments, chunk splits (inside a
 * CRLF or a UTF-8 character) and the leading BOM are the job of `eventsource-parser` and
 * `TextDecoder`; what is left here is the ChatKit contract: each message's data is one JSON
 * event, and a message that is not one is skipped with a warning.
 */
export function createSseParser(onEvent: (event: ChatKitEvent) => void) {
  // One decoder for the whole stream: it keeps a character split across chunks, and drops the BOM.
  const decoder = new TextDecoder();
  const parser = createParser({
    onEvent({ data }) {
      let event: unknown;
      try {
        event = JSON.parse(data);
      } catch {
        console.warn("Skipped a malformed chat event:", data.slice(0, 200));
        return;
      }
      if (event && typeof event === "object" && typeof (event as { type?: unknown }).type === "string") onEvent(event as ChatKitEvent);
    },
  });
  return {
    push(bytes: Uint8Array) {
      parser.feed(decoder.decode(bytes, { stream: true }));
    },
    /**
     * The stream closed: a last message without its blank line still counts (as before), and
     * so does one ended by a lone CR, which the parser holds back in case an LF follows.
     */
    end() {
      parser.feed(`${decoder.decode()}\n\n`);
    },
  };
}

/**
 * Posts a streaming request and calls `onEvent` for each event as it arrives. Resolves when
 * the server closes the stream. Rejects with ChatHttpError for a 4xx/5xx (nothing was
 * streamed), ChatNetworkError when the connection fails, or an AbortError after `signal`
 * fired (the Stop button) — the server keeps what was said so far.
 */
export async function streamRequest(body: StreamingRequest, onEvent: (event: ChatKitEvent) => void, signal?: AbortSignal): Promise<void> {
  const res = await post(body, "text/event-stream", signal);
  if (!res.ok) throw await httpError(res);
  if (!(res.headers.get("content-type") ?? "").includes("text/event-stream") || !res.body) {
    throw new ChatHttpError("The server sent an unexpected answer. Try again.", res.status);
  }
  const parser = createSseParser(onEvent);
  const reader = res.body.getReader();
  // Stop takes effect at once, even while a read is waiting, and nothing after it is applied.
  const stop = () => void reader.cancel().catch(() => {});
  signal?.addEventListener("abort", stop, { once: true });
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (isAbortError(error) || signal?.aborted) throw new DOMException("The answer was stopped.", "AbortError");
        throw new ChatNetworkError("The connection broke while the answer was streaming.");
      }
      if (signal?.aborted) throw new DOMException("The answer was stopped.", "AbortError");
      if (chunk.done) break;
      parser.push(chunk.value);
    }
  } finally {
    signal?.removeEventListener("abort", stop);
  }
  parser.end();
}
