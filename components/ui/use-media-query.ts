"use client";
import { useCallback, useSyncExternalStore } from "react";

/**
 * Whether a CSS media query matches, followed as the window changes. False on the server and
 * while hydrating: content that only shows on a wide screen is then added right after
 * hydration there, and never built at all on a phone.
 */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    [query],
  );
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches, () => false);
}
