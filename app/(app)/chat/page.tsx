import type { Metadata } from "next";
import { DEFAULT_CHATKIT_TIMEOUT_MS, DEFAULT_PROMPTS } from "@/components/chat/chatkit-options";
import { selectModel } from "@/lib/agent/models";
import { EXAMPLES } from "@/lib/agent/offline/planner";
import { MAX_MESSAGE_CHARS } from "@/lib/chatkit/schemas";
import { requireUser } from "@/lib/session";
import { ChatClient } from "./chat-client";
import { loadInitialHistory } from "./initial-thread";

export const metadata: Metadata = { title: "Chat" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** `?chatkitTimeout=1500` can only shorten the wait for ChatKit (tests use it), never lengthen it. */
function chatkitTimeout(raw: string | undefined): number {
  const ms = Number(raw);
  return raw && Number.isFinite(ms) ? Math.min(DEFAULT_CHATKIT_TIMEOUT_MS, Math.max(0, Math.round(ms))) : DEFAULT_CHATKIT_TIMEOUT_MS;
}

/**
 * Scrolls the server-rendered history to its newest message as soon as it is parsed, before any
 * JavaScript runs (the client keeps it there once it hydrates). Inline scripts are allowed by
 * the CSP (lib/security-headers.ts).
 */
const SCROLL_TO_NEWEST = `(function(){var e=document.querySelector('[data-chat-page] [data-testid="chat-scroller"]');if(e)e.scrollTop=e.scrollHeight})()`;

export default async function ChatPage({ searchParams }: Props) {
  const user = await requireUser();
  const params = await searchParams;
  const offline = selectModel().kind === "offline";
  const threadId = first(params.thread);
  const initialHistory = threadId ? await loadInitialHistory(user.id, threadId) : null;
  return (
    <div data-chat-page className="flex min-h-0 flex-1 flex-col">
      <ChatClient
        chatUi={process.env.NEXT_PUBLIC_CHAT_UI}
        offline={offline}
        examples={offline ? EXAMPLES : DEFAULT_PROMPTS}
        maxLength={MAX_MESSAGE_CHARS}
        timeoutMs={chatkitTimeout(first(params.chatkitTimeout))}
        initialThread={threadId ?? null}
        initialHistory={initialHistory}
      />
      {initialHistory && <script dangerouslySetInnerHTML={{ __html: SCROLL_TO_NEWEST }} />}
    </div>
  );
}
