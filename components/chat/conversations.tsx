"use client";
import { useMediaQuery } from "@/components/ui/use-media-query";
import { useShownOrIdle } from "@/components/ui/use-shown-or-idle";
import type { ThreadMeta } from "@/lib/chatkit/reducer";
import { Drawer } from "./drawer";
import { ThreadList } from "./thread-list";
import { useThreadList } from "./use-thread-list";

/** Tailwind's xl: from here the conversation list sits beside the chat instead of in a drawer. */
const WIDE_ENOUGH_FOR_LIST = "(min-width: 80rem)";

type Props = {
  drawerOpen: boolean;
  onCloseDrawer: () => void;
  activeId: string | null;
  onNew: () => void;
  onSelect: (thread: ThreadMeta) => void;
  /** A conversation was deleted (the open one, maybe) or renamed. */
  onDeleted: (id: string) => void;
  onRenamed: (id: string, title: string) => void;
};

/**
 * The conversation list: beside the chat on wide screens, in a drawer below xl. It owns the
 * list's data, so the list loading or changing re-renders this and not the conversation beside
 * it (on a phone that re-render of every message was a long task at load, issue 15). The chat
 * reaches the same data through useThreadListUpdates.
 */
export function Conversations({ drawerOpen, onCloseDrawer, activeId, onNew, onSelect, onDeleted, onRenamed }: Props) {
  // Below xl the aside is hidden by CSS: the list is only built when the drawer opens, and its
  // first page loads when the page goes idle.
  const listBesideChat = useMediaQuery(WIDE_ENOUGH_FOR_LIST);
  const list = useThreadList(useShownOrIdle(listBesideChat || drawerOpen));

  const threadList = (
    <ThreadList
      threads={list.threads}
      activeId={activeId}
      hasMore={list.hasMore}
      loadingMore={list.loadingMore}
      error={list.error}
      onNew={onNew}
      onSelect={onSelect}
      onRename={async (id, title) => {
        const saved = await list.rename(id, title);
        onRenamed(id, saved.title ?? title);
      }}
      onDelete={async (id) => {
        await list.remove(id);
        onDeleted(id);
      }}
      onLoadMore={() => void list.loadMore()}
    />
  );

  return (
    <>
      <aside aria-label="Conversations" className="hidden w-64 shrink-0 flex-col overflow-hidden rounded-xl border border-zinc-200 bg-white/70 xl:flex dark:border-zinc-800 dark:bg-zinc-900/60">
        {listBesideChat && !drawerOpen && threadList}
      </aside>
      <Drawer open={drawerOpen} onClose={onCloseDrawer} title="Conversations" side="left" closeAbove={WIDE_ENOUGH_FOR_LIST}>
        {threadList}
      </Drawer>
    </>
  );
}
