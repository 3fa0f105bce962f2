"use client";
import { useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { PencilIcon } from "@/components/ui/icons";

/** What a message offers: Copy always; Retry on the last answer; Edit on the last user message. */
export type MessageActionHandlers = {
  /** Copies the text; resolves to whether it worked (the chat announces the outcome). */
  onCopy: (text: string) => Promise<boolean>;
  onRetry?: () => void;
  onEdit?: () => void;
};

const COPIED_MS = 2000;

const actionButton =
  "inline-flex h-8 min-w-8 items-center justify-center gap-1 rounded-md px-1.5 text-xs font-medium text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-500 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100";

/** One-path icons (20×20), decorative: each button has its own accessible name. */
const paths = {
  copy: "M7 7V4.5A1.5 1.5 0 0 1 8.5 3h7A1.5 1.5 0 0 1 17 4.5v7a1.5 1.5 0 0 1-1.5 1.5H13M4.5 7h7A1.5 1.5 0 0 1 13 8.5v7a1.5 1.5 0 0 1-1.5 1.5h-7A1.5 1.5 0 0 1 3 15.5v-7A1.5 1.5 0 0 1 4.5 7z",
  check: "M4 10.5l4 4 8-9",
  retry: "M16 10a6 6 0 1 1-1.76-4.24M16 3.5v3.5h-3.5",
};
const Glyph = ({ d }: { d: string }) => (
  <svg aria-hidden focusable="false" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" className="size-4 shrink-0">
    <path d={d} />
  </svg>
);

/**
 * The row under a message. Shown on hover or keyboard focus where there is a pointer that
 * hovers, always on touch screens, and always when `pinned` (the last answer).
 */
export function MessageActions({ text, align, pinned, handlers }: { text: string; align: "start" | "end"; pinned?: boolean; handlers: MessageActionHandlers }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = window.setTimeout(() => setCopied(false), COPIED_MS);
    return () => window.clearTimeout(timer);
  }, [copied]);

  return (
    <div
      className={cn(
        "-mt-2 flex gap-0.5 transition-opacity",
        align === "end" ? "justify-end" : "justify-start",
        !pinned && "[@media(hover:hover)]:opacity-0 [@media(hover:hover)]:group-hover:opacity-100 [@media(hover:hover)]:focus-within:opacity-100",
      )}
    >
      <button type="button" className={actionButton} onClick={async () => setCopied(await handlers.onCopy(text))} aria-label={copied ? "Copied" : "Copy message"} title="Copy">
        <Glyph d={copied ? paths.check : paths.copy} />
        {copied && <span aria-hidden>Copied</span>}
      </button>
      {handlers.onRetry && (
        <button type="button" className={actionButton} onClick={handlers.onRetry} aria-label="Retry this answer" title="Retry">
          <Glyph d={paths.retry} />
        </button>
      )}
      {handlers.onEdit && (
        <button type="button" className={actionButton} onClick={handlers.onEdit} aria-label="Edit message" title="Edit">
          <PencilIcon />
        </button>
      )}
    </div>
  );
}

/** "Not sent · Retry" under a message that never reached the server. */
export function UnsentNote({ onRetry }: { onRetry: () => void }) {
  return (
    <p className="-mt-2 flex items-center justify-end gap-1.5 text-xs text-red-700 dark:text-red-300" data-testid="chat-unsent">
      <span>Not sent</span>
      <span aria-hidden>·</span>
      <button type="button" onClick={onRetry} className="rounded font-medium underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-500">
        Retry
      </button>
    </p>
  );
}

/** The last user message, being edited in place: Enter (or Send) sends the new text, Escape (or Cancel) leaves it as it was. */
export function MessageEditor({ initial, maxLength, onSave, onCancel }: { initial: string; maxLength: number; onSave: (text: string) => void; onCancel: () => void }) {
  const [text, setText] = useState(initial);
  const box = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const trimmed = text.trim();

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, 240)}px`;
  }, [text]);
  useEffect(() => {
    const el = box.current;
    el?.focus();
    el?.setSelectionRange(el.value.length, el.value.length);
  }, []);

  const save = () => {
    if (trimmed && text.length <= maxLength) onSave(trimmed);
  };

  return (
    <form
      className="ml-auto flex w-full max-w-[85%] flex-col gap-2 rounded-2xl border border-indigo-300 bg-white p-2 dark:border-indigo-500/50 dark:bg-zinc-950"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <label htmlFor={id} className="sr-only">
        Edit message
      </label>
      <textarea
        id={id}
        ref={box}
        rows={1}
        value={text}
        maxLength={maxLength}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            e.preventDefault();
            onCancel();
          } else if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            save();
          }
        }}
        className="block w-full resize-none rounded-lg bg-transparent px-2 py-1.5 text-base text-zinc-900 focus:outline-none sm:text-sm dark:text-zinc-100"
      />
      <div className="flex justify-end gap-2">
        <button type="button" onClick={onCancel} className={cn(actionButton, "px-3 text-sm")}>
          Cancel
        </button>
        <button
          type="submit"
          disabled={!trimmed}
          className="inline-flex h-8 items-center rounded-md bg-indigo-600 px-3 text-sm font-medium text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:bg-indigo-600/40 dark:bg-indigo-500 dark:hover:bg-indigo-600"
        >
          Send
        </button>
      </div>
    </form>
  );
}
