"use client";
import { useEffect, useId, useLayoutEffect, useRef, useSyncExternalStore } from "react";
import { cn } from "@/components/ui/cn";
import { preloadMarkdown } from "./markdown";
import { useDraft } from "./use-draft";

type Props = {
  maxLength: number;
  streaming: boolean;
  /** The server allows stopping this answer (stream_options.allow_cancel). */
  canStop: boolean;
  /** Why the composer is closed (a locked or closed thread), if it is. */
  closedReason?: string;
  placeholder: string;
  /** The open conversation ("new" before it exists): focus returns here when it changes, and the unsent text is kept per conversation. */
  threadKey: string;
  onSend: (text: string) => void;
  onStop: () => void;
};

const COUNTER_FROM = 0.85;

const noSubscription = () => () => {};
/** False in the server's HTML and while React hydrates it; true once the box's handlers are attached. */
const useHydrated = () => useSyncExternalStore(noSubscription, () => true, () => false);
const MAX_ROWS_PX = 200;

/**
 * The message box: Enter sends, Shift+Enter starts a new line. While an answer streams the
 * box stays editable (write the next message meanwhile) and only sending waits: Send becomes
 * Stop, Enter does nothing, and the hint under the box says so. When the answer is done, focus
 * comes back here unless the reader put it somewhere else.
 */
export function Composer({ maxLength, streaming, canStop, closedReason, placeholder, threadKey, onSend, onStop }: Props) {
  const [text, setText] = useDraft(threadKey);
  const box = useRef<HTMLTextAreaElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const counterId = useId();
  // The page's HTML shows the box before the chat's code has arrived. Until it has, Enter would
  // do nothing (or add a new line), so the box waits, disabled, instead of seeming to lose a message.
  const hydrated = useHydrated();
  const disabled = !!closedReason || !hydrated;
  const trimmed = text.trim();
  const showCounter = text.length >= maxLength * COUNTER_FROM;

  // Grow with the text, up to a limit.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, MAX_ROWS_PX)}px`;
  }, [text]);

  // Focus on mount, when a thread opens, and when the thread opens up again.
  useEffect(() => {
    if (!disabled) box.current?.focus({ preventScroll: true });
  }, [disabled, threadKey]);

  // When an answer ends, focus comes back if it was lost (a card's button went away or was disabled) or was on Stop.
  useEffect(() => {
    if (streaming || disabled) return;
    const active = document.activeElement;
    if (!active || active === document.body || form.current?.contains(active)) box.current?.focus({ preventScroll: true });
  }, [streaming, disabled]);

  function submit() {
    if (disabled || streaming || !trimmed || text.length > maxLength) return;
    onSend(trimmed);
    setText("");
  }

  return (
    <form
      ref={form}
      className="border-t border-zinc-200 bg-white/90 px-3 pt-3 pb-3 sm:px-5 dark:border-zinc-800 dark:bg-zinc-900/90"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="mx-auto flex max-w-3xl items-end gap-2">
        <div className="relative min-w-0 flex-1">
          <label htmlFor={`${counterId}-box`} className="sr-only">
            Message
          </label>
          <textarea
            id={`${counterId}-box`}
            ref={box}
            rows={1}
            value={text}
            maxLength={maxLength}
            disabled={disabled}
            placeholder={closedReason ?? placeholder}
            aria-describedby={showCounter ? counterId : undefined}
            onChange={(e) => {
              setText(e.target.value);
              preloadMarkdown();
            }}
            onKeyDown={(e) => {
              if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                submit();
              }
            }}
            className="block max-h-[200px] min-h-11 w-full resize-none rounded-xl border border-zinc-300 bg-white px-3.5 py-2.5 text-base text-zinc-900 shadow-sm placeholder:text-zinc-400 focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none disabled:cursor-not-allowed disabled:bg-zinc-50 disabled:text-zinc-500 sm:text-sm dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100 dark:disabled:bg-zinc-900"
          />
        </div>
        {streaming ? (
          <button
            key="stop"
            type="button"
            onClick={onStop}
            disabled={!canStop}
            aria-label="Stop"
            title="Stop the answer"
            className="grid size-11 shrink-0 place-items-center rounded-xl border border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800"
          >
            <span aria-hidden className="size-3.5 rounded-sm bg-current" />
          </button>
        ) : (
          <button
            key="send"
            type="submit"
            disabled={disabled || !trimmed}
            aria-label="Send"
            title="Send (Enter)"
            className="grid size-11 shrink-0 place-items-center rounded-xl bg-indigo-600 text-white hover:bg-indigo-700 disabled:cursor-not-allowed disabled:bg-indigo-600/40 dark:bg-indigo-500 dark:hover:bg-indigo-600 dark:disabled:bg-indigo-500/30"
          >
            <svg aria-hidden viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
              <path d="M10 16V4M5 9l5-5 5 5" />
            </svg>
          </button>
        )}
      </div>
      <div className="mx-auto flex max-w-3xl justify-between gap-2 px-1 pt-1.5 text-xs text-zinc-500 dark:text-zinc-400">
        <span className={cn(streaming ? "inline" : "hidden sm:inline")} data-testid="composer-hint">
          {streaming ? "You can send when the answer is done" : "Enter to send · Shift+Enter for a new line"}
        </span>
        {showCounter && (
          <span id={counterId} className={cn("ml-auto tabular-nums", text.length >= maxLength && "font-medium text-red-600 dark:text-red-400")}>
            {text.length.toLocaleString("en-US")} / {maxLength.toLocaleString("en-US")}
          </span>
        )}
      </div>
    </form>
  );
}
