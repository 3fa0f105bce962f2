import "server-only";
import type { ReactNode } from "react";
import { MarkdownBody } from "@/components/chat/markdown-rich";
import type { InitialThread } from "@/components/chat/use-chat-thread";
import { FIRST_PAGE } from "@/lib/chatkit/client";
import { assistantText, itemsFromDescPage } from "@/lib/chatkit/reducer";
import { getOwnedThread, listItems, toThread } from "@/lib/chatkit/store";
import { NotFoundError } from "@/lib/errors";

export type InitialHistory = {
  thread: InitialThread;
  /** Each assistant message's Markdown, rendered here, by its text (components/chat/markdown.tsx). */
  markdown: Record<string, ReactNode>;
};

/**
 * The newest page of a thread's history for the page's HTML, loaded through the store with the
 * owner's id: a thread that is not the user's (or does not exist) is null, and the client then
 * shows its usual "doesn't exist" message without ever seeing another user's data.
 */
export async function loadInitialHistory(userId: string, threadId: string): Promise<InitialHistory | null> {
  try {
    const row = await getOwnedThread(userId, threadId);
    const page = await listItems(row.id, { limit: FIRST_PAGE, order: "desc" });
    const { items: _items, ...meta } = toThread(row);
    const items = itemsFromDescPage(page);
    const markdown: Record<string, ReactNode> = {};
    for (const item of items) {
      if (item.type !== "assistant_message") continue;
      // An own property named __proto__ would set the prototype instead.
      const text = assistantText(item);
      if (text !== "__proto__" && !Object.hasOwn(markdown, text)) markdown[text] = <MarkdownBody text={text} />;
    }
    return { thread: { thread: meta, items, after: page.has_more ? (page.after ?? null) : null }, markdown };
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}
