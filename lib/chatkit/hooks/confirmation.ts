import "server-only";
import type { AgentInputItem } from "@openai/agents";
import { resumeAgentTurn, type AgentTurnOutcome } from "@/lib/agent/run";
import { toolNamed } from "@/mcp/tools";
import type { TurnIO } from "../core";
import { newItemId } from "../ids";
import type { WidgetItem } from "../schemas";
import * as store from "../store";
import { readStoredItemOf } from "../stored";
import { TurnTranslator } from "../turn";
import { cardQuestion, resolvedCard, resolvedWorkflow, typedDecision } from "../widgets";
import { drive, flush, settle } from "./agent-turn";

/**
 * The confirmation flow: a run paused for the user's yes or no (decision record 6) is resumed
 * with the answer, from a card's button (./action.ts) or a typed yes/no (./respond.ts), and the
 * card is replaced by what happened. A new message instead sets the card aside.
 */

export type Decision = "approve" | "reject";

/** A typed yes or no that answers a waiting card; anything else is a message to the model. */
export function typedAnswer(text: string): Decision | null {
  return typedDecision(text);
}

/** Continues a paused run with the user's decision and replaces the card with the outcome. */
export async function resume(io: TurnIO, paused: store.PausedRunRow, decision: Decision): Promise<void> {
  const { threadId } = io.turn;
  await flush();
  const translator = new TurnTranslator(threadId, io.emit);
  const { outcome, error } = await drive(translator, resumeAgentTurn({ userId: io.user.id, timeZone: io.timeZone, state: paused.state, priorItemCount: paused.priorItemCount, decision, signal: io.signal }), io.signal);
  if (error) {
    // The decision could not be carried out; put the run back so the card can be answered again.
    await store.savePausedRun(io.user.id, threadId, paused);
    await settle(io, translator, null);
    throw error;
  }
  if (outcome) {
    const result = outcome.interruption ? "Another confirmation follows." : outcome.text || (decision === "approve" ? "Done." : "Nothing was changed.");
    const taskOutcome = decision === "approve" ? (outcome.interruption ? "Confirmed." : result) : `Cancelled. ${result}`;
    await resolveCard(io, paused.widgetItemId, decision, result, taskOutcome, decision === "approve" ? changeSetsOf(outcome) : []);
  }
  await settle(io, translator, outcome);
}

/** The change sets the approved changes recorded: what the card's Undo button undoes (an approved undo records none of its own). */
function changeSetsOf(outcome: AgentTurnOutcome): string[] {
  return outcome.toolCalls.flatMap((call) => {
    if (toolNamed(call.name)?.effect.kind === "undo") return [];
    const id = call.status === "approved" && call.result && typeof call.result === "object" ? (call.result as { changeSetId?: unknown }).changeSetId : undefined;
    return typeof id === "string" ? [id] : [];
  });
}

/** Replaces an answered card with its outcome, and makes the tasks that waited for it say what happened. */
async function resolveCard(io: TurnIO, widgetItemId: string, decision: Decision, result: string, taskOutcome: string, undo: string[] = []): Promise<WidgetItem | undefined> {
  const threadId = io.turn.threadId;
  const { card, workflow } = await store.getCardAndWorkflow(threadId, widgetItemId);
  // A card or workflow that cannot be read is logged and left as it is (decision record 10).
  const previous = card && readStoredItemOf("widget", card.payload, card.id);
  if (!previous) return undefined;
  const replaced: WidgetItem = { ...previous, widget: resolvedCard(cardQuestion(previous.widget), decision, result, undo) };
  const flow = workflow && readStoredItemOf("workflow", workflow.payload, workflow.id);
  const tasks = flow ? resolvedWorkflow(flow, decision, taskOutcome) : null;
  await store.replaceItems(threadId, tasks ? [replaced, tasks.item] : [replaced]);
  io.emit({ type: "thread.item.replaced", item: replaced });
  for (const { index, task } of tasks?.updated ?? []) io.emit({ type: "thread.item.updated", item_id: tasks!.item.id, update: { type: "workflow.task.updated", task_index: index, task } });
  return previous;
}

/**
 * A new message while a card waits: the card is cancelled, and the model is told. The note is
 * returned, to be stored with the turn's items and read by the model as the last of its history.
 */
export async function abandonCard(io: TurnIO, widgetItemId: string): Promise<store.NewItem | undefined> {
  const threadId = io.turn.threadId;
  const result = "Cancelled: you sent a new message. Nothing was changed.";
  const card = await resolveCard(io, widgetItemId, "reject", result, result);
  if (!card) return undefined;
  const note = `The user did not confirm (${cardQuestion(card.widget)}), so nothing was changed.`;
  return { item: { type: "hidden_context_item", id: newItemId("hid"), thread_id: threadId, created_at: new Date().toISOString(), content: note }, hidden: true, agentItems: [{ role: "system", content: note } as AgentInputItem] };
}
