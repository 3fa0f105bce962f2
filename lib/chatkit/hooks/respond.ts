import "server-only";
import type { AgentInputItem } from "@openai/agents";
import { streamAgentTurn } from "@/lib/agent/run";
import { selectModel } from "@/lib/agent/models";
import type { TurnIO, UserMessage } from "../core";
import type { NewItem } from "../store";
import { toThread } from "../store";
import { generateTitle } from "../titles";
import { TurnTranslator } from "../turn";
import { drive, flush, settle } from "./agent-turn";
import { abandonCard, resume, typedAnswer } from "./confirmation";

/**
 * The respond hook: a user's message becomes an agent run, streamed as ChatKit events and
 * stored by the turn's last statement. A message that finds a card waiting either answers it
 * (a typed yes/no) or sets it aside (anything else), in ./confirmation.ts.
 */
export async function respond(io: TurnIO, message: UserMessage): Promise<void> {
  const { paused, text } = message;
  const decision = paused ? typedAnswer(text) : null;
  if (paused && decision) return resume(io, paused, decision);
  const note = paused ? await abandonCard(io, paused.widgetItemId) : undefined;
  // The note is the last thing the model reads before the message, and is stored ahead of the turn's items.
  const history = note ? [...message.history, ...(note.agentItems ?? [])] : message.history;
  await runAgent(io, text, history, { titleFrom: message.titleFrom, before: note ? [note] : [] });
}

/** Runs the agent for a message and streams, persists and titles the turn. `before` are items stored ahead of the turn's own. */
async function runAgent(io: TurnIO, text: string, history: AgentInputItem[], opts: { titleFrom?: string; before?: NewItem[] }) {
  await flush();
  const title = opts.titleFrom ? generateTitle(selectModel(), opts.titleFrom) : null;
  const translator = new TurnTranslator(io.turn.threadId, io.emit);
  for (const item of opts.before ?? []) translator.add(item);
  const { outcome, error } = await drive(translator, streamAgentTurn({ userId: io.user.id, timeZone: io.timeZone, history, message: text, signal: io.signal }), io.signal);
  // The title is written by the turn's last statement, so it is awaited first (it was generated alongside the run).
  const titled = await settle(io, translator, outcome, title && outcome && !error ? await title : null);
  if (error) throw error;
  if (titled) io.emit({ type: "thread.updated", thread: toThread(titled) });
}

