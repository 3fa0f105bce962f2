import type { AgentInputItem, RunStreamEvent } from "@openai/agents";
import type { AgentTurnOutcome } from "@/lib/agent/run";
import { previewUndo, taskIdSchema, taskTitles } from "@/lib/tasks";
import { TOOL } from "@/mcp/tools";
import { readAgentToolOutput } from "@/mcp/agent-output";
import { idsInArgs } from "@/mcp/tools/define";
import { newItemId } from "./ids";
import type { AssistantMessageItem, ThreadItem, WidgetItem, WorkflowItem, WorkflowTask } from "./schemas";
import type { EventSink } from "./sse";
import { savePausedRun, type NewItem } from "./store";
import { toolActivityLabel, toolDoneLabel } from "./tool-labels";
import { AWAITING_CONFIRMATION, confirmationCard, type ApprovalSubject } from "./widgets";

const now = () => new Date().toISOString();

/**
 * Turns one agent run into ChatKit events, and keeps what must be stored. Items are
 * emitted as they happen and written in one batch when the run ends, is stopped, or fails,
 * so a turn costs a constant number of queries however long the thread is.
 */
export class TurnTranslator {
  private message: AssistantMessageItem | null = null;
  private workflow: WorkflowItem | null = null;
  private readonly taskIndex = new Map<string, number>();
  /** Each running call's name and arguments, for its past-tense label once it finishes. */
  private readonly calls = new Map<string, { name: string; args: Record<string, unknown> }>();
  private readonly done: NewItem[] = [];
  private lastAssistantId: string | null = null;

  constructor(
    private readonly threadId: string,
    private readonly emit: EventSink,
  ) {}

  handle(event: RunStreamEvent) {
    if (event.type === "raw_model_stream_event") {
      if (event.data.type === "output_text_delta" && event.data.delta) this.textDelta(event.data.delta);
      return;
    }
    if (event.type !== "run_item_stream_event") return;
    const raw = event.item.rawItem as { callId?: string; name?: string; arguments?: string; content?: Array<{ type: string; text?: string }> };
    if (event.name === "tool_called" && raw.callId) this.toolStarted(raw.callId, raw.name ?? "", raw.arguments);
    else if (event.name === "tool_output" && raw.callId) this.toolFinished(raw.callId, event.item as unknown as { output?: unknown });
    else if (event.name === "message_output_created") {
      const text = (raw.content ?? []).map((c) => (c.type === "output_text" ? (c.text ?? "") : "")).join("");
      this.finishMessage(text);
    }
  }

  private textDelta(delta: string) {
    if (!this.message) {
      this.closeWorkflow();
      this.message = { type: "assistant_message", id: newItemId("msg"), thread_id: this.threadId, created_at: now(), content: [] };
      this.emit({ type: "thread.item.added", item: { ...this.message } });
      this.message.content.push({ type: "output_text", text: "", annotations: [] });
      this.emit({ type: "thread.item.updated", item_id: this.message.id, update: { type: "assistant_message.content_part.added", content_index: 0, content: { type: "output_text", text: "", annotations: [] } } });
    }
    this.message.content[0]!.text += delta;
    this.emit({ type: "thread.item.updated", item_id: this.message.id, update: { type: "assistant_message.content_part.text_delta", content_index: 0, delta } });
  }

  private finishMessage(text: string) {
    if (!this.message) {
      if (!text) return;
      this.closeWorkflow();
      this.message = { type: "assistant_message", id: newItemId("msg"), thread_id: this.threadId, created_at: now(), content: [{ type: "output_text", text: "", annotations: [] }] };
      this.emit({ type: "thread.item.added", item: { ...this.message, content: [] } });
    }
    const part = { type: "output_text" as const, text: text || this.message.content[0]!.text, annotations: [] };
    const item: AssistantMessageItem = { ...this.message, content: [part] };
    this.emit({ type: "thread.item.updated", item_id: item.id, update: { type: "assistant_message.content_part.done", content_index: 0, content: part } });
    this.emit({ type: "thread.item.done", item });
    this.done.push({ item });
    this.lastAssistantId = item.id;
    this.message = null;
  }

  private toolStarted(callId: string, name: string, rawArgs: string | undefined) {
    let args: Record<string, unknown> = {};
    try {
      args = rawArgs ? JSON.parse(rawArgs) : {};
    } catch {}
    const { title, icon } = toolActivityLabel(name, args);
    this.calls.set(callId, { name, args });
    if (!this.workflow) {
      this.workflow = { type: "workflow", id: newItemId("wf"), thread_id: this.threadId, created_at: now(), workflow: { type: "custom", tasks: [], expanded: false } };
      this.emit({ type: "thread.item.added", item: structuredClone(this.workflow) });
    }
    const task: WorkflowTask = { type: "custom", title, icon, status_indicator: "loading" };
    const index = this.workflow.workflow.tasks.push(task) - 1;
    this.taskIndex.set(callId, index);
    this.emit({ type: "progress_update", text: `${title}…`, icon });
    this.emit({ type: "thread.item.updated", item_id: this.workflow.id, update: { type: "workflow.task.added", task_index: index, task } });
  }

  private toolFinished(callId: string, item: { output?: unknown }) {
    const index = this.taskIndex.get(callId);
    if (!this.workflow || index === undefined) return;
    const call = this.calls.get(callId);
    const done = call ? toolDoneLabel(call.name, call.args, toolData(item.output)) : null;
    const task: WorkflowTask = { ...this.workflow.workflow.tasks[index]!, ...(done ? { title: done } : {}), status_indicator: "complete", content: toolSummary(item.output) };
    this.workflow.workflow.tasks[index] = task;
    this.emit({ type: "thread.item.updated", item_id: this.workflow.id, update: { type: "workflow.task.updated", task_index: index, task } });
  }

  private closeWorkflow() {
    if (!this.workflow) return;
    // A call still running when the run ends is one waiting for the user's confirmation. The
    // client saw it as `loading`, so it is told of the change before the done item says so.
    this.workflow.workflow.tasks = this.workflow.workflow.tasks.map((t, index) => {
      if (t.status_indicator !== "loading") return t;
      const task: WorkflowTask = { ...t, status_indicator: "none", content: AWAITING_CONFIRMATION };
      this.emit({ type: "thread.item.updated", item_id: this.workflow!.id, update: { type: "workflow.task.updated", task_index: index, task } });
      return task;
    });
    const n = this.workflow.workflow.tasks.length;
    const item: WorkflowItem = { ...this.workflow, workflow: { ...this.workflow.workflow, summary: { title: n === 1 ? this.workflow.workflow.tasks[0]!.title! : `Ran ${n} steps`, icon: "check-circle" } } };
    this.emit({ type: "thread.item.done", item });
    this.done.push({ item });
    this.workflow = null;
  }

  /** The run ended normally: close what is open. */
  finish() {
    if (this.message) this.finishMessage("");
    this.closeWorkflow();
  }

  /** The client went away: keep the partial answer and tell the model, next turn, that it was cut off. */
  cancelled() {
    this.closeWorkflow();
    const partial = this.message;
    this.message = null;
    if (partial && partial.content[0]?.text) {
      this.done.push({ item: partial, agentItems: [{ role: "assistant", status: "completed", type: "message", content: [{ type: "output_text", text: partial.content[0].text }] } as AgentInputItem] });
      this.lastAssistantId = partial.id;
    }
    const note = "The user stopped the previous answer before it finished. Do not continue it; answer the next message on its own.";
    this.done.push({
      item: { type: "sdk_hidden_context", id: newItemId("hid"), thread_id: this.threadId, created_at: now(), content: note },
      hidden: true,
      agentItems: [{ role: "system", content: note } as AgentInputItem],
    });
  }

  /** Attaches this turn's agent items to the last item that carries the answer. */
  attachAgentItems(items: AgentInputItem[]) {
    if (!items.length) return;
    const target = [...this.done].reverse().find((d) => d.item.type === "assistant_message") ?? this.done.at(-1);
    if (target) target.agentItems = [...(target.agentItems ?? []), ...items];
    else
      this.done.push({
        item: { type: "sdk_hidden_context", id: newItemId("hid"), thread_id: this.threadId, created_at: now(), content: "agent turn" },
        hidden: true,
        agentItems: items,
      });
  }

  add(entry: NewItem) {
    this.done.push(entry);
  }

  get assistantId(): string | null {
    return this.lastAssistantId;
  }

  /** The items to store, in order; the caller writes them in the turn's last statement. */
  takeItems(): NewItem[] {
    return this.done.splice(0);
  }
}

/**
 * The readable line for a finished tool's activity row. A tool answers with its summary first and
 * the JSON for the model after it (mcp/in-process.ts), and the SDK hands the parts over as a
 * string, a part, or a list of parts (possibly serialized): the row shows the first text only.
 */
export function toolSummary(output: unknown): string {
  let value = output;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      // Plain text.
    }
  }
  const first = Array.isArray(value) ? value[0] : value;
  const text =
    typeof first === "string" ? first : first && typeof first === "object" && typeof (first as { text?: unknown }).text === "string" ? (first as { text: string }).text : typeof output === "string" ? output : "";
  return text.length > 300 ? `${text.slice(0, 297)}…` : text;
}

/** The JSON data part of a finished tool's output (see toolSummary for the shapes the SDK hands over). */
function toolData(output: unknown): unknown {
  let value = output;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return readAgentToolOutput(value).data;
}

/** Looks up the titles of the tasks a paused run wants to change, for the card: one query for all of them. */
async function subjectsOf(userId: string, outcome: AgentTurnOutcome): Promise<ApprovalSubject[]> {
  const approvals = outcome.interruption?.approvals ?? [];
  const idsOf = (args: Record<string, unknown>) => idsInArgs(args).filter((id) => taskIdSchema.safeParse(id).success);
  const titles = await taskTitles(userId, approvals.flatMap((a) => idsOf(a.arguments)));
  return Promise.all(
    approvals.map(async (approval) => ({
      approval,
      tasks: idsOf(approval.arguments).map((id) => ({ id, title: titles.get(id) ?? null })),
      ...(approval.name === TOOL.undo_last_change ? { undo: (await previewUndo(userId, approval.arguments.changeSetId)) ?? undefined } : {}),
    })),
  );
}

/** A paused run: show the card and keep the run's state for whoever answers it. */
export async function pauseForConfirmation(userId: string, threadId: string, translator: TurnTranslator, emit: EventSink, outcome: AgentTurnOutcome): Promise<WidgetItem> {
  const { widget, copyText } = confirmationCard(await subjectsOf(userId, outcome));
  const item: WidgetItem = { type: "widget", id: newItemId("wdg"), thread_id: threadId, created_at: now(), widget, copy_text: copyText };
  emit({ type: "thread.item.done", item });
  translator.add({ item });
  const { state, priorItemCount } = outcome.interruption!;
  await savePausedRun(userId, threadId, { widgetItemId: item.id, state, priorItemCount });
  return item;
}

export type { ThreadItem };
