import { user, type AgentInputItem, type RunStreamEvent } from "@openai/agents";
import { resumeAgentTurn, streamAgentTurn, type AgentTurnOutcome } from "@/lib/agent/run";

/** Drains an agent turn, returning its events, the streamed text and the outcome. */
export async function drain(gen: AsyncGenerator<RunStreamEvent, AgentTurnOutcome>) {
  const events: RunStreamEvent[] = [];
  let streamed = "";
  let next = await gen.next();
  while (!next.done) {
    const e = next.value;
    events.push(e);
    if (e.type === "raw_model_stream_event" && e.data.type === "output_text_delta") streamed += e.data.delta;
    next = await gen.next();
  }
  return { events, streamed, outcome: next.value };
}

/** A conversation the way the chat endpoint keeps it: agent items in order, and a paused run's state. */
export class Conversation {
  history: AgentInputItem[] = [];
  /** A paused run, as the chat endpoint stores it: the state and the history length it started from. */
  pending: { state: string; priorItemCount: number } | null = null;
  constructor(
    readonly userId: string,
    readonly timeZone?: string,
  ) {}

  async say(message: string) {
    const prior = this.history;
    const result = await drain(streamAgentTurn({ userId: this.userId, timeZone: this.timeZone, history: prior, message }));
    if (result.outcome.interruption) {
      this.pending = { state: result.outcome.interruption.state, priorItemCount: result.outcome.interruption.priorItemCount };
      this.history = [...prior, user(message)];
    } else {
      this.history = [...prior, user(message), ...result.outcome.items];
    }
    return result;
  }

  async decide(decision: "approve" | "reject") {
    if (!this.pending) throw new Error("nothing to decide");
    const { state, priorItemCount } = this.pending;
    this.pending = null;
    const result = await drain(resumeAgentTurn({ userId: this.userId, timeZone: this.timeZone, state, priorItemCount, decision }));
    if (result.outcome.interruption) this.pending = { state: result.outcome.interruption.state, priorItemCount: result.outcome.interruption.priorItemCount };
    else this.history = [...this.history, ...result.outcome.items];
    return result;
  }
}
