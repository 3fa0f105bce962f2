"use client";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { cn } from "@/components/ui/cn";
import { Dialog } from "@/components/ui/dialog";
import { inputClass } from "@/components/ui/field";
import { fetchJson } from "@/lib/client/fetch-json";

type Item = { id: string; group: "Pages" | "Lists" | "Tasks"; name: string; href: string };

const PAGES: Item[] = [
  { name: "Tasks", href: "/tasks" },
  { name: "Chat", href: "/chat" },
  { name: "Dashboard", href: "/dashboard" },
  { name: "Upcoming", href: "/upcoming" },
  { name: "Lists and labels", href: "/lists" },
  { name: "Profile", href: "/profile" },
].map((p) => ({ ...p, id: `page-${p.href.slice(1)}`, group: "Pages" as const }));

const TASK_DEBOUNCE_MS = 150;
const matches = (name: string, q: string) => name.toLowerCase().includes(q.trim().toLowerCase());

/** Tasks whose title matches, ~150 ms after the last keystroke; older requests are aborted. */
function useTaskResults(q: string): Item[] {
  const [found, setFound] = useState<{ q: string; items: Item[] }>({ q: "", items: [] });
  useEffect(() => {
    if (!q.trim()) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const params = new URLSearchParams({ q: q.trim().slice(0, 200), status: "all", limit: "8" });
      fetchJson<{ tasks: Array<{ id: number; title: string }> }>(`/api/tasks?${params}`, { signal: controller.signal })
        .then(({ tasks }) => setFound({ q, items: tasks.map((t) => ({ id: `task-${t.id}`, group: "Tasks", name: t.title, href: `/tasks/${t.id}/edit` })) }))
        .catch(() => {});
    }, TASK_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q]);
  return q.trim() && found.q === q ? found.items : [];
}

/**
 * Ctrl/Cmd+K: one box over the pages, the user's lists and their tasks. A combobox with its
 * options in a listbox: ↑/↓ move (aria-activedescendant), Enter opens, Escape closes.
 * Loaded on first use.
 */
export default function CommandPalette({ onClose }: { onClose: () => void }) {
  const router = useRouter();
  const id = useId();
  const [q, setQ] = useState("");
  const [active, setActive] = useState(0);
  const [lists, setLists] = useState<Item[]>([]);
  const tasks = useTaskResults(q);

  useEffect(() => {
    const controller = new AbortController();
    fetchJson<{ lists: Array<{ id: number; name: string }> }>("/api/lists", { signal: controller.signal })
      .then((r) => setLists(r.lists.map((l) => ({ id: `list-${l.id}`, group: "Lists", name: l.name, href: `/tasks?list=${l.id}` }))))
      .catch(() => {});
    return () => controller.abort();
  }, []);

  const items = [...PAGES, ...lists].filter((i) => matches(i.name, q)).concat(tasks);
  const current = Math.min(active, items.length - 1);
  const optionId = (item: Item) => `${id}-${item.id}`;

  function open(item: Item | undefined) {
    if (!item) return;
    onClose();
    router.push(item.href);
  }

  return (
    <Dialog open onClose={onClose} title="Go to" className="max-w-lg">
      <label htmlFor={`${id}-input`} className="sr-only">
        Search pages, lists and tasks
      </label>
      <input
        id={`${id}-input`}
        data-autofocus
        role="combobox"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={items[current] ? optionId(items[current]!) : undefined}
        value={q}
        maxLength={200}
        placeholder="Search pages, lists and tasks…"
        autoComplete="off"
        className={cn(inputClass, "h-10")}
        onChange={(e) => {
          setQ(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            const step = e.key === "ArrowDown" ? 1 : -1;
            setActive((current + step + items.length) % Math.max(items.length, 1));
          } else if (e.key === "Enter") {
            e.preventDefault();
            open(items[current]);
          }
        }}
      />
      <ul id={`${id}-list`} role="listbox" aria-label="Results" className="mt-3 max-h-80 overflow-y-auto">
        {items.map((item, i) => (
          <li
            key={item.id}
            id={optionId(item)}
            role="option"
            aria-selected={i === current}
            onClick={() => open(item)}
            onMouseMove={() => setActive(i)}
            className={cn(
              "flex cursor-pointer items-center justify-between gap-3 rounded-md px-3 py-2 text-sm",
              i === current ? "bg-indigo-600 text-white" : "text-zinc-800 dark:text-zinc-200",
            )}
          >
            <span className="min-w-0 truncate">{item.name}</span>
            <span className={cn("shrink-0 text-xs", i === current ? "text-indigo-100" : "text-zinc-600 dark:text-zinc-400")}>{item.group.replace(/s$/, "")}</span>
          </li>
        ))}
        {items.length === 0 && <li className="px-3 py-2 text-sm text-zinc-600 dark:text-zinc-400">Nothing matches “{q.trim()}”.</li>}
      </ul>
    </Dialog>
  );
}
