import "server-only";
import type { AgentTurnOutcome } from "@/lib/agent/run";
import type { TurnIO } from "../core";
import { pauseForConfirmation, type TurnTranslator } from "../turn";

/** What the respond and confirmation hooks share: driving an agent run and settling the turn. */

/** Lets the opening events leave before the turn's work: with PGlite no query yields to the event loop, so otherwise the whole stream goes out at once. */
export const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

type Driven = { outcome: AgentTurnOutcome | null; error?: unknown };

/** Feeds the agent's events to the translator. A stop by the client is an outcome, not an error. */
export async function drive(translator: TurnTranslator, turn: AsyncGenerator<Parameters<TurnTranslator["handle"]>[0], AgentTurnOutcome>, signal: AbortSignal): Promise<Driven> {
  try {
    for (;;) {
      const next = await turn.next();
      if (signal.aborted) break;
      if (next.done) {
        translator.finish();
        return { outcome: next.value };
      }
      translator.handle(next.value);
    }
  } catch (error) {
    if (!signal.aborted) {
      translator.finish();
      return { outcome: null, error };
    }
  }
  translator.cancelled();
  return { outcome: null };
}

/**
 * Persists the turn in its last statement (Turn.finish): its items, tool calls and title, and
 * the lease's release. A paused run's card is saved first. Returns the thread if it was titled.
 */
export async function settle(io: TurnIO, translator: TurnTranslator, outcome: AgentTurnOutcome | null, title?: string | null) {
  if (outcome?.interruption) await pauseForConfirmation(io.user.id, io.turn.threadId, translator, io.emit, outcome);
  else if (outcome) translator.attachAgentItems(outcome.items);
  return io.turn.finish({ items: translator.takeItems(), toolCalls: outcome?.toolCalls ?? [], messageId: translator.assistantId, title });
}
