"use client";
import { useEffect, useState } from "react";
import { whenIdle } from "@/lib/client/when-idle";

/**
 * True while `shown`, and from the browser's first idle moment on. For data a hidden part of the
 * page (a phone's closed drawer) only needs for a badge or for later: it loads after the page
 * has hydrated instead of among hydration's work (issue 15), and at once when the part shows.
 */
export function useShownOrIdle(shown: boolean): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    if (shown || idle) return;
    return whenIdle(() => setIdle(true));
  }, [shown, idle]);
  return shown || idle;
}
