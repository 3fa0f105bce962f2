import type { ChatKitEvent, OutputText, Page, Thread, ThreadItem, ThreadItemUpdate, WorkflowItem } from "./schemas";

/**
 * The built-in chat client's thread state, and the pure functions that change it: one
 * ChatKit stream event at a time (`applyEvent`), or one local step (`chatReducer`). No I/O,
 * no React; shared types only, so it runs the same in the browser and in unit tests.
 */

export type ThreadMeta = Omit<Thread, "items">;

/** What went wrong with the last request, as the thread shows it. */
export type ChatError = {
  /** `stream.error` / `custom` from an `error` event, `http` for a 4xx/5xx answer, `network` when the connection failed. */
  code: string;
  message: string;
  allowRetry: boolean;
};

export type ChatState = {
  thread: ThreadMeta | null;
  /** Visible items, oldest first. */
  items: ThreadItem[];
  /** Items the server has started (`thread.item.added`) and not finished yet: they are still streaming. */
  streamingIds: string[];
  /** The transient status line (`progress_update`), cleared when the turn moves on. */
  progress: { text: string; icon?: string } | null;
  /** Whether the answer in flight may be stopped: true until the server's `stream_options` says otherwise. */
  allowCancel: boolean;
  notice: { level: "info" | "warning" | "danger"; message: string; title?: string } | null;
  error: ChatError | null;
  /**
   * The user's messages that never reached the server (a network cut, a 5xx, a 429 before the
   * message was stored), by their local id: they stay in the thread as "Not sent", with their
   * text, until the user retries or edits them. `editOf` names the stored message an unsent edit
   * was meant to replace.
   */
  unsent: Record<string, { editOf?: string }>;
};

export const initialChatState: ChatState = { thread: null, items: [], streamingIds: [], progress: null, allowCancel: true, notice: null, error: null, unsent: {} };

const without = (ids: string[], id: string) => (ids.includes(id) ? ids.filter((i) => i !== id) : ids);

/** Items the server keeps for itself; never shown, even if one slips through. */
const HIDDEN_TYPES = new Set(["hidden_context_item", "sdk_hidden_context"]);
export const isVisibleItem = (item: ThreadItem) => !HIDDEN_TYPES.has(item.type);

/** Prefix of the ids the client gives a user message before the server has stored it. */
export const LOCAL_ID_PREFIX = "local_";
export const isLocalItem = (item: ThreadItem) => item.id.startsWith(LOCAL_ID_PREFIX);

const threadMeta = (thread: Thread): ThreadMeta => {
  const { items: _items, ...meta } = thread;
  return meta;
};

/** Inserts or replaces an item by id, keeping its position when it is already there. */
function upsert(items: ThreadItem[], item: ThreadItem): ThreadItem[] {
  const index = items.findIndex((i) => i.id === item.id);
  if (index === -1) return [...items, item];
  const next = items.slice();
  next[index] = item;
  return next;
}

function emptyPart(): OutputText {
  return { type: "output_text", text: "", annotations: [] };
}

/** One `thread.item.updated` applied to one item; unknown updates leave it as it is. */
export function applyItemUpdate(item: ThreadItem, update: ThreadItemUpdate): ThreadItem {
  switch (update.type) {
    case "assistant_message.content_part.added":
    case "assistant_message.content_part.done": {
      if (item.type !== "assistant_message") return item;
      const content = item.content.slice();
      content[update.content_index] = { ...update.content, annotations: update.content.annotations ?? [] };
      for (let i = 0; i < content.length; i++) content[i] ??= emptyPart();
      return { ...item, content };
    }
    case "assistant_message.content_part.text_delta": {
      if (item.type !== "assistant_message") return item;
      const content = item.content.slice();
      for (let i = 0; i <= update.content_index; i++) content[i] ??= emptyPart();
      const part = content[update.content_index]!;
      content[update.content_index] = { ...part, text: part.text + update.delta };
      return { ...item, content };
    }
    case "workflow.task.added":
    case "workflow.task.updated": {
      if (item.type !== "workflow") return item;
      const tasks = item.workflow.tasks.slice();
      tasks[update.task_index] = update.task;
      return { ...item, workflow: { ...item.workflow, tasks: tasks.filter(Boolean) } } satisfies WorkflowItem;
    }
    default:
      return item;
  }
}

/** The server has stored the user's message: it takes the place of the copy shown while sending (not of an unsent one). */
function settleUserMessage(items: ThreadItem[], item: ThreadItem, unsent: ChatState["unsent"]): ThreadItem[] {
  if (items.some((i) => i.id === item.id)) return upsert(items, item);
  const local = items.findLastIndex((i) => i.type === "user_message" && isLocalItem(i) && !unsent[i.id]);
  if (local === -1) return [...items, item];
  const next = items.slice();
  next[local] = item;
  return next;
}

/** Applies one ChatKit stream event. Returns the same state object when nothing changed. */
export function applyEvent(state: ChatState, event: ChatKitEvent): ChatState {
  switch (event.type) {
    case "thread.created":
    case "thread.updated":
      return { ...state, thread: threadMeta(event.thread) };
    case "thread.item.added": {
      if (!isVisibleItem(event.item)) return state;
      const progress = event.item.type === "workflow" ? state.progress : null;
      return { ...state, items: upsert(state.items, event.item), streamingIds: [...without(state.streamingIds, event.item.id), event.item.id], progress };
    }
    case "thread.item.done": {
      if (!isVisibleItem(event.item)) return state;
      const items = event.item.type === "user_message" ? settleUserMessage(state.items, event.item, state.unsent) : upsert(state.items, event.item);
      return { ...state, items, streamingIds: without(state.streamingIds, event.item.id), progress: event.item.type === "user_message" ? state.progress : null };
    }
    case "thread.item.replaced":
      if (!isVisibleItem(event.item)) return state;
      return { ...state, items: upsert(state.items, event.item), streamingIds: without(state.streamingIds, event.item.id) };
    case "thread.item.updated": {
      const index = state.items.findIndex((i) => i.id === event.item_id);
      if (index === -1) return state;
      const updated = applyItemUpdate(state.items[index]!, event.update);
      if (updated === state.items[index]) return state;
      const items = state.items.slice();
      items[index] = updated;
      return { ...state, items };
    }
    case "thread.item.removed":
      return { ...state, items: state.items.filter((i) => i.id !== event.item_id), streamingIds: without(state.streamingIds, event.item_id) };
    case "stream_options":
      return { ...state, allowCancel: event.stream_options.allow_cancel };
    case "progress_update":
      return { ...state, progress: { text: event.text, ...(event.icon ? { icon: event.icon } : {}) } };
    case "notice":
      return { ...state, notice: { level: event.level, message: event.message, ...(event.title ? { title: event.title } : {}) } };
    case "error":
      return {
        ...state,
        progress: null,
        error: { code: event.code, message: event.message || "Something went wrong while answering. Try again.", allowRetry: event.allow_retry },
      };
    default:
      return state;
  }
}

export function applyEvents(state: ChatState, events: Iterable<ChatKitEvent>): ChatState {
  let next = state;
  for (const event of events) next = applyEvent(next, event);
  return next;
}

/** A page from `items.list` with `order: "desc"` (newest first), as oldest-first visible items. */
export function itemsFromDescPage(page: Page<ThreadItem>): ThreadItem[] {
  return page.data.filter(isVisibleItem).reverse();
}

/** Older items (oldest first) put in front of what is shown, without duplicates. */
export function prependItems(items: ThreadItem[], older: ThreadItem[]): ThreadItem[] {
  const shown = new Set(items.map((i) => i.id));
  return [...older.filter((i) => !shown.has(i.id)), ...items];
}

export type ChatStateAction =
  | { type: "event"; event: ChatKitEvent }
  /** Open a thread (or the empty new-chat view when `thread` is null). */
  | { type: "open"; thread: ThreadMeta | null; items: ThreadItem[] }
  | { type: "older"; items: ThreadItem[] }
  /** The user's message, shown at once while it is being sent. */
  | { type: "send"; item: ThreadItem }
  /** An edit of a stored message, shown at once: the edited copy takes its place, and what came after it goes (the server removes it too). */
  | { type: "edit"; itemId: string; item: ThreadItem }
  /** The user's message could not be sent: it stays, marked "Not sent". */
  | { type: "unsent"; id: string; editOf?: string }
  | { type: "remove"; id: string }
  /** Retrying the answer to a stored user message: what came after it goes (the server deletes it too). */
  | { type: "retry"; itemId: string }
  | { type: "title"; title: string }
  | { type: "error"; error: ChatError | null }
  /** The stream closed (finished, stopped or failed): nothing is in flight any more. */
  | { type: "turn_end" };

export function chatReducer(state: ChatState, action: ChatStateAction): ChatState {
  switch (action.type) {
    case "event":
      return applyEvent(state, action.event);
    case "open":
      return { ...initialChatState, thread: action.thread, items: action.items.filter(isVisibleItem) };
    case "older":
      return { ...state, items: prependItems(state.items, action.items.filter(isVisibleItem)) };
    case "send":
      return { ...state, items: [...state.items, action.item], error: null, notice: null, progress: null };
    case "edit": {
      const index = state.items.findIndex((i) => i.id === action.itemId);
      const kept = index === -1 ? state.items : state.items.slice(0, index);
      return { ...state, items: [...kept, action.item], error: null, notice: null, progress: null };
    }
    case "unsent":
      return { ...state, unsent: { ...state.unsent, [action.id]: action.editOf ? { editOf: action.editOf } : {} } };
    case "remove": {
      const { [action.id]: _gone, ...unsent } = state.unsent;
      return { ...state, items: state.items.filter((i) => i.id !== action.id), unsent };
    }
    case "retry": {
      const index = state.items.findIndex((i) => i.id === action.itemId);
      return { ...state, items: index === -1 ? state.items : state.items.slice(0, index + 1), error: null, notice: null, progress: null };
    }
    case "title":
      return state.thread ? { ...state, thread: { ...state.thread, title: action.title } } : state;
    case "error":
      return { ...state, error: action.error };
    case "turn_end":
      return { ...state, progress: null, allowCancel: true, streamingIds: [] };
  }
}

/** The text of an assistant message, all parts joined. */
export function assistantText(item: ThreadItem): string {
  return item.type === "assistant_message" ? item.content.map((c) => c.text).join("") : "";
}

/** The text of a user message, as typed. */
export function userText(item: ThreadItem): string {
  return item.type === "user_message" ? item.content.map((c) => c.text).join("") : "";
}

/** The last assistant message, if it answers the last user message (the one Retry can answer again). */
export function lastAnswer(items: ThreadItem[]): ThreadItem | undefined {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i]!;
    if (item.type === "assistant_message") return item;
    if (item.type === "user_message") return undefined;
  }
  return undefined;
}

/** The last user message, stored or not: the one Edit offers to change. */
export function lastUserMessage(items: ThreadItem[]): ThreadItem | undefined {
  return items.findLast((i) => i.type === "user_message");
}

/** The newest user message the server has stored, which `threads.retry_after_item` can answer again. */
export function lastStoredUserMessage(items: ThreadItem[]): ThreadItem | undefined {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i]!;
    if (item.type === "user_message") return isLocalItem(item) ? undefined : item;
  }
  return undefined;
}
