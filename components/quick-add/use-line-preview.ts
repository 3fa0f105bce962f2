"use client";
import { useEffect, useState } from "react";
import { parseLine, type QuickAddParse } from "./api";

const DEBOUNCE_MS = 150;

/** The server's reading of `text`, ~150 ms after the last keystroke; an older request is aborted. */
export function useLinePreview(text: string): { text: string; parsed: QuickAddParse } | null {
  const [preview, setPreview] = useState<{ text: string; parsed: QuickAddParse } | null>(null);
  useEffect(() => {
    if (!text.trim()) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      parseLine(text, controller.signal)
        .then((parsed) => setPreview({ text, parsed }))
        // A failed preview only means no chips: Enter still adds the task.
        .catch(() => {});
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text]);
  return text.trim() ? preview : null;
}
