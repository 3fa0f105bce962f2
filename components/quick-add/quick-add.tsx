"use client";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import { CloseIcon, PlusIcon } from "@/components/ui/icons";
import { errorMessage, fetchJson } from "@/lib/client/fetch-json";
import { formatRelativeDate, todayIn } from "@/lib/dates";
import { titleWithout } from "@/lib/quick-add/title";
import { parseLine, taskFromLine, tokenKey, type QuickAddParse, type QuickAddToken } from "./api";
import { useLinePreview } from "./use-line-preview";

const TEXT_MAX = 500;
const PRIORITY_WORDS = { high: "High priority", medium: "Medium priority", low: "Low priority" } as const;

function chipText(token: QuickAddToken, parsed: QuickAddParse, today: string): string {
  switch (token.kind) {
    case "date":
      return parsed.dueDate ? `Due ${formatRelativeDate(parsed.dueDate, today)}` : token.text;
    case "priority":
      return parsed.priority ? PRIORITY_WORDS[parsed.priority] : token.text;
    case "list":
      return `List: ${token.name ?? token.text}`;
    case "label":
      return `Label: ${token.name ?? token.text}`;
    case "repeat":
      return parsed.recurrenceText ?? token.text;
  }
}

type Status = { message: string; changeSetId?: string; tone?: "error" };

/**
 * One line that becomes a task: "Pay rent every month on the 1st #home p1". The server reads it
 * as you type (POST /api/tasks/parse) and each thing it found shows as a chip; removing a chip
 * puts its words back into the title. Enter adds the task and keeps focus for the next one.
 */
export function QuickAdd({ autoFocus = false, onAdded }: { autoFocus?: boolean; onAdded?: () => void }) {
  const router = useRouter();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status | null>(null);
  const preview = useLinePreview(text);
  const current = preview?.text === text ? preview.parsed : null;
  // While the next reading is on its way, the last one's chips whose words are still in place stay up (no flicker); Enter uses a fresh one.
  const shown = preview?.parsed ?? null;
  const today = todayIn(Intl.DateTimeFormat().resolvedOptions().timeZone);
  const chips = (shown?.tokens ?? []).filter((t) => !removed.has(tokenKey(t)) && text.slice(t.start, t.end) === t.text);
  const title = current ? titleWithout(text, chips) : text.trim();

  async function add() {
    if (busy || !text.trim()) return;
    setBusy(true);
    setStatus(null);
    try {
      const parsed = current ?? (await parseLine(text));
      const input = await taskFromLine(text, parsed, removed);
      if (!input.title) throw new Error("Type what the task is, not only when or where.");
      const { task, changeSetId } = await fetchJson<{ task: { title: string }; changeSetId: string }>("/api/tasks", { method: "POST", body: input });
      setText("");
      setRemoved(new Set());
      setStatus({ message: `Added “${task.title}”`, changeSetId });
      router.refresh();
      onAdded?.();
    } catch (err) {
      setStatus({ message: err instanceof Error && !("status" in err) ? err.message : errorMessage(err), tone: "error" });
    } finally {
      setBusy(false);
      inputRef.current?.focus();
    }
  }

  async function undo(changeSetId: string) {
    try {
      await fetchJson(`/api/changes/${encodeURIComponent(changeSetId)}/undo`, { method: "POST" });
      setStatus({ message: "Undone" });
      router.refresh();
    } catch (err) {
      setStatus({ message: errorMessage(err), tone: "error" });
    }
  }

  return (
    <div className="space-y-2">
      <form
        className="flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <label htmlFor={id} className="sr-only">
          Quick add a task
        </label>
        <input
          ref={inputRef}
          id={id}
          value={text}
          maxLength={TEXT_MAX}
          autoFocus={autoFocus}
          data-autofocus={autoFocus || undefined}
          onChange={(e) => {
            setText(e.target.value);
            if (!e.target.value.trim()) setRemoved(new Set());
          }}
          placeholder="Add a task… e.g. Pay rent every month on the 1st #home p1"
          autoComplete="off"
          aria-describedby={`${id}-preview`}
          className={cn(inputClass, "h-10 min-w-0 flex-1")}
        />
        <button
          type="submit"
          disabled={busy || !text.trim()}
          className="inline-flex h-10 shrink-0 items-center gap-1.5 rounded-md bg-indigo-600 px-3 text-sm font-medium text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-60 dark:hover:bg-indigo-600"
        >
          <PlusIcon />
          Add
        </button>
      </form>
      <div id={`${id}-preview`} className="flex min-h-6 flex-wrap items-center gap-1.5 text-sm">
        {text.trim() && title && <span className="sr-only">Title: {title}.</span>}
        {chips.length > 0 && (
          <ul aria-label="Found in what you typed" className="flex flex-wrap gap-1.5">
            {chips.map((token) => {
              const label = chipText(token, shown!, today);
              return (
                <li
                  key={`${token.kind}-${token.start}`}
                  data-kind={token.kind}
                  className="inline-flex items-center gap-1 rounded-full bg-indigo-50 py-0.5 pr-1 pl-2.5 text-xs font-medium text-indigo-800 dark:bg-indigo-950/60 dark:text-indigo-200"
                >
                  {label}
                  <button
                    type="button"
                    aria-label={`Remove ${label} (keep “${token.text}” in the title)`}
                    onClick={() => {
                      setRemoved((r) => new Set(r).add(tokenKey(token)));
                      inputRef.current?.focus();
                    }}
                    className="rounded-full p-0.5 hover:bg-indigo-100 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:hover:bg-indigo-900"
                  >
                    <CloseIcon className="size-3.5" />
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        {current?.unknownList && (
          <span className="text-xs text-zinc-600 dark:text-zinc-400">No list named “{current.unknownList}”: it stays in the title.</span>
        )}
      </div>
      <p role="status" className={cn("min-h-5 text-sm", status?.tone === "error" ? "text-red-700 dark:text-red-400" : "text-zinc-700 dark:text-zinc-300")}>
        {status?.message}
        {status?.changeSetId && (
          <button
            type="button"
            onClick={() => void undo(status.changeSetId!)}
            className="ml-2 rounded font-medium text-indigo-700 underline hover:no-underline focus-visible:outline-2 focus-visible:outline-indigo-600 dark:text-indigo-300"
          >
            Undo
          </button>
        )}
      </p>
    </div>
  );
}
