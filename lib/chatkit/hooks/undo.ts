import "server-only";
import type { AgentInputItem } from "@openai/agents";
import type { MessageRow } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { undoChanges } from "@/lib/tasks";
import type { TurnIO } from "../core";
import { newItemId } from "../ids";
import type { AssistantMessageItem, WidgetItem } from "../schemas";
import * as store from "../store";
import { readStoredItemOf } from "../stored";
import { undoneCard, undoTargets } from "../widgets";
import { flush } from "./agent-turn";

/**
 * A resolved card's Undo button: undoes the change sets the card stored (newest first), marks
 * the card undone, and answers with what happened, or with why it could not be undone. The
 * answer joins the model's history, so the next turn knows the tasks are back.
 */
export async function undoFromCard(io: TurnIO, cardRow: MessageRow): Promise<void> {
  await flush();
  const threadId = io.turn.threadId;
  const card = readStoredItemOf("widget", cardRow.payload, cardRow.id);
  const targets = card ? undoTargets(card.widget) : [];
  let text: string;
  let undone = false;
  if (!card || !targets.length) {
    text = "There is nothing on that card to undo.";
  } else {
    try {
      // All the card's change sets or none: a refusal of one must not leave the others undone.
      const results = await undoChanges(io.user.id, targets);
      // When some of the card's changes were undone earlier (a typed "undo"), the answer is what this press undid.
      const fresh = results.filter((u) => !u.alreadyUndone);
      text = (fresh.length ? fresh : results).map((u) => u.summary).join("\n");
      undone = true;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      text = error.message;
    }
  }
  if (undone && card) {
    const replaced: WidgetItem = { ...card, widget: undoneCard(card.widget, text) };
    await store.replaceItems(threadId, [replaced]);
    io.emit({ type: "thread.item.replaced", item: replaced });
  }
  const message: AssistantMessageItem = { type: "assistant_message", id: newItemId("msg"), thread_id: threadId, created_at: new Date().toISOString(), content: [{ type: "output_text", text, annotations: [] }] };
  io.emit({ type: "thread.item.added", item: message });
  io.emit({ type: "thread.item.done", item: message });
  const agentItems = [{ role: "assistant", status: "completed", type: "message", content: [{ type: "output_text", text }] } as AgentInputItem];
  await io.turn.finish({ items: [{ item: message, agentItems }], toolCalls: [], messageId: message.id });
}
