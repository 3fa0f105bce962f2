import { CHAT_PAGE_CSS } from "@/components/chat/page-css";

/** The chat's frame while the page loads: the same layout, no content yet. */
export default function ChatLoading() {
  return (
    <>
      <style href="tasktalk-chat-page" precedence="default">
        {CHAT_PAGE_CSS}
      </style>
      <div data-chat-page className="flex min-h-0 flex-1 flex-col gap-2" role="status" aria-label="Loading the chat">
        <div className="h-9" />
        <div className="flex min-h-0 flex-1 gap-4">
          <div className="hidden w-64 shrink-0 animate-pulse rounded-xl bg-zinc-200/60 xl:block dark:bg-zinc-800/60" />
          <div className="flex-1 animate-pulse rounded-xl bg-zinc-200/60 dark:bg-zinc-800/60" />
          <div className="hidden w-80 shrink-0 animate-pulse rounded-xl bg-zinc-200/60 lg:block dark:bg-zinc-800/60" />
        </div>
      </div>
    </>
  );
}
