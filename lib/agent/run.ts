import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import {
  Agent,
  getAllMcpTools,
  Runner,
  RunState,
  user,
  type AgentInputItem,
  type FunctionTool,
  type RunStreamEvent,
  type StreamedRunResult,
  type Tool,
} from "@openai/agents";
import type { CallToolResult as McpCallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { InProcessMcpServer } from "@/mcp/in-process";
import { createTaskServer } from "@/mcp/server";
import { previewUndo } from "@/lib/tasks";
import { ApprovalPolicy } from "./approvals";
import { agentInstructions } from "./instructions";
import { selectModel, tracingEnabled, type ModelChoice } from "./models";
import { REJECTION_MARKER } from "./offline/planner";

export const AGENT_NAME = "Tasktalk";
export const TASK_SERVER_NAME = "tasks";
/** What the model sees as the output of a tool call the user declined. */
export const REJECTION_MESSAGE = REJECTION_MARKER;

export type ToolCallStatus = "completed" | "failed" | "awaiting_approval" | "approved" | "rejected";

export type RecordedToolCall = {
  callId: string;
  name: string;
  arguments: Record<string, unknown>;
  /** The tool's structured content when it succeeded, or its message when it failed. */
  result: unknown;
  status: ToolCallStatus;
  durationMs: number | null;
};

export type PendingApproval = { callId: string; name: string; arguments: Record<string, unknown> };

export type AgentTurnOutcome = {
  /** Items this turn added after the user's message, for the next turn's history. Empty while paused. */
  items: AgentInputItem[];
  toolCalls: RecordedToolCall[];
  /**
   * Set when the run paused for confirmation: the serialized RunState, what it asks about, and
   * how many history items the run started with (stored beside the state, for the resume).
   */
  interruption: { state: string; approvals: PendingApproval[]; priorItemCount: number } | null;
  text: string;
  model: ModelChoice["kind"];
};

type TurnContext = { priorItemCount: number };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK's agent generics do not narrow here
type TurnResult = StreamedRunResult<TurnContext, any>;

export type AgentTurnRequest = {
  userId: string;
  timeZone?: string;
  /** Earlier turns' agent items, oldest first. */
  history: AgentInputItem[];
  message: string;
  signal?: AbortSignal;
};

export type AgentResumeRequest = {
  userId: string;
  timeZone?: string;
  state: string;
  /** The paused run's own record of how many history items it started with (paused_runs.prior_item_count). */
  priorItemCount: number;
  decision: "approve" | "reject";
  signal?: AbortSignal;
};

function parseArgs(raw: string | undefined): Record<string, unknown> {
  try {
    return raw ? JSON.parse(raw) : {};
  } catch {
    return {};
  }
}

/**
 * Which model tool call an MCP result belongs to. One instance for the whole process: Node keeps
 * every AsyncLocalStorage that has been used registered for good, and every promise created
 * afterwards pays for each one, so an instance per turn made every later turn slower.
 */
const callScope = new AsyncLocalStorage<string>();

function approvalPolicyFor(userId: string): ApprovalPolicy {
  return new ApprovalPolicy((changeSetId) => previewUndo(userId, changeSetId));
}

/** One turn's moving parts: the user's MCP server, the agent, and what its tools did. */
class TurnSession {
  readonly choice = selectModel();
  readonly mcp: InProcessMcpServer;
  readonly calls = new Map<string, RecordedToolCall>();
  readonly runner: Runner;

  constructor(
    readonly userId: string,
    readonly timeZone: string | undefined,
    readonly policy: ApprovalPolicy,
  ) {
    this.mcp = new InProcessMcpServer(TASK_SERVER_NAME, () => createTaskServer(userId, { timeZone, source: "chat" }), (e) => this.recordResult(e), { provider: this.choice.kind });
    this.runner = new Runner({
      modelProvider: policy.wrapProvider(this.choice.provider),
      model: this.choice.model,
      tracingDisabled: !tracingEnabled(),
    });
  }

  private recordResult(e: { name: string; args: Record<string, unknown>; result: McpCallToolResult; durationMs: number }) {
    const callId = callScope.getStore();
    if (!callId) return;
    const existing = this.calls.get(callId);
    const text = e.result.content.map((c) => (c.type === "text" ? c.text : "")).join("\n");
    this.calls.set(callId, {
      callId,
      name: e.name,
      arguments: e.args,
      result: e.result.isError ? { error: text } : (e.result.structuredContent ?? { text }),
      status: e.result.isError ? "failed" : existing?.status === "approved" ? "approved" : "completed",
      durationMs: e.durationMs,
    });
  }

  async open(): Promise<Agent<TurnContext>> {
    await this.mcp.connect();
    const tools = (await getAllMcpTools({ mcpServers: [this.mcp] })).map((tool) => this.instrument(tool));
    return new Agent<TurnContext>({ name: AGENT_NAME, instructions: agentInstructions(this.timeZone), tools });
  }

  /** Adds the confirmation rule, and ties each MCP call to the model's call id so results and durations can be recorded. */
  private instrument(tool: Tool<TurnContext>): Tool<TurnContext> {
    if (tool.type !== "function") return tool;
    const fn = tool as FunctionTool<TurnContext>;
    return {
      ...fn,
      needsApproval: async (_ctx: unknown, input: unknown, callId?: string) => this.policy.needsApproval(fn.name, input, callId),
      invoke: (ctx, input, details) => {
        const callId = details?.toolCall?.callId;
        return callId ? callScope.run(callId, () => fn.invoke(ctx, input, details)) : fn.invoke(ctx, input, details);
      },
    };
  }

  observe(event: RunStreamEvent) {
    if (event.type !== "run_item_stream_event") return;
    const raw = event.item.rawItem as { type?: string; callId?: string; name?: string; arguments?: string };
    if (event.name === "tool_approval_requested" && raw.callId) {
      this.calls.set(raw.callId, { callId: raw.callId, name: raw.name ?? "", arguments: parseArgs(raw.arguments), result: null, status: "awaiting_approval", durationMs: null });
    } else if (event.name === "tool_called" && raw.callId && !this.calls.has(raw.callId)) {
      this.calls.set(raw.callId, { callId: raw.callId, name: raw.name ?? "", arguments: parseArgs(raw.arguments), result: null, status: "completed", durationMs: null });
    }
  }

  outcome(result: TurnResult, priorItemCount: number): AgentTurnOutcome {
    const toolCalls = [...this.calls.values()];
    if (result.interruptions.length) {
      return {
        items: [],
        toolCalls,
        interruption: {
          state: result.state.toString(),
          approvals: result.interruptions.map((i) => ({
            callId: (i.rawItem as { callId?: string }).callId ?? "",
            name: i.name ?? "",
            arguments: parseArgs(i.arguments),
          })),
          priorItemCount,
        },
        text: "",
        model: this.choice.kind,
      };
    }
    return {
      items: result.history.slice(priorItemCount + 1),
      toolCalls,
      interruption: null,
      text: typeof result.finalOutput === "string" ? result.finalOutput : "",
      model: this.choice.kind,
    };
  }

  close() {
    return this.mcp.close();
  }
}

async function* drive(session: TurnSession, result: TurnResult, priorItemCount: number, signal?: AbortSignal): AsyncGenerator<RunStreamEvent, AgentTurnOutcome> {
  for await (const event of result) {
    session.observe(event);
    yield event;
  }
  await result.completed;
  if (result.error) throw result.error;
  // A stopped run ends its stream quietly; there is no final output to read.
  if (signal?.aborted) return { items: [], toolCalls: [...session.calls.values()], interruption: null, text: "", model: session.choice.kind };
  return session.outcome(result, priorItemCount);
}

/**
 * Runs one chat turn: yields the Agents SDK's stream events as they happen and returns
 * what must be stored. Everything it needs comes from the arguments; nothing is kept in
 * memory afterwards.
 */
export async function* streamAgentTurn(req: AgentTurnRequest): AsyncGenerator<RunStreamEvent, AgentTurnOutcome> {
  const session = new TurnSession(req.userId, req.timeZone, approvalPolicyFor(req.userId));
  try {
    const agent = await session.open();
    // The count also travels in the SDK's state, as it always has; a resume reads the paused run's own column instead.
    const context: TurnContext = { priorItemCount: req.history.length };
    const result = await session.runner.run(agent, [...req.history, user(req.message)], { stream: true, context, signal: req.signal });
    return yield* drive(session, result, req.history.length, req.signal);
  } finally {
    await session.close();
  }
}

/**
 * Resumes a run that paused for confirmation, in any process: the state string is all it
 * needs. The tools are bound to `userId` again, so the state alone cannot act for anyone.
 */
export async function* resumeAgentTurn(req: AgentResumeRequest): AsyncGenerator<RunStreamEvent, AgentTurnOutcome> {
  const session = new TurnSession(req.userId, req.timeZone, approvalPolicyFor(req.userId));
  try {
    const agent = await session.open();
    const state = await RunState.fromString<TurnContext, typeof agent>(agent, req.state);
    // The confirmation rule must see the same calls as before the pause.
    session.policy.restore(state.getInterruptions().map((i) => ({ callId: (i.rawItem as { callId?: string }).callId ?? "", name: i.name ?? "", arguments: i.arguments })));
    for (const item of state.getInterruptions()) {
      const callId = (item.rawItem as { callId?: string }).callId ?? "";
      const record = { callId, name: item.name ?? "", arguments: parseArgs(item.arguments), result: null, durationMs: null };
      if (req.decision === "approve") {
        state.approve(item);
        session.calls.set(callId, { ...record, status: "approved" });
      } else {
        state.reject(item, { message: REJECTION_MESSAGE });
        session.calls.set(callId, { ...record, status: "rejected" });
      }
    }
    const result = await session.runner.run(agent, state, { stream: true, signal: req.signal });
    return yield* drive(session, result, req.priorItemCount, req.signal);
  } finally {
    await session.close();
  }
}
