"use client";
import { useRouter } from "next/navigation";
import { useEffect, useEffectEvent, useState } from "react";
import { cn } from "@/components/ui/cn";
import { CloseIcon } from "@/components/ui/icons";
import { errorMessage, fetchJson } from "@/lib/client/fetch-json";
import { formatRelativeDate } from "@/lib/dates";
import { todayIn } from "@/lib/today";
import { titleWithout } from "@/lib/quick-add/title";
import { parseLine, taskFromLine, tokenKey, type QuickAddParse, type QuickAddToken } from "./api";
import { useLinePreview } from "./use-line-preview";
import { browserTimeZone } from "@/lib/client/time-zone";

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

export type EngineProps = {
  text: string;
  setText: (text: string) => void;
  focusInput: () => void;
  /** Bumped by each Enter: the engine adds the task (also for an Enter pressed before it loaded). */
  submits: number;
  onAdded?: () => void;
};

/**
 * Quick add's working part, loaded once the line is first used: the server's reading of the line
 * as chips (removing one puts its words back into the title), adding the task, and the status
 * line with Undo. The input itself is in quick-add.tsx, so it costs no first-load JS.
 */
export default function QuickAddEngine({ text, setText, focusInput, submits, onAdded }: EngineProps) {
  const router = useRouter();
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status | null>(null);
  const preview = useLinePreview(text);
  const current = preview?.text === text ? preview.parsed : null;
  // While the next reading is on its way, the last one's chips whose words are still in place stay up (no flicker); Enter uses a fresh one.
  const shown = preview?.parsed ?? null;
  const today = todayIn(browserTimeZone());
  const chips = (shown?.tokens ?? []).filter((t) => !removed.has(tokenKey(t)) && text.slice(t.start, t.end) === t.text);
  const title = current ? titleWithout(text, chips) : text.trim();

  const add = useEffectEvent(async () => {
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
      focusInput();
    }
  });

  useEffect(() => {
    if (submits === 0) return;
    // Next tick: an Enter pressed before this chunk loaded still adds the task once it has.
    const timer = setTimeout(() => void add(), 0);
    return () => clearTimeout(timer);
  }, [submits]);

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
    <>
      <div className="flex min-h-6 flex-wrap items-center gap-1.5 text-sm">
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
                      focusInput();
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
        {current?.unknownList && <span className="text-xs text-zinc-600 dark:text-zinc-400">No list named “{current.unknownList}”: it stays in the title.</span>}
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
    </>
  );
}
