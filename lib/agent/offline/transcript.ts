import type { AgentInputItem } from "@openai/agents";
import { z } from "zod";
import { readAgentToolOutput } from "@/mcp/agent-output";
import { TOOL } from "@/mcp/tools";

/** A task as the tools' structured content gives it. Titles are data here, never parsed out of prose. */
const taskData = z.object({
  id: z.number().int(),
  title: z.string(),
  completed: z.boolean(),
  dueDate: z.string().nullable().optional(),
  priority: z.string().optional(),
  listId: z.number().int().optional(),
  labelIds: z.array(z.number().int()).optional(),
  recurrenceText: z.string().nullable().optional(),
  /** The names of its list and labels, as the task tools give them. */
  list: z.string().optional(),
  labels: z.array(z.string()).optional(),
});
export type TaskData = z.infer<typeof taskData>;

/** A list or a label as list_lists / list_labels / create_list … give it. */
const listData = z.object({ id: z.number().int(), name: z.string(), isInbox: z.boolean().optional(), archived: z.boolean().optional(), openCount: z.number().int().optional() });
export type ListData = z.infer<typeof listData>;
const labelData = z.object({ id: z.number().int(), name: z.string(), openCount: z.number().int().optional() });
export type LabelData = z.infer<typeof labelData>;

/** One item of a batch tool's results: the task as changed, or why it was not. */
const batchItem = z.union([
  z.object({ id: z.number().int(), ok: z.literal(true), task: taskData }),
  z.object({ id: z.number().int(), ok: z.literal(false), error: z.string() }),
]);

const undoData = z.object({ summary: z.string(), restored: z.array(taskData), removed: z.array(taskData), alreadyUndone: z.boolean() });
export type UndoData = z.infer<typeof undoData>;

const toolData = z.union([
  z.object({ isError: z.literal(true), error: z.string() }),
  z.object({ task: taskData, next: taskData.nullable().optional() }),
  z.object({ lists: z.array(listData) }),
  z.object({ labels: z.array(labelData) }),
  z.object({ list: listData, moved: z.number().int().optional(), deleted: z.number().int().optional() }),
  z.object({ label: labelData }),
  z.object({ tasks: z.array(taskData), nextCursor: z.string().nullable().optional() }),
  z.object({ results: z.array(batchItem) }),
  undoData,
]);

export type ItemFailure = { id: number; error: string };

/**
 * What a tool call came back with, read from the JSON data part alone: the tasks it returned
 * (for a batch, the items that succeeded, and the ids that failed with the tool's reason; for an
 * undo, the tasks it brought back, and what it restored and removed), a failure (flagged by the
 * tool, or an output with no data at all, such as a thrown error), or the user's refusal, which
 * the runner writes as the whole output.
 */
export type ToolOutcome =
  | {
      status: "ok";
      tasks: TaskData[];
      more: boolean;
      failed: ItemFailure[];
      undo?: UndoData;
      /** A repeating task's next occurrence, added when it was completed. */
      next?: TaskData;
      lists?: ListData[];
      labels?: LabelData[];
      list?: ListData & { moved?: number; deleted?: number };
    }
  | { status: "error"; message: string }
  | { status: "rejected" };

export type ToolExchange = { callId: string; name: string; args: Record<string, unknown>; outcome?: ToolOutcome };

/** What the model sees as the output of a tool call the user declined. */
export const REJECTION_MARKER = "The user declined this action, so it was not performed.";

export function readOutcome(output: unknown): ToolOutcome {
  const read = readAgentToolOutput(output);
  if (read.data === undefined) return read.text.trim() === REJECTION_MARKER ? { status: "rejected" } : { status: "error", message: read.text };
  const parsed = toolData.safeParse(read.data);
  if (!parsed.success) return { status: "error", message: read.text };
  const data = parsed.data;
  if ("isError" in data) return { status: "error", message: data.error };
  if ("task" in data) return { status: "ok", tasks: [data.task], more: false, failed: [], ...(data.next ? { next: data.next } : {}) };
  if ("lists" in data) return { status: "ok", tasks: [], more: false, failed: [], lists: data.lists };
  if ("labels" in data) return { status: "ok", tasks: [], more: false, failed: [], labels: data.labels };
  if ("list" in data) return { status: "ok", tasks: [], more: false, failed: [], list: { ...data.list, moved: data.moved, deleted: data.deleted } };
  if ("label" in data) return { status: "ok", tasks: [], more: false, failed: [], labels: [data.label] };
  if ("results" in data)
    return {
      status: "ok",
      tasks: data.results.flatMap((r) => (r.ok ? [r.task] : [])),
      more: false,
      failed: data.results.flatMap((r) => (r.ok ? [] : [{ id: r.id, error: r.error }])),
    };
  if ("restored" in data) return { status: "ok", tasks: data.restored, more: false, failed: [], undo: data };
  return { status: "ok", tasks: data.tasks, more: data.nextCursor != null, failed: [] };
}

type AnyItem = AgentInputItem & Record<string, unknown>;

export function messageText(item: AnyItem): string {
  const content = item.content;
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((c: { text?: string }) => c.text ?? "").join("");
  return "";
}

const isUser = (item: AnyItem) => item.role === "user" && (item.type === undefined || item.type === "message");
const isAssistant = (item: AnyItem) => item.role === "assistant" && (item.type === undefined || item.type === "message");

/** A read-only view of the conversation as the offline model needs it. */
export class Transcript {
  readonly items: AnyItem[];
  readonly lastUserIndex: number;

  constructor(input: string | AgentInputItem[]) {
    this.items = (typeof input === "string" ? [{ role: "user", content: input }] : input) as AnyItem[];
    this.lastUserIndex = this.items.findLastIndex(isUser);
  }

  get userText(): string {
    const item = this.items[this.lastUserIndex];
    return item ? messageText(item) : "";
  }

  private exchanges(items: AnyItem[]): ToolExchange[] {
    const byId = new Map<string, ToolExchange>();
    for (const item of items) {
      if (item.type === "function_call") {
        let args: Record<string, unknown> = {};
        try {
          args = JSON.parse(String(item.arguments ?? "{}"));
        } catch {}
        byId.set(String(item.callId), { callId: String(item.callId), name: String(item.name), args });
      } else if (item.type === "function_call_result") {
        const ex = byId.get(String(item.callId));
        if (ex) ex.outcome = readOutcome(item.output);
      }
    }
    return [...byId.values()];
  }

  /** Tool calls made since the last user message, with their outputs once they have run. */
  get turn(): ToolExchange[] {
    return this.exchanges(this.items.slice(this.lastUserIndex + 1));
  }

  /** Tool calls from earlier turns, oldest first. */
  get earlier(): ToolExchange[] {
    return this.exchanges(this.items.slice(0, Math.max(0, this.lastUserIndex)));
  }

  /**
   * Every list read before this message, oldest first, with the message that asked for it: the
   * planner re-reads that message to know which of the tasks the reply showed (a filtered
   * question shows fewer than the tool returned; a lookup to find a task shows none).
   */
  listsRead(): Array<{ userText: string; tasks: TaskData[] }> {
    const lists: Array<{ userText: string; tasks: TaskData[] }> = [];
    const before = this.items.slice(0, Math.max(0, this.lastUserIndex));
    before.forEach((item, i) => {
      if (!isUser(item)) return;
      const next = before.slice(i + 1).findIndex(isUser);
      const turn = this.exchanges(before.slice(i + 1, next < 0 ? undefined : i + 1 + next));
      for (const ex of turn) if (ex.name === TOOL.list_tasks && ex.outcome?.status === "ok") lists.push({ userText: messageText(item), tasks: ex.outcome.tasks });
    });
    return lists;
  }

  /** The task the conversation was last about ("it", "that one"); `shown` is the last list the user saw. */
  lastMentioned(shown: TaskData[]): TaskData | undefined {
    for (const ex of [...this.earlier].reverse()) {
      if (ex.name === TOOL.list_tasks || ex.outcome?.status !== "ok") continue;
      // After an undo, "it" is what the undo brought back; a task it removed is gone.
      if (ex.outcome.undo) return ex.outcome.tasks.length === 1 ? ex.outcome.tasks[0] : undefined;
      if (ex.outcome.tasks.length === 1) return ex.outcome.tasks[0];
    }
    return shown.length === 1 ? shown[0] : undefined;
  }

  /** Tool calls of the turn before this one, for a follow-up to its question. */
  previousTurn(): ToolExchange[] {
    const before = this.items.slice(0, Math.max(0, this.lastUserIndex));
    const userIndex = before.findLastIndex(isUser);
    return userIndex < 0 ? [] : this.exchanges(before.slice(userIndex + 1));
  }

  /** The assistant's previous reply and the user message before it, for follow-ups to a question. */
  previousExchange(): { userText: string; assistantText: string } | undefined {
    const before = this.items.slice(0, Math.max(0, this.lastUserIndex));
    const assistantIndex = before.findLastIndex(isAssistant);
    if (assistantIndex < 0) return undefined;
    const userIndex = before.slice(0, assistantIndex).findLastIndex(isUser);
    if (userIndex < 0) return undefined;
    return { userText: messageText(before[userIndex]!), assistantText: messageText(before[assistantIndex]!) };
  }
}
