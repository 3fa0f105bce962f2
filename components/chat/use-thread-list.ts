"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { chatApi } from "@/lib/chatkit/client";
import type { ThreadMeta } from "@/lib/chatkit/reducer";
import type { Thread } from "@/lib/chatkit/schemas";

const PAGE = 30;

const meta = ({ items: _items, ...rest }: Thread): ThreadMeta => rest;

/** The user's conversations, newest first (threads.list), with rename and delete. */
export function useThreadList() {
  const [threads, setThreads] = useState<ThreadMeta[] | null>(null);
  const [after, setAfter] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);

  /** Reloads the first page; threads paged in beyond it stay. */
  const refresh = useCallback(async () => {
    const request = ++latest.current;
    try {
      const page = await chatApi.listThreads({ limit: PAGE });
      if (request !== latest.current) return;
      setThreads((current) => {
        const fresh = page.data.map(meta);
        const ids = new Set(fresh.map((t) => t.id));
        const last = fresh.at(-1);
        const older = page.has_more && last ? (current ?? []).filter((t) => !ids.has(t.id) && t.created_at < last.created_at) : [];
        return [...fresh, ...older];
      });
      setAfter((current) => (current === null || !page.has_more ? (page.has_more ? (page.after ?? null) : null) : current));
      setError(null);
    } catch (err) {
      if (request === latest.current) setError(err instanceof Error ? err.message : "Could not load your conversations.");
    }
  }, []);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- loads from the server once on mount
    void refresh();
  }, [refresh]);

  const loadMore = useCallback(async () => {
    if (!after || loadingMore) return;
    setLoadingMore(true);
    try {
      const page = await chatApi.listThreads({ limit: PAGE, after });
      setThreads((current) => {
        const ids = new Set((current ?? []).map((t) => t.id));
        return [...(current ?? []), ...page.data.map(meta).filter((t) => !ids.has(t.id))];
      });
      setAfter(page.has_more ? (page.after ?? null) : null);
    } catch (err) {
      setError(err instanceof Error ? err.message : "Could not load more conversations.");
    } finally {
      setLoadingMore(false);
    }
  }, [after, loadingMore]);

  /** A thread the server just created or retitled, shown before the next refresh. */
  const upsert = useCallback((thread: Thread) => {
    setThreads((current) => {
      const list = current ?? [];
      const index = list.findIndex((t) => t.id === thread.id);
      if (index === -1) return [meta(thread), ...list];
      const next = list.slice();
      next[index] = { ...next[index]!, ...meta(thread) };
      return next;
    });
  }, []);

  const rename = useCallback(async (id: string, title: string) => {
    const saved = await chatApi.updateThread(id, title);
    upsert(saved);
    return saved;
  }, [upsert]);

  const remove = useCallback(async (id: string) => {
    await chatApi.deleteThread(id);
    setThreads((current) => current?.filter((t) => t.id !== id) ?? current);
  }, []);

  return { threads, hasMore: after !== null, loadingMore, error, refresh, loadMore, upsert, rename, remove };
}
