"use client";
import { useEffect, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { assistantText, isLocalItem, userText } from "@/lib/chatkit/reducer";
import type { ChatAction, ThreadItem } from "@/lib/chatkit/schemas";
import { Markdown } from "./markdown";
import { MessageActions, MessageEditor, UnsentNote, type MessageActionHandlers } from "./message-actions";
import { WidgetCard } from "./widget-card";
import { WorkflowView } from "./workflow-view";

type Props = {
  item: ThreadItem;
  /** This assistant message is still streaming in. */
  live: boolean;
  busy: boolean;
  sendingAction: string | null;
  onAction: (itemId: string, action: ChatAction) => void;
  /** Copy, Retry and Edit for a message; absent while it streams. */
  actions?: MessageActionHandlers & {
    /** This message never reached the server: "Not sent · Retry". */
    onResend?: () => void;
    /** Sends the edited text (Edit's Send). */
    onSaveEdit?: (text: string) => void;
    maxLength: number;
    /** Keep the row visible (the last answer), not only on hover. */
    pinned?: boolean;
  };
};

/** One thread item: the user's bubble, the assistant's Markdown, tool activity, or a card. */
export function ThreadItemView({ item, live, busy, sendingAction, onAction, actions }: Props) {
  switch (item.type) {
    case "user_message":
      return <UserMessage text={userText(item)} pending={isLocalItem(item) && !actions?.onResend} actions={actions} />;
    case "assistant_message": {
      const text = assistantText(item);
      return (
        <div className="group flex flex-col gap-1">
          <div className="flex justify-start" data-testid="chat-assistant-message" data-streaming={live || undefined}>
            <div className="max-w-[92%] min-w-0 leading-relaxed text-zinc-900 dark:text-zinc-100">
              <span className="sr-only">Assistant: </span>
              <Markdown text={text} live={live} className={cn("space-y-2 wrap-anywhere", live && "[&>*:last-child]:after:ml-0.5 [&>*:last-child]:after:animate-pulse [&>*:last-child]:after:content-['▍']")} />
              {live && !text && (
                <span className="inline-flex gap-1 py-2" aria-label="The assistant is typing">
                  <span className="size-1.5 animate-bounce rounded-full bg-zinc-400 [animation-delay:-0.2s]" />
                  <span className="size-1.5 animate-bounce rounded-full bg-zinc-400 [animation-delay:-0.1s]" />
                  <span className="size-1.5 animate-bounce rounded-full bg-zinc-400" />
                </span>
              )}
            </div>
          </div>
          {actions && text && <MessageActions text={text} align="start" pinned={actions.pinned} handlers={actions} />}
        </div>
      );
    }
    case "workflow":
      return <WorkflowView item={item} />;
    case "widget":
      return (
        <WidgetCard
          item={item}
          disabled={busy}
          sending={sendingAction}
          onAction={(widget, action) => onAction(widget.id, action)}
        />
      );
    default:
      return null;
  }
}

/** The user's bubble, with "Not sent · Retry" when it never reached the server, its actions, and Edit in place. */
function UserMessage({ text, pending, actions }: { text: string; pending: boolean; actions: Props["actions"] }) {
  const [editing, setEditing] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const cancelled = useRef(false);
  const unsent = !!actions?.onResend;
  // Escape or Cancel puts focus back on Edit, where the reader left from.
  useEffect(() => {
    if (editing || !cancelled.current) return;
    cancelled.current = false;
    box.current?.querySelector<HTMLButtonElement>('button[aria-label="Edit message"]')?.focus();
  }, [editing]);
  const save = actions?.onSaveEdit;
  if (editing && save && actions) {
    return (
      <MessageEditor
        initial={text}
        maxLength={actions.maxLength}
        onCancel={() => {
          cancelled.current = true;
          setEditing(false);
        }}
        onSave={(next) => {
          setEditing(false);
          save(next);
        }}
      />
    );
  }
  return (
    <div ref={box} className="group flex flex-col gap-1">
      <div className="flex justify-end" data-testid="chat-user-message" data-pending={pending || undefined} data-unsent={unsent || undefined}>
        <p
          className={cn(
            "max-w-[85%] rounded-2xl rounded-br-md bg-indigo-600 px-4 py-2 whitespace-pre-wrap text-white wrap-anywhere dark:bg-indigo-500",
            unsent && "ring-2 ring-red-500 ring-offset-2 ring-offset-white dark:ring-red-400 dark:ring-offset-zinc-900",
          )}
        >
          <span className="sr-only">You: </span>
          {text}
        </p>
      </div>
      {actions?.onResend && <UnsentNote onRetry={actions.onResend} />}
      {actions && <MessageActions text={text} align="end" pinned={unsent} handlers={{ ...actions, onEdit: save ? () => setEditing(true) : undefined }} />}
    </div>
  );
}
