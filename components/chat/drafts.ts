/**
 * What the user was writing in each conversation, kept in this tab's sessionStorage so a reload
 * (or a trip to another page) does not lose it. Per tab and gone when the tab closes; forgotten
 * on the way to sign-in, so the next person to sign in on this tab never sees it.
 */

const PREFIX = "tasktalk:draft:";

/** The key of the conversation not yet created ("New chat"). */
export const NEW_CHAT_DRAFT = "new";

// Storage can be missing or refuse (private modes, quotas): a draft is then simply not kept.
function storage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

export function readDraft(thread: string): string {
  try {
    return storage()?.getItem(PREFIX + thread) ?? "";
  } catch {
    return "";
  }
}

export function saveDraft(thread: string, text: string): void {
  try {
    if (text) storage()?.setItem(PREFIX + thread, text);
    else storage()?.removeItem(PREFIX + thread);
  } catch {
    // Full or refused: the draft lives only in the box.
  }
}

export function forgetDrafts(): void {
  const store = storage();
  if (!store) return;
  try {
    for (const key of Object.keys(store)) if (key.startsWith(PREFIX)) store.removeItem(key);
  } catch {
    // Nothing kept that could be shown.
  }
}
