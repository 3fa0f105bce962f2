"use client";
import { createContext, use, useCallback, useEffect, useRef, useState } from "react";
import { Spinner } from "./button";
import { cn } from "./cn";
import { CloseIcon } from "./icons";

export type ToastContent = { message: string; tone?: "neutral" | "error" };
/** A button on the toast; what `run` resolves to (or throws) replaces the toast's text. */
export type ToastAction = { label: string; run: () => Promise<ToastContent> };
export type ToastInput = ToastContent & { action?: ToastAction };

type Shown = ToastInput & { id: number; running: boolean };

/** Long enough to read a short sentence and reach the button; hovering or focusing the toast holds it. */
export const TOAST_VISIBLE_MS = 8000;

const ShowToast = createContext<((toast: ToastInput) => void) | null>(null);

/** Shows a toast, replacing the one on screen: there is only ever one. */
export function useToast(): (toast: ToastInput) => void {
  const show = use(ShowToast);
  if (!show) throw new Error("useToast() needs a <ToastProvider> above it.");
  return show;
}

/**
 * Holds the one toast of the pages below it, so a toast outlives the page that raised it (the
 * edit page's delete navigates to the list). It renders after `children`, so Tab reaches it after
 * the page's own controls.
 */
export function ToastProvider({ children }: { children: React.ReactNode }) {
  const [toast, setToast] = useState<Shown | null>(null);
  const lastId = useRef(0);
  const show = useCallback((input: ToastInput) => setToast({ ...input, id: ++lastId.current, running: false }), []);
  return (
    <ShowToast value={show}>
      {children}
      {/* On a phone the toast spans the bottom edge: this room lets the end of the page scroll out from under it. */}
      {toast && <div aria-hidden className="h-24 sm:hidden" />}
      <ToastViewport toast={toast} setToast={setToast} />
    </ShowToast>
  );
}

function ToastViewport({ toast, setToast }: { toast: Shown | null; setToast: React.Dispatch<React.SetStateAction<Shown | null>> }) {
  const cardRef = useRef<HTMLDivElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  // Where focus was before it entered the toast, to give it back when the toast goes.
  const focusBefore = useRef<HTMLElement | null>(null);
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);

  const dismiss = useCallback(() => {
    const card = cardRef.current;
    if (card?.contains(document.activeElement)) {
      const back = focusBefore.current;
      focusBefore.current = null;
      if (back?.isConnected) back.focus();
      else (document.activeElement as HTMLElement | null)?.blur();
    }
    setFocused(false);
    setHovered(false);
    setToast(null);
  }, [setToast]);

  const held = hovered || focused || toast?.running === true;
  useEffect(() => {
    if (!toast || held) return;
    // Restarts in full after a pause: a toast someone just looked at should not vanish at once.
    const timer = setTimeout(dismiss, TOAST_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [toast, held, dismiss]);

  useEffect(() => {
    if (!toast) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || e.defaultPrevented) return;
      // Escape in an open dialog is the dialog's; the toast only takes it from the page.
      if (!cardRef.current?.contains(document.activeElement) && document.querySelector("dialog[open]")) return;
      dismiss();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [toast, dismiss]);

  async function runAction(shown: Shown) {
    const action = shown.action;
    if (!action || shown.running) return;
    // Keyboard focus (not a mouse click's) on the button, which is about to go with the action.
    const active = document.activeElement;
    const keyboardFocus = !!active && !!cardRef.current?.contains(active) && active.matches(":focus-visible");
    setToast((t) => (t?.id === shown.id ? { ...t, running: true } : t));
    let result: ToastContent;
    try {
      result = await action.run();
    } catch (err) {
      result = { message: err instanceof Error ? err.message : "That did not work. Try again.", tone: "error" };
    }
    // A newer toast has taken its place: that one stays.
    setToast((t) => (t?.id === shown.id ? { id: shown.id, ...result, running: false } : t));
    // Keep keyboard focus in the toast rather than dropping it on the page. A removed element
    // fires no blur, so for a click the toast is let go here.
    if (keyboardFocus) requestAnimationFrame(() => closeRef.current?.focus());
    else setFocused(false);
  }

  return (
    <div className="pointer-events-none fixed inset-x-0 bottom-0 z-30 flex justify-center px-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] sm:justify-end sm:px-6 sm:pb-6">
      <div
        ref={cardRef}
        data-toast={toast ? "" : undefined}
        onPointerEnter={() => setHovered(true)}
        onPointerLeave={() => setHovered(false)}
        onFocus={(e) => {
          const from = e.relatedTarget as HTMLElement | null;
          if (from && !e.currentTarget.contains(from)) focusBefore.current = from;
          setFocused(true);
        }}
        onBlur={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(false);
        }}
        className={cn(
          toast &&
            "pointer-events-auto flex w-full max-w-md items-center gap-2 rounded-xl bg-zinc-900 py-2 pr-2 pl-4 text-sm text-zinc-50 shadow-lg ring-1 ring-black/10 sm:w-auto sm:max-w-sm dark:bg-zinc-800 dark:ring-white/15",
        )}
      >
        {/* Always in the page, so a screen reader notices the text changing; the buttons sit outside it. */}
        <p role="status" aria-live="polite" aria-atomic="true" className={cn("min-w-0 flex-1 py-1.5 wrap-anywhere", toast?.tone === "error" && "text-red-300")}>
          {toast?.message}
        </p>
        {toast?.action && (
          <button
            type="button"
            onClick={() => runAction(toast)}
            aria-disabled={toast.running || undefined}
            className="inline-flex h-9 shrink-0 items-center gap-1.5 rounded-md px-3 font-semibold text-indigo-300 hover:bg-white/10 focus-visible:outline-2 focus-visible:outline-indigo-300"
          >
            {toast.running && <Spinner className="size-3.5" />}
            {toast.action.label}
          </button>
        )}
        {toast && (
          <button
            ref={closeRef}
            type="button"
            onClick={dismiss}
            aria-label="Close notification"
            className="grid size-9 shrink-0 place-items-center rounded-md text-zinc-300 hover:bg-white/10 hover:text-white focus-visible:outline-2 focus-visible:outline-indigo-300"
          >
            <CloseIcon />
          </button>
        )}
      </div>
    </div>
  );
}
