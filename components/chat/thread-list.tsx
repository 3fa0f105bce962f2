"use client";
import dynamic from "next/dynamic";
import type { ThreadMeta } from "@/lib/chatkit/reducer";

export const threadTitle = (thread: Pick<ThreadMeta, "title">) => thread.title?.trim() || "New chat";

/** What the list shows until its chunk is here: the same frame as its own loading state. */
function ThreadListPlaceholder() {
  return (
    <div className="flex min-h-0 flex-1 flex-col" aria-busy="true" aria-label="Loading conversations">
      <div className="h-24" />
      <div className="space-y-2 px-3 pt-1">
        {[0, 1, 2].map((i) => (
          <div key={i} className="h-9 animate-pulse rounded-md bg-zinc-200/70 dark:bg-zinc-800/70" />
        ))}
      </div>
    </div>
  );
}

/**
 * The conversation list, search, rename and delete (./thread-list-view.tsx) are their own chunk:
 * the first paint of a conversation does not need them (on a phone they are in a drawer), so
 * they stay out of the chat page's first-load JavaScript. The server still renders them.
 */
export const ThreadList = dynamic(() => import("./thread-list-view").then((m) => m.ThreadListView), { loading: ThreadListPlaceholder });
