"use client";
import { useSearchParams } from "next/navigation";
import { memo, useCallback, useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/button";
import { ChatIcon, PlusIcon } from "@/components/ui/icons";
import { isLocalItem, lastAnswer, lastUserMessage, type ThreadMeta } from "@/lib/chatkit/reducer";
import type { ThreadItem } from "@/lib/chatkit/schemas";
import { liveAnnouncement } from "./announcement";
import { ChatErrorBanner } from "./chat-error";
import { Composer } from "./composer";
import { NEW_CHAT_DRAFT } from "./drafts";
import { MessageList } from "./message-list";
import { StartScreen } from "./start-screen";
import { ThreadItemView } from "./thread-item-view";
import { Conversations } from "./conversations";
import { threadTitle } from "./thread-list";
import { useChatThread, type InitialThread } from "./use-chat-thread";
import { useThreadListUpdates } from "./use-thread-list";

type Props = {
  offline: boolean;
  examples: readonly string[];
  maxLength: number;
  /** A turn ended (or a card was answered): whatever shows tasks should reload them. */
  onTurnEnd: () => void;
  /** The thread the page loaded on the server, shown without a fetch or a spinner. */
  initial?: InitialThread | null;
};

const THREAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Puts the open thread in the address (`/chat?thread=<id>`), so a reload or a shared link reopens it. */
function setThreadInUrl(id: string | null, mode: "push" | "replace") {
  const url = new URL(window.location.href);
  if (id) url.searchParams.set("thread", id);
  else url.searchParams.delete("thread");
  if (url.href === window.location.href) return;
  window.history[mode === "push" ? "pushState" : "replaceState"](null, "", url.pathname + url.search);
}

const headerButton =
  "inline-flex h-9 shrink-0 items-center gap-1.5 rounded-md px-2.5 text-sm font-medium text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800";

/**
 * The built-in chat client: the same ChatKit protocol on the same endpoint as ChatKit's UI,
 * for when that cannot load. Conversation list, streamed answers, tool activity,
 * confirmation cards, Stop and Retry. Memoized: the page around it re-renders whenever the task
 * panel's data loads, and that need not re-render every message.
 */
export const BuiltinChat = memo(function BuiltinChat({ offline, examples, maxLength, onTurnEnd, initial }: Props) {
  const urlThread = useSearchParams().get("thread");
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { upsert, refresh } = useThreadListUpdates();
  const chat = useChatThread({
    initial,
    onThreadCreated: (thread) => {
      upsert(thread);
      setThreadInUrl(thread.id, "replace");
    },
    onThreadUpdated: upsert,
    onTurnEnd: () => {
      onTurnEnd();
      void refresh();
    },
  });
  const { open, currentThreadId } = chat;
  const closeDrawer = useCallback(() => setDrawerOpen(false), []);
  const [said, say] = useAnnouncer();

  // The address names the thread: on load, on reload, and on Back/Forward.
  useEffect(() => {
    const wanted = urlThread && THREAD_ID.test(urlThread) ? urlThread : null;
    if (wanted !== currentThreadId()) void open(wanted);
  }, [urlThread, open, currentThreadId]);

  function select(thread: ThreadMeta | null) {
    setDrawerOpen(false);
    if (thread?.id === currentThreadId()) return;
    void open(thread);
    setThreadInUrl(thread?.id ?? null, "push");
  }

  function removed(id: string) {
    if (id === currentThreadId()) {
      void open(null);
      setThreadInUrl(null, "replace");
    }
  }

  const { state, streaming } = chat;
  const items = state.items;
  const last = items.at(-1);
  const empty = items.length === 0 && !chat.loading;
  const threadName = state.thread ? threadTitle(state.thread) : "New chat";
  const waiting = streaming && !state.progress && last?.type !== "assistant_message";
  const closedReason = state.thread && state.thread.status.type !== "active" ? (state.thread.status.reason ?? "This conversation is closed.") : undefined;
  const answer = lastAnswer(items);
  const lastUser = lastUserMessage(items);

  async function copy(text: string) {
    try {
      await navigator.clipboard.writeText(text);
      say("Copied to the clipboard.");
      return true;
    } catch {
      say("Could not copy. Select the text and copy it instead.");
      return false;
    }
  }

  /** Copy on every message; Retry on the last answer and Edit on the last user message, once nothing streams. */
  function actionsFor(item: ThreadItem) {
    if (item.type !== "user_message" && item.type !== "assistant_message") return undefined;
    if (streaming && state.streamingIds.includes(item.id)) return undefined;
    const unsent = isLocalItem(item) && !!state.unsent[item.id];
    if (isLocalItem(item) && !unsent) return undefined;
    const idle = !streaming && !closedReason;
    return {
      maxLength,
      onCopy: copy,
      pinned: item === answer,
      onRetry: item === answer && idle ? () => void chat.regenerate() : undefined,
      onResend: unsent ? () => void chat.resend(item) : undefined,
      onSaveEdit: item === lastUser && idle ? (text: string) => void chat.edit(item, text) : undefined,
    };
  }

  return (
    <div className="flex h-full min-h-0 gap-4">
      <Conversations
        drawerOpen={drawerOpen}
        onCloseDrawer={closeDrawer}
        activeId={state.thread?.id ?? null}
        onNew={() => select(null)}
        onSelect={select}
        onDeleted={removed}
        onRenamed={(id, title) => {
          if (id === currentThreadId()) chat.setTitle(title);
        }}
      />

      <section aria-label="Chat" className="flex min-w-0 flex-1 flex-col overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <div className="flex min-h-12 items-center gap-1 border-b border-zinc-200 px-2 py-1.5 dark:border-zinc-800">
          <button type="button" className={`${headerButton} xl:hidden`} onClick={() => setDrawerOpen(true)} aria-haspopup="dialog" aria-expanded={drawerOpen}>
            <ChatIcon />
            Chats
          </button>
          <h2 className="min-w-0 flex-1 truncate px-2 text-sm font-semibold" data-testid="chat-title">
            {threadName}
          </h2>
          <button type="button" className={`${headerButton} xl:hidden`} onClick={() => select(null)} disabled={!state.thread && empty}>
            <PlusIcon />
            <span className="sr-only sm:not-sr-only">New chat</span>
          </button>
        </div>

        {chat.loadError && (
          <Alert className="m-3 flex items-start justify-between gap-2">
            <span>{chat.loadError}</span>
            <button type="button" onClick={chat.dismissError} className="shrink-0 text-sm font-medium underline underline-offset-2">
              Dismiss
            </button>
          </Alert>
        )}

        {chat.loading && items.length === 0 ? (
          <div className="grid flex-1 place-items-center text-sm text-zinc-500" role="status">
            <span className="inline-flex items-center gap-2">
              <Spinner /> Loading the conversation…
            </span>
          </div>
        ) : empty && !streaming ? (
          <div className="min-h-0 flex-1 overflow-y-auto">
            <StartScreen offline={offline} examples={examples} disabled={streaming || !!closedReason} onPick={(prompt) => void chat.send(prompt)} />
            {state.error && (
              <div className="mx-auto max-w-3xl px-4 pb-4">
                <ChatErrorBanner message={state.error.message} canRetry={chat.canRetry} busy={streaming} onRetry={() => void chat.retry()} onDismiss={chat.dismissError} />
              </div>
            )}
          </div>
        ) : (
          <MessageList
            threadKey={state.thread?.id ?? "new"}
            items={items}
            hasOlder={chat.hasOlder}
            loadingOlder={chat.loadingOlder}
            onLoadOlder={chat.loadOlder}
            renderItem={(item) => (
              <ThreadItemView
                item={item}
                live={streaming && state.streamingIds.includes(item.id)}
                busy={streaming}
                sendingAction={chat.sendingAction}
                onAction={(itemId, action) => void chat.act(itemId, action)}
                actions={actionsFor(item)}
              />
            )}
            footer={
              <>
                {(state.progress || waiting) && (
                  <p role="status" className="flex items-center gap-2 text-sm text-zinc-500 dark:text-zinc-400" data-testid="chat-progress">
                    <Spinner className="size-3.5" />
                    {state.progress?.text ?? "Thinking…"}
                  </p>
                )}
                {state.notice && (
                  <Alert tone={state.notice.level === "danger" ? "error" : "info"}>
                    {state.notice.title && <strong className="mr-1">{state.notice.title}</strong>}
                    {state.notice.message}
                  </Alert>
                )}
                {state.error && (
                  <ChatErrorBanner message={state.error.message} canRetry={chat.canRetry} busy={streaming} onRetry={() => void chat.retry()} onDismiss={chat.dismissError} />
                )}
              </>
            }
          />
        )}
        <p className="sr-only" aria-live="polite">
          {liveAnnouncement(items, streaming)}
        </p>
        <p className="sr-only" role="status">
          {said}
        </p>

        <Composer
          maxLength={maxLength}
          streaming={streaming}
          canStop={state.allowCancel}
          closedReason={closedReason}
          placeholder={offline ? "Try “add buy milk tomorrow”" : "Message the assistant"}
          threadKey={state.thread?.id ?? NEW_CHAT_DRAFT}
          onSend={(text) => void chat.send(text)}
          onStop={chat.stop}
        />
      </section>
    </div>
  );
});

/** A polite message for screen readers (e.g. "Copied"), said again even when it repeats, then cleared. */
function useAnnouncer(): [string, (message: string) => void] {
  const [said, setSaid] = useState("");
  const timers = useRef<number[]>([]);
  useEffect(() => () => timers.current.forEach((t) => window.clearTimeout(t)), []);
  const say = useCallback((message: string) => {
    timers.current.forEach((t) => window.clearTimeout(t));
    setSaid("");
    timers.current = [window.setTimeout(() => setSaid(message), 50), window.setTimeout(() => setSaid(""), 4000)];
  }, []);
  return [said, say];
}
