"use client";
import { useCallback } from "react";
import { useSWRConfig } from "swr";
import useSWRInfinite, { unstable_serialize } from "swr/infinite";
import { errorMessage, fetchJson } from "@/lib/client/fetch-json";
import { CHAT_ENDPOINT, chatRequests } from "@/lib/chatkit/client";
import type { ThreadMeta } from "@/lib/chatkit/reducer";
import type { Page, Thread } from "@/lib/chatkit/schemas";

const PAGE = 30;

const meta = ({ items: _items, ...rest }: Thread): ThreadMeta => rest;

type ThreadPage = Page<Thread>;
type Key = readonly ["chat/threads.list", string | null];

/** Page n's key: the cursor after page n - 1 (null for the first), or null past the last page. */
const pageKey = (index: number, previous: ThreadPage | null): Key | null => {
  if (index === 0) return ["chat/threads.list", null];
  return previous?.has_more && previous.after ? ["chat/threads.list", previous.after] : null;
};

/** threads.list through the one fetch helper: a POST to the ChatKit endpoint. */
const fetchPage = ([, after]: Key) => fetchJson<ThreadPage>(CHAT_ENDPOINT, { method: "POST", body: chatRequests.listThreads({ limit: PAGE, ...(after ? { after } : {}) }) });

/** `thread` put in place of its old copy in the loaded pages, or in front when it is new. */
function withThread(pages: ThreadPage[] | undefined, thread: Thread): ThreadPage[] | undefined {
  if (!pages) return pages;
  const fresh = { ...thread, items: { data: [], has_more: false } } satisfies Thread;
  let found = false;
  const next = pages.map((page) => ({
    ...page,
    data: page.data.map((t) => {
      if (t.id !== thread.id) return t;
      found = true;
      return { ...t, ...fresh };
    }),
  }));
  if (!found && next[0]) next[0] = { ...next[0], data: [fresh, ...next[0].data] };
  return next;
}

const withoutThread = (pages: ThreadPage[] | undefined, id: string) => pages?.map((page) => ({ ...page, data: page.data.filter((t) => t.id !== id) }));

const noPages = (): Key | null => null;

/**
 * The user's conversations, newest first (threads.list, paged by SWR), with rename and delete.
 * The chat updates it from outside through useThreadListUpdates.
 * Nothing is fetched until `load` (the list is on screen, or the page has gone idle).
 */
export function useThreadList(load: boolean) {
  const { data, error, size, setSize, mutate } = useSWRInfinite<ThreadPage, unknown, typeof pageKey>(load ? pageKey : noPages, fetchPage, {
    revalidateOnFocus: false,
    revalidateFirstPage: true,
  });

  const seen = new Set<string>();
  const threads = data
    ? data.flatMap((page) => page.data.map(meta)).filter((t) => {
        if (seen.has(t.id)) return false;
        seen.add(t.id);
        return true;
      })
    : null;
  const last = data?.at(-1);
  const loadingMore = size > 0 && data !== undefined && data.length < size;

  const loadMore = useCallback(() => setSize((n) => n + 1), [setSize]);
  const { upsert } = useThreadListUpdates();

  const rename = useCallback(
    async (id: string, title: string) => {
      const saved = await fetchJson<Thread>(CHAT_ENDPOINT, { method: "POST", body: chatRequests.updateThread(id, title) });
      upsert(saved);
      return saved;
    },
    [upsert],
  );

  const remove = useCallback(
    async (id: string) => {
      await fetchJson(CHAT_ENDPOINT, { method: "POST", body: chatRequests.deleteThread(id) });
      await mutate((pages) => withoutThread(pages, id), { revalidate: false });
    },
    [mutate],
  );

  return {
    threads,
    hasMore: !loadingMore && !!last?.has_more,
    loadingMore,
    error: error ? errorMessage(error) : null,
    loadMore,
    rename,
    remove,
  };
}

const LIST_KEY = unstable_serialize(pageKey);

/**
 * Updates to the conversation list from outside it (the chat: a thread created, retitled, or a
 * turn ended), through SWR's cache, so the component that calls this does not re-render when the
 * list loads or changes.
 */
export function useThreadListUpdates() {
  const { mutate } = useSWRConfig();
  const upsert = useCallback((thread: Thread) => void mutate<ThreadPage[]>(LIST_KEY, (pages) => withThread(pages, thread), { revalidate: false }), [mutate]);
  const refresh = useCallback(() => mutate(LIST_KEY), [mutate]);
  return { upsert, refresh };
}
