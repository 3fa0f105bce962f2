"use client";
import { useEffect, useEffectEvent, useId, useState } from "react";
import { inputClass } from "@/components/ui/field";
import { SearchIcon } from "@/components/ui/icons";
import { cn } from "@/components/ui/cn";
import { SEARCH_MAX } from "@/lib/tasks/constants";

const DEBOUNCE_MS = 250;

/** The search field: sends the text ~250 ms after the last keystroke, or at once on Enter. */
export function SearchBox({ value, onSearch, className }: { value: string; onSearch: (q: string) => void; className?: string }) {
  const id = useId();
  const [text, setText] = useState(value);
  // The last text this box sent, and the last value the URL gave it.
  const [sent, setSent] = useState(value);
  const [seen, setSeen] = useState(value);

  // The URL changed from elsewhere (clear filters, back button): show that, unless it is our own echo.
  if (value !== seen) {
    setSeen(value);
    if (value !== sent.trim()) {
      setText(value);
      setSent(value);
    }
  }

  const send = useEffectEvent((q: string) => {
    setSent(q);
    onSearch(q.trim());
  });

  useEffect(() => {
    if (text.trim() === sent.trim()) return;
    const timer = setTimeout(() => send(text), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, sent]);

  return (
    <form
      role="search"
      className={cn("relative", className)}
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim() !== sent.trim()) {
          setSent(text);
          onSearch(text.trim());
        }
      }}
    >
      <label htmlFor={id} className="sr-only">
        Search tasks
      </label>
      <SearchIcon className="pointer-events-none absolute top-1/2 left-3 -translate-y-1/2 text-zinc-400" />
      <input
        id={id}
        type="search"
        value={text}
        maxLength={SEARCH_MAX}
        onChange={(e) => setText(e.target.value)}
        placeholder="Search tasks…"
        autoComplete="off"
        spellCheck={false}
        className={cn(inputClass, "h-10 pl-9")}
      />
    </form>
  );
}
