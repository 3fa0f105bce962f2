"use client";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog } from "@/components/ui/dialog";
import { PencilIcon, PlusIcon, TrashIcon } from "@/components/ui/icons";
import type { ThreadMeta } from "@/lib/chatkit/reducer";
import { formatRelativeInstant } from "@/lib/today";
import { ThreadSearch } from "./thread-search";
import { threadTitle } from "./thread-list";
import { browserTimeZone } from "@/lib/client/time-zone";

/** When a conversation started, in the app's one date style (lib/dates.ts), on the viewer's calendar. */
const when = (iso: string) => formatRelativeInstant(iso, browserTimeZone());

type Props = {
  threads: ThreadMeta[] | null;
  activeId: string | null;
  hasMore: boolean;
  loadingMore: boolean;
  error: string | null;
  onNew: () => void;
  onSelect: (thread: ThreadMeta) => void;
  onRename: (id: string, title: string) => Promise<unknown>;
  onDelete: (id: string) => Promise<unknown>;
  onLoadMore: () => void;
};

/** The conversation list: New chat, search, switch, rename in place, delete after a confirm step. */
export function ThreadListView({ threads, activeId, hasMore, loadingMore, error, onNew, onSelect, onRename, onDelete, onLoadMore }: Props) {
  const [editing, setEditing] = useState<{ id: string; title: string } | null>(null);
  const [deleting, setDeleting] = useState<ThreadMeta | null>(null);
  const [pending, setPending] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);
  const list = useRef<HTMLUListElement>(null);
  // Enter or Escape in the title field hands focus back to the conversation's own button.
  const refocus = useRef<string | null>(null);

  useEffect(() => {
    const id = refocus.current;
    if (!id || editing) return;
    refocus.current = null;
    list.current?.querySelector<HTMLElement>(`[data-thread-id="${CSS.escape(id)}"] > button`)?.focus();
  }, [editing, threads]);

  async function saveRename() {
    if (!editing) return;
    const { id, title } = editing;
    const current = threads?.find((t) => t.id === id);
    setEditing(null);
    if (!title.trim() || title.trim() === current?.title) return;
    try {
      setActionError(null);
      await onRename(id, title.trim());
    } catch (err) {
      setActionError(err instanceof Error ? err.message : "Could not rename the conversation.");
    }
  }

  async function confirmDelete() {
    if (!deleting) return;
    setPending(true);
    try {
      await onDelete(deleting.id);
      setDeleting(null);
      setActionError(null);
    } catch (err) {
      setActionError(err instanceof Error ? err.message : "Could not delete the conversation.");
      setDeleting(null);
    } finally {
      setPending(false);
    }
  }

  return (
    <nav aria-label="Conversations" className="flex min-h-0 flex-1 flex-col">
      <div className="space-y-2 p-2">
        <Button variant="secondary" className="w-full justify-start" onClick={onNew}>
          <PlusIcon />
          New chat
        </Button>
        <ThreadSearch activeId={activeId} onSelect={onSelect} onActiveChange={setSearching} />
      </div>
      {(error || actionError) && <Alert className="mx-2 mb-2">{actionError ?? error}</Alert>}
      <div className={cn("min-h-0 flex-1 overflow-y-auto px-2 pb-2", searching && "hidden")}>
        {threads === null ? (
          <div className="space-y-2 p-1" aria-label="Loading conversations">
            {[0, 1, 2].map((i) => (
              <div key={i} className="h-9 animate-pulse rounded-md bg-zinc-200/70 dark:bg-zinc-800/70" />
            ))}
          </div>
        ) : threads.length === 0 ? (
          <p className="px-2 py-3 text-sm text-zinc-500 dark:text-zinc-400">No conversations yet.</p>
        ) : (
          <ul ref={list} className="space-y-0.5" data-testid="thread-list">
            {threads.map((thread) => {
              const active = thread.id === activeId;
              const title = threadTitle(thread);
              if (editing?.id === thread.id)
                return (
                  <li key={thread.id} className="px-1 py-0.5">
                    <input
                      autoFocus
                      aria-label="Conversation title"
                      value={editing.title}
                      maxLength={200}
                      onChange={(e) => setEditing({ id: thread.id, title: e.target.value })}
                      onKeyDown={(e) => {
                        if (e.key === "Enter") {
                          e.preventDefault();
                          refocus.current = thread.id;
                          void saveRename();
                        } else if (e.key === "Escape") {
                          e.preventDefault();
                          e.stopPropagation();
                          refocus.current = thread.id;
                          setEditing(null);
                        }
                      }}
                      onBlur={() => void saveRename()}
                      className="w-full rounded-md border border-indigo-500 bg-white px-2 py-1.5 text-sm outline-none focus:ring-2 focus:ring-indigo-500/30 dark:bg-zinc-900"
                    />
                  </li>
                );
              return (
                <li key={thread.id} data-thread-id={thread.id} className="group relative flex items-center">
                  <button
                    type="button"
                    onClick={() => onSelect(thread)}
                    aria-current={active ? "page" : undefined}
                    className={cn(
                      "min-w-0 flex-1 rounded-md py-1.5 pr-16 pl-2 text-left text-sm",
                      active ? "bg-zinc-200/80 font-medium text-zinc-900 dark:bg-zinc-800 dark:text-zinc-50" : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800/60",
                    )}
                  >
                    <span className="block truncate">{title}</span>
                    <span className="block text-xs font-normal text-zinc-600 dark:text-zinc-400">{when(thread.created_at)}</span>
                  </button>
                  <div
                    className={cn(
                      "absolute right-1 flex gap-0.5 transition-opacity focus-within:opacity-100 group-hover:opacity-100 [@media(hover:none)]:opacity-100",
                      active ? "opacity-100" : "opacity-0",
                    )}
                  >
                    <button
                      type="button"
                      onClick={() => setEditing({ id: thread.id, title: thread.title ?? "" })}
                      aria-label={`Rename “${title}”`}
                      title="Rename"
                      className="grid size-7 place-items-center rounded text-zinc-500 hover:bg-zinc-200 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-700 dark:hover:text-zinc-100"
                    >
                      <PencilIcon className="size-3.5" />
                    </button>
                    <button
                      type="button"
                      onClick={() => setDeleting(thread)}
                      aria-label={`Delete “${title}”`}
                      title="Delete"
                      className="grid size-7 place-items-center rounded text-zinc-500 hover:bg-red-50 hover:text-red-700 dark:text-zinc-400 dark:hover:bg-red-950/50 dark:hover:text-red-300"
                    >
                      <TrashIcon className="size-3.5" />
                    </button>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
        {hasMore && (
          <Button variant="ghost" size="sm" className="mt-1 w-full" pending={loadingMore} onClick={onLoadMore}>
            Show older
          </Button>
        )}
      </div>
      <Dialog
        open={deleting !== null}
        onClose={() => {
          if (!pending) setDeleting(null);
        }}
        title="Delete this conversation?"
        description={
          deleting && (
            <>
              <span className="font-medium wrap-anywhere text-zinc-900 dark:text-zinc-100">“{threadTitle(deleting)}”</span> and its messages will be
              deleted. Your tasks stay as they are.
            </>
          )
        }
      >
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={() => setDeleting(null)} disabled={pending} data-autofocus>
            Cancel
          </Button>
          <Button variant="danger" onClick={confirmDelete} pending={pending}>
            Delete
          </Button>
        </div>
      </Dialog>
    </nav>
  );
}
