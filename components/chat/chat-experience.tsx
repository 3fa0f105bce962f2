"use client";
import dynamic from "next/dynamic";
import { useCallback, useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { useMediaQuery } from "@/components/ui/use-media-query";
// Not lazy on its own: it renders first on every visit (also while ChatKit loads), and this whole
// module is already a chunk of its own (app/(app)/chat/chat-client.tsx) that Next preloads from the
// page's HTML. A lazy boundary here put the server-rendered conversation behind a Suspense
// boundary, streamed after the page and shown only once React had hydrated it.
import { BuiltinChat } from "./builtin-chat";
import { CHATKIT_SCRIPT_URL, DEFAULT_CHATKIT_TIMEOUT_MS, resolveDomainKey } from "./chatkit-options";
import { Drawer } from "./drawer";
import { PrerenderedMarkdown } from "./markdown";
import { TaskPanel, useTaskPanel } from "./task-panel";
import type { InitialThread } from "./use-chat-thread";

/** Tailwind's lg: from here the task panel sits beside the chat instead of in a drawer. */
const WIDE_ENOUGH_FOR_PANEL = "(min-width: 64rem)";

// The ChatKit wrapper is only needed once the web component exists.
const ChatKitChat = dynamic(() => import("./chatkit-chat").then((m) => m.ChatKitChat), { ssr: false });

const NO_MARKDOWN: Record<string, React.ReactNode> = {};

type Mode =
  | { kind: "loading" }
  | { kind: "chatkit"; domainKey: string }
  | { kind: "builtin"; reason: "env" | "unavailable" | "no-domain-key" | "switched" };

/** Why the built-in client is in use: for developers, in the console (a user only hears about their own switch). */
const BUILTIN_REASONS: Record<Extract<Mode, { kind: "builtin" }>["reason"], string> = {
  env: "Using the built-in chat client because NEXT_PUBLIC_CHAT_UI=builtin",
  unavailable: "Using the built-in chat client because ChatKit could not load",
  "no-domain-key": "Using the built-in chat client because NEXT_PUBLIC_CHATKIT_DOMAIN_KEY is not set",
  switched: "Using the built-in chat client (you switched from ChatKit)",
};

type Props = {
  /** NEXT_PUBLIC_CHAT_UI: "builtin" skips ChatKit altogether. */
  chatUi?: string;
  offline: boolean;
  examples: readonly string[];
  maxLength: number;
  /** How long ChatKit's web component may take to appear before the built-in client takes over. */
  timeoutMs?: number;
  initialThread: string | null;
  /** That thread's newest page and its Markdown, loaded on the server (app/(app)/chat/initial-thread.tsx). */
  initialHistory?: { thread: InitialThread; markdown: Record<string, React.ReactNode> } | null;
};

/**
 * The chat page's client side: ChatKit when its script loads (and a domain key is there),
 * else the built-in client; either way the live task panel beside it, and a note saying
 * which client is in use.
 */
export function ChatExperience({ chatUi, offline, examples, maxLength, timeoutMs = DEFAULT_CHATKIT_TIMEOUT_MS, initialThread, initialHistory }: Props) {
  const [mode, setMode] = useState<Mode>(() => (chatUi === "builtin" ? { kind: "builtin", reason: "env" } : { kind: "loading" }));
  const [domainKey, setDomainKey] = useState<string | null | undefined>(undefined);
  const [chatkitError, setChatkitError] = useState<string | null>(null);
  // The server's history is only current until ChatKit has shown the thread (it may have changed since).
  const [historyCurrent, setHistoryCurrent] = useState(true);
  const [tasksVersion, setTasksVersion] = useState(0);
  const [tasksOpen, setTasksOpen] = useState(false);
  // Below lg the aside is hidden by CSS: the panel (a row per task) is only built when the drawer opens.
  const panelBesideChat = useMediaQuery(WIDE_ENOUGH_FOR_PANEL);
  const tasks = useTaskPanel(tasksVersion, panelBesideChat || tasksOpen);
  const refreshTasks = useCallback(() => setTasksVersion((v) => v + 1), []);
  const closeTasks = useCallback(() => setTasksOpen(false), []);

  const fallBack = useCallback((reason: Extract<Mode, { kind: "builtin" }>["reason"]) => {
    setMode((m) => (m.kind === "loading" ? { kind: "builtin", reason } : m));
  }, []);

  // Waits for the web component; gives up after the timeout.
  useEffect(() => {
    if (mode.kind !== "loading") return;
    const key = resolveDomainKey({ envKey: process.env.NEXT_PUBLIC_CHATKIT_DOMAIN_KEY, nodeEnv: process.env.NODE_ENV, hostname: window.location.hostname });
    let live = true;
    if (!key) {
      queueMicrotask(() => live && fallBack("no-domain-key"));
      return () => {
        live = false;
      };
    }
    queueMicrotask(() => live && setDomainKey(key));
    const timer = window.setTimeout(
      () => {
        if (!customElements.get("openai-chatkit")) fallBack("unavailable");
      },
      Number.isFinite(timeoutMs) ? timeoutMs : DEFAULT_CHATKIT_TIMEOUT_MS,
    );
    void customElements.whenDefined("openai-chatkit").then(() => {
      if (!live) return;
      setMode((m) => (m.kind === "loading" ? { kind: "chatkit", domainKey: key } : m));
      setHistoryCurrent(false);
    });
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [mode.kind, timeoutMs, fallBack]);

  const builtinReason = mode.kind === "builtin" ? mode.reason : null;
  useEffect(() => {
    if (builtinReason) console.info(`[chat] ${BUILTIN_REASONS[builtinReason]}`);
  }, [builtinReason]);
  // ChatKit's script, added once while ChatKit may still be used; a failure to load it brings the built-in client at once.
  const wantScript = !!domainKey && mode.kind !== "builtin";
  useEffect(() => {
    if (!wantScript || document.querySelector(`script[src="${CHATKIT_SCRIPT_URL}"]`)) return;
    const script = document.createElement("script");
    script.src = CHATKIT_SCRIPT_URL;
    script.async = true;
    script.onerror = () => fallBack("unavailable");
    document.head.appendChild(script);
  }, [wantScript, fallBack]);

  const notice = builtinReason === "switched" ? "Switched to the simple chat." : "";

  let client: React.ReactNode;
  if (mode.kind === "chatkit") {
    client = (
      <div className="h-full min-h-0 overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <ChatKitChat
          domainKey={mode.domainKey}
          offline={offline}
          examples={examples}
          initialThread={initialThread}
          onThreadChange={(threadId) => {
            const url = new URL(window.location.href);
            if (threadId) url.searchParams.set("thread", threadId);
            else url.searchParams.delete("thread");
            window.history.replaceState(null, "", url.pathname + url.search);
          }}
          onError={setChatkitError}
          onResponseEnd={refreshTasks}
        />
      </div>
    );
  } else {
    // While ChatKit loads, the built-in client already shows the conversation (rendered on the
    // server with its history), so there is no spinner; ChatKit replaces it if it arrives.
    client = (
      <BuiltinChat offline={offline} examples={examples} maxLength={maxLength} onTurnEnd={refreshTasks} initial={historyCurrent ? initialHistory?.thread : undefined} />
    );
  }

  return (
    <div className="flex h-full min-h-0 flex-col gap-2">
      <div className="flex min-h-9 items-center gap-2">
        <h1 className="sr-only">Chat</h1>
        <p className="min-w-0 flex-1 text-xs text-zinc-500 dark:text-zinc-400" data-testid="chat-client-notice" data-client={mode.kind} role="status">
          {notice}
          {mode.kind === "chatkit" && (
            <>
              <button type="button" className="font-medium text-indigo-600 hover:underline dark:text-indigo-400" onClick={() => setMode({ kind: "builtin", reason: "switched" })}>
                Use the simple chat
              </button>
            </>
          )}
        </p>
        <button
          type="button"
          onClick={() => setTasksOpen(true)}
          aria-haspopup="dialog"
          aria-expanded={tasksOpen}
          className="inline-flex h-9 shrink-0 items-center gap-1.5 rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium text-zinc-800 hover:bg-zinc-100 lg:hidden dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800"
        >
          Tasks
          {tasks.open && tasks.open.length > 0 && (
            <span className="rounded-full bg-indigo-600 px-1.5 text-xs text-white tabular-nums dark:bg-indigo-500">{tasks.open.length}</span>
          )}
        </button>
      </div>
      {chatkitError && mode.kind === "chatkit" && (
        <Alert className="flex flex-wrap items-center justify-between gap-2">
          <span>ChatKit: {chatkitError}</span>
          <span className="flex gap-3">
            <button type="button" className="font-medium underline underline-offset-2" onClick={() => setMode({ kind: "builtin", reason: "switched" })}>
              Use the built-in client
            </button>
            <button type="button" className="font-medium underline underline-offset-2" onClick={() => setChatkitError(null)}>
              Dismiss
            </button>
          </span>
        </Alert>
      )}
      <div className="flex min-h-0 flex-1 gap-4">
        <div className="flex min-w-0 flex-1 flex-col [&>*]:min-h-0 [&>*]:flex-1">
          <PrerenderedMarkdown value={initialHistory?.markdown ?? NO_MARKDOWN}>{client}</PrerenderedMarkdown>
        </div>
        <aside
          aria-label="Tasks"
          className="hidden w-80 shrink-0 flex-col overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm lg:flex dark:border-zinc-800 dark:bg-zinc-900"
        >
          {panelBesideChat && !tasksOpen && <TaskPanel state={tasks} className="flex-1" />}
        </aside>
      </div>
      <Drawer open={tasksOpen} onClose={closeTasks} title="Tasks" side="right" closeAbove={WIDE_ENOUGH_FOR_PANEL}>
        <TaskPanel state={tasks} />
      </Drawer>
    </div>
  );
}
