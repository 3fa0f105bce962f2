"use client";
import { usePathname, useRouter } from "next/navigation";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { GO_TO, isTyping } from "./keys";
import type { OverlayKind } from "./overlay";

// The dialogs are one chunk, fetched the first time one opens: none of it is first-load JS.
const Overlay = lazy(() => import("./overlay"));

/** How long after `g` the second key of a "go to" pair counts. */
const SEQUENCE_MS = 1500;

/**
 * The app's keyboard shortcuts (listed by `?`): `q` quick add, `/` search or the palette,
 * Ctrl/Cmd+K the palette, `g` then t/c/d/u to go to a page. Keys typed into a field, with a
 * modifier, or while a dialog is open are left alone (except Ctrl/Cmd+K).
 */
export function GlobalShortcuts() {
  const router = useRouter();
  const pathname = usePathname();
  const [overlay, setOverlay] = useState<OverlayKind | null>(null);
  const gPressedAt = useRef(0);

  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      if (e.defaultPrevented || e.isComposing) return;
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === "k") {
        e.preventDefault();
        setOverlay((o) => o ?? "palette");
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || document.querySelector("dialog[open]")) return;

      const afterG = Date.now() - gPressedAt.current < SEQUENCE_MS;
      gPressedAt.current = 0;
      if (afterG && GO_TO[e.key]) {
        e.preventDefault();
        router.push(GO_TO[e.key]!.href);
      } else if (e.key === "g") {
        gPressedAt.current = Date.now();
      } else if (e.key === "q") {
        e.preventDefault();
        setOverlay("quick-add");
      } else if (e.key === "?") {
        e.preventDefault();
        setOverlay("help");
      } else if (e.key === "/") {
        e.preventDefault();
        const search = pathname === "/tasks" ? document.querySelector<HTMLInputElement>('form[role="search"] input') : null;
        if (search) search.focus();
        else setOverlay("palette");
      }
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [router, pathname]);

  const close = () => setOverlay(null);
  return (
    <Suspense fallback={null}>{overlay && <Overlay kind={overlay} onClose={close} />}</Suspense>
  );
}
