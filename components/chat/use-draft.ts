"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { NEW_CHAT_DRAFT, readDraft, saveDraft } from "./drafts";

/**
 * The composer's text, kept per conversation across reloads (./drafts.ts). Opening another
 * conversation shows its own draft. The one exception: leaving "New chat" for a conversation
 * with no draft takes the text along, because that is how a new chat becomes a conversation
 * (its id arrives while the first answer streams, and the user may be writing the next message).
 */
export function useDraft(thread: string): [string, (text: string) => void] {
  const [text, setText] = useState("");
  const shown = useRef<{ thread: string | null; text: string }>({ thread: null, text: "" });

  // Read after hydration: the server's HTML has an empty box, and so must the first render.
  useEffect(() => {
    const previous = shown.current.thread;
    const saved = readDraft(thread);
    shown.current.thread = thread;
    if (previous === NEW_CHAT_DRAFT && !saved && shown.current.text) {
      saveDraft(thread, shown.current.text);
      saveDraft(NEW_CHAT_DRAFT, "");
      return;
    }
    shown.current.text = saved;
    setText(saved);
  }, [thread]);

  const update = useCallback((next: string) => {
    shown.current.text = next;
    setText(next);
    if (shown.current.thread !== null) saveDraft(shown.current.thread, next);
  }, []);

  return [text, update];
}
