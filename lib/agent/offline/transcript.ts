import type { AgentInputItem } from "@openai/agents";

/** A task as the tools describe it in their text output: `#12 “Buy milk” (due 2026-11-26, high priority)`. */
export type TaskMention = { id: number; title: string; completed: boolean; dueDate?: string; priority?: string };

const MENTION = /#(\d+) “([^”]*)”(?: \(([^)]*)\))?/g;

export function parseMentions(text: string): TaskMention[] {
  const out: TaskMention[] = [];
  for (const m of text.matchAll(MENTION)) {
    const details = m[3]?.split(", ") ?? [];
    out.push({
      id: Number(m[1]),
      title: m[2]!,
      completed: details.includes("done"),
      dueDate: details.find((d) => d.startsWith("due "))?.slice(4),
      priority: details.find((d) => d.endsWith(" priority"))?.replace(" priority", ""),
    });
  }
  return out;
}

export type ToolExchange = { callId: string; name: string; args: Record<string, unknown>; output?: string };

type AnyItem = AgentInputItem & Record<string, unknown>;

export function outputText(output: unknown): string {
  if (typeof output === "string") return output;
  if (Array.isArray(output)) return output.map(outputText).join("\n");
  if (output && typeof output === "object" && "text" in output && typeof (output as { text: unknown }).text === "string") return (output as { text: string }).text;
  return output == null ? "" : JSON.stringify(output);
}

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
        if (ex) ex.output = outputText(item.output);
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

  /** The tasks of the most recent list_tasks output before this message, in the order shown. */
  lastListShown(): TaskMention[] {
    const list = this.earlier.filter((e) => e.name === "list_tasks" && e.output).at(-1);
    return list ? parseMentions(list.output!) : [];
  }

  /** The task the conversation was last about ("it", "that one"). */
  lastMentioned(): TaskMention | undefined {
    for (const ex of [...this.earlier].reverse()) {
      if (!ex.output || ex.name === "list_tasks") continue;
      const mentions = parseMentions(ex.output);
      if (mentions.length === 1) return mentions[0];
    }
    const list = this.lastListShown();
    return list.length === 1 ? list[0] : undefined;
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
