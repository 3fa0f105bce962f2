"use client";
import { useEffect, useId, useLayoutEffect, useRef } from "react";
import { cn } from "@/components/ui/cn";

type Props = {
  open: boolean;
  onClose: () => void;
  title: string;
  side: "left" | "right";
  /** A media query at which the drawer's content is on screen anyway: the drawer closes itself there. */
  closeAbove?: string;
  children: React.ReactNode;
};

/**
 * A side sheet on the native <dialog> for narrow screens: the page behind is inert, focus
 * moves to the close button, Escape or a click outside closes it, and focus goes back to
 * whatever opened it.
 */
export function Drawer({ open, onClose, title, side, closeAbove, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);

  useEffect(() => {
    if (!open || !closeAbove) return;
    const query = window.matchMedia(closeAbove);
    const check = () => {
      if (query.matches) onClose();
    };
    query.addEventListener("change", check);
    return () => query.removeEventListener("change", check);
  }, [open, closeAbove, onClose]);

  useEffect(() => {
    const dialog = ref.current;
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClose={() => {
        if (open) onClose();
      }}
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
      className={cn(
        "m-0 h-dvh max-h-none w-[min(24rem,calc(100vw-2.5rem))] max-w-none border-zinc-200 bg-zinc-50 p-0 text-zinc-900 shadow-2xl backdrop:bg-zinc-950/50 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-100",
        side === "right" ? "ml-auto border-l" : "mr-auto border-r",
      )}
    >
      {open && (
        <div className="flex h-full flex-col">
          <div className="flex items-center justify-between gap-2 border-b border-zinc-200 px-4 py-2 dark:border-zinc-800">
            <h2 id={titleId} className="text-base font-semibold">
              {title}
            </h2>
            <button
              type="button"
              data-autofocus
              onClick={onClose}
              className="grid size-9 place-items-center rounded-md text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
              aria-label={`Close ${title.toLowerCase()}`}
            >
              <span aria-hidden className="text-lg leading-none">
                ✕
              </span>
            </button>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto">{children}</div>
        </div>
      )}
    </dialog>
  );
}
