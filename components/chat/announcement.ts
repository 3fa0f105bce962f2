import { assistantText } from "@/lib/chatkit/reducer";
import type { ThreadItem } from "@/lib/chatkit/schemas";

/** A card that still waits for the user's answer: it has a Cancel button (a confirmed card keeps only Undo). */
function waitingCard(item: ThreadItem): item is Extract<ThreadItem, { type: "widget" }> {
  return item.type === "widget" && !!(item.widget as { cancel?: unknown }).cancel;
}

/**
 * What the screen reader's live region says once a turn settles: a card that waits for an
 * answer, when the turn ended on one (the answer before it is old news), or else the last answer.
 */
export function liveAnnouncement(items: readonly ThreadItem[], streaming: boolean): string {
  if (streaming) return "";
  const last = [...items].reverse().find((i) => i.type === "assistant_message" || waitingCard(i));
  if (!last) return "";
  if (waitingCard(last)) return `Confirmation needed: ${last.copy_text ?? "answer the card below"} Use the card's buttons.`;
  return assistantText(last);
}
