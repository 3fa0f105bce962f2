import { cn } from "@/components/ui/cn";
import { assistantText, isLocalItem, userText } from "@/lib/chatkit/reducer";
import type { ChatAction, ThreadItem } from "@/lib/chatkit/schemas";
import { Markdown } from "./markdown";
import { WidgetCard } from "./widget-card";
import { WorkflowView } from "./workflow-view";

type Props = {
  item: ThreadItem;
  /** This assistant message is still streaming in. */
  live: boolean;
  busy: boolean;
  sendingAction: string | null;
  onAction: (itemId: string, action: ChatAction) => void;
};

/** One thread item: the user's bubble, the assistant's Markdown, tool activity, or a card. */
export function ThreadItemView({ item, live, busy, sendingAction, onAction }: Props) {
  switch (item.type) {
    case "user_message":
      return (
        <div className="flex justify-end" data-testid="chat-user-message" data-pending={isLocalItem(item) || undefined}>
          <p className="max-w-[85%] rounded-2xl rounded-br-md bg-indigo-600 px-4 py-2 whitespace-pre-wrap text-white wrap-anywhere dark:bg-indigo-500">
            <span className="sr-only">You: </span>
            {userText(item)}
          </p>
        </div>
      );
    case "assistant_message": {
      const text = assistantText(item);
      return (
        <div className="flex justify-start" data-testid="chat-assistant-message" data-streaming={live || undefined}>
          <div className="max-w-[92%] min-w-0 leading-relaxed text-zinc-900 dark:text-zinc-100">
            <span className="sr-only">Assistant: </span>
            <Markdown text={text} className={cn("space-y-2 wrap-anywhere", live && "[&>*:last-child]:after:ml-0.5 [&>*:last-child]:after:animate-pulse [&>*:last-child]:after:content-['▍']")} />
            {live && !text && (
              <span className="inline-flex gap-1 py-2" aria-label="The assistant is typing">
                <span className="size-1.5 animate-bounce rounded-full bg-zinc-400 [animation-delay:-0.2s]" />
                <span className="size-1.5 animate-bounce rounded-full bg-zinc-400 [animation-delay:-0.1s]" />
                <span className="size-1.5 animate-bounce rounded-full bg-zinc-400" />
              </span>
            )}
          </div>
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
