"use client";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";

type Rich = typeof import("./markdown-rich");

/**
 * The Markdown renderer (markdown-it and remend, about 48 kB gzip) is its own chunk, not in the
 * chat page's first load (decision 15). The history the server sent is already formatted, so
 * the chunk is fetched when something needs it: the user starts typing (`preloadMarkdown`), a
 * message arrives that the server did not render, or another conversation opens. Until then a
 * message shows as plain text, which is what Markdown is made to read well as. (It was fetched
 * when the page went idle, which put its evaluation among the page load's long tasks, issue 15.)
 */
let rich: Rich | null = null;
let loading: Promise<Rich> | null = null;

function loadRich(): Promise<Rich> {
  return (loading ??= import("./markdown-rich").then((module) => (rich = module)));
}

/**
 * Resolves once the renderer is here (or after a few seconds, or if it fails to load: plain text
 * is fine). A thread's history waits for it alongside its own fetch, so the messages do not
 * re-flow from plain to formatted after the list has scrolled to the newest one.
 */
export function markdownReady(timeoutMs = 3000): Promise<void> {
  if (rich) return Promise.resolve();
  return Promise.race([loadRich().then(() => undefined, () => undefined), new Promise<void>((resolve) => setTimeout(resolve, timeoutMs))]);
}

/** Starts fetching the renderer, once: the user is about to send, so an answer will need it. */
export function preloadMarkdown(): void {
  void loadRich().catch(() => undefined);
}

/**
 * Markdown the server already rendered (the chat page's first page of history), by message text.
 * A message found here is shown from it, before and after the renderer's chunk arrives, so the
 * history is formatted in the page's HTML and never re-flows.
 */
export const PrerenderedMarkdown = createContext<Readonly<Record<string, ReactNode>>>({});

/** `live`: the message is still streaming in (see RichMarkdown). */
export function Markdown({ text, className, live = false }: { text: string; className?: string; live?: boolean }) {
  const known = useContext(PrerenderedMarkdown);
  const prerendered = Object.hasOwn(known, text) ? known[text] : undefined;
  const [loaded, setLoaded] = useState<Rich | null>(rich);
  const needed = prerendered === undefined && !loaded;
  useEffect(() => {
    if (needed) void loadRich().then(setLoaded);
  }, [needed]);
  if (prerendered !== undefined) return <div className={className}>{prerendered}</div>;
  if (loaded) return <loaded.RichMarkdown text={text} className={className} live={live} />;
  return (
    <div className={className} data-markdown="plain">
      <p className="whitespace-pre-wrap wrap-anywhere">{text}</p>
    </div>
  );
}
