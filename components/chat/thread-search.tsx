"use client";
import { useEffect, useId, useRef, useState } from "react";
import useSWR from "swr";
import { Alert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { SearchIcon } from "@/components/ui/icons";
import { errorMessage, jsonFetcher } from "@/lib/client/fetch-json";
import type { ThreadMeta } from "@/lib/chatkit/reducer";
import { threadTitle } from "./thread-list";

/** One conversation that matched (GET /api/chat/search, lib/chatkit/search.ts). */
type Hit = ThreadMeta & { snippet: string | null };

/** As the server allows (SEARCH_QUERY_MAX); the server checks again. */
const MAX_QUERY = 100;
/** Typing pauses this long before a search is sent. */
const DEBOUNCE_MS = 250;

/** `text` with each case-insensitive occurrence of `query` in a <mark>. */
function Highlighted({ text, query }: { text: string; query: string }) {
  const parts: React.ReactNode[] = [];
  const lower = text.toLowerCase();
  const needle = query.toLowerCase();
  let from = 0;
  for (let at = lower.indexOf(needle); needle && at !== -1; at = lower.indexOf(needle, from)) {
    if (at > from) parts.push(text.slice(from, at));
    parts.push(
      <mark key={at} className="rounded-sm bg-amber-200/80 text-inherit dark:bg-amber-400/30">
        {text.slice(at, at + needle.length)}
      </mark>,
    );
    from = at + needle.length;
  }
  parts.push(text.slice(from));
  return <>{parts}</>;
}

type Props = {
  activeId: string | null;
  onSelect: (thread: ThreadMeta) => void;
  /** Whether results are showing in place of the list. */
  onActiveChange: (active: boolean) => void;
};

/**
 * Finds a conversation by its title or words in its messages. Results replace the list while
 * there is a query; Escape clears it (and a second Escape closes the drawer, as usual); Enter
 * opens the first result and the arrow keys move between results.
 */
export function ThreadSearch({ activeId, onSelect, onActiveChange }: Props) {
  const [text, setText] = useState("");
  const [query, setQuery] = useState("");
  const input = useRef<HTMLInputElement>(null);
  const results = useRef<HTMLUListElement>(null);
  const statusId = useId();

  useEffect(() => {
    const next = text.trim();
    const timer = window.setTimeout(() => setQuery(next), next ? DEBOUNCE_MS : 0);
    return () => window.clearTimeout(timer);
  }, [text]);

  const active = text.trim() !== "";
  useEffect(() => onActiveChange(active), [active, onActiveChange]);

  const key = query ? `/api/chat/search?q=${encodeURIComponent(query)}` : null;
  const { data, error, isLoading } = useSWR<{ data: Hit[] }>(key, jsonFetcher, { keepPreviousData: true, revalidateOnFocus: false });
  const hits = query ? data?.data : undefined;
  const pending = active && (isLoading || text.trim() !== query);

  function clear() {
    setText("");
    input.current?.focus();
  }

  function pick(hit: Hit) {
    const { snippet: _snippet, ...thread } = hit;
    onSelect(thread);
    setText("");
  }

  function moveFocus(from: HTMLElement, step: 1 | -1) {
    const buttons = [...(results.current?.querySelectorAll<HTMLButtonElement>("button") ?? [])];
    const index = buttons.indexOf(from as HTMLButtonElement);
    const next = index === -1 ? (step === 1 ? buttons[0] : buttons.at(-1)) : buttons[index + step];
    if (next) next.focus();
    else if (step === -1) input.current?.focus();
  }

  return (
    <div
      onKeyDown={(e) => {
        if (e.key === "Escape" && text) {
          // Clears the search; the drawer (a <dialog>) only closes on Escape once it is empty.
          e.preventDefault();
          e.stopPropagation();
          clear();
        } else if ((e.key === "ArrowDown" || e.key === "ArrowUp") && hits?.length) {
          e.preventDefault();
          moveFocus(e.target as HTMLElement, e.key === "ArrowDown" ? 1 : -1);
        }
      }}
    >
      <div className="relative">
        <SearchIcon className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-zinc-500 dark:text-zinc-400" />
        <input
          ref={input}
          type="search"
          value={text}
          maxLength={MAX_QUERY}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && hits?.[0]) {
              e.preventDefault();
              pick(hits[0]);
            }
          }}
          placeholder="Search conversations"
          aria-label="Search conversations"
          aria-describedby={active ? statusId : undefined}
          className="h-9 w-full rounded-md border border-zinc-300 bg-white pr-2 pl-8 text-sm text-zinc-900 placeholder:text-zinc-500 focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-400 [&::-webkit-search-cancel-button]:hidden"
        />
      </div>
      {active && (
        <div className="mt-2" data-testid="thread-search-results">
          <p id={statusId} role="status" className="flex items-center gap-2 px-1 text-xs text-zinc-600 dark:text-zinc-400">
            {error ? (
              ""
            ) : pending && !hits ? (
              <>
                <Spinner className="size-3" /> Searching…
              </>
            ) : hits && hits.length === 0 && !pending ? (
              <>No conversations match “{query}”.</>
            ) : hits ? (
              <>
                {hits.length === 1 ? "1 conversation" : `${hits.length} conversations`}
                {pending && <Spinner className="size-3" />}
              </>
            ) : null}
          </p>
          {error && <Alert className="mt-1">{errorMessage(error)}</Alert>}
          {hits && hits.length > 0 && (
            <ul ref={results} className="mt-1 max-h-[60dvh] space-y-0.5 overflow-y-auto" aria-label="Search results">
              {hits.map((hit) => (
                <li key={hit.id}>
                  <button
                    type="button"
                    onClick={() => pick(hit)}
                    aria-current={hit.id === activeId ? "page" : undefined}
                    className={cn(
                      "w-full rounded-md px-2 py-1.5 text-left text-sm text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800/60",
                      hit.id === activeId && "bg-zinc-200/80 font-medium text-zinc-900 dark:bg-zinc-800 dark:text-zinc-50",
                    )}
                  >
                    <span className="block truncate">
                      <Highlighted text={threadTitle(hit)} query={query} />
                    </span>
                    {hit.snippet && (
                      <span className="line-clamp-2 text-xs font-normal text-zinc-600 dark:text-zinc-400">
                        <Highlighted text={hit.snippet} query={query} />
                      </span>
                    )}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
