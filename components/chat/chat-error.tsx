"use client";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";

/**
 * An error in the conversation, where the answer would have been, with Retry when it can help.
 * It is an alert (announced when it appears) and scrolls itself into view: a reader scrolled up,
 * or a short screen with the keyboard open, still sees it.
 */
export function ChatErrorBanner({ message, canRetry, busy, onRetry, onDismiss }: { message: string; canRetry: boolean; busy: boolean; onRetry: () => void; onDismiss: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.scrollIntoView({ block: "nearest" });
  }, [message]);
  return (
    <div
      ref={box}
      role="alert"
      data-testid="chat-error"
      className="flex scroll-mb-4 flex-wrap items-center gap-x-3 gap-y-2 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900/60 dark:bg-red-950/50 dark:text-red-200"
    >
      <span className="min-w-0 flex-1 wrap-anywhere">{message}</span>
      <span className="flex gap-1">
        {canRetry && (
          <Button size="sm" variant="secondary" onClick={onRetry} disabled={busy}>
            Retry
          </Button>
        )}
        <Button size="sm" variant="ghost" onClick={onDismiss}>
          Dismiss
        </Button>
      </span>
    </div>
  );
}
