import { withTrace } from "@openai/agents";
import type { ModelChoice } from "@/lib/agent/models";

const MAX = 60;

/** Removes markdown, quotes and trailing punctuation a model (or a user) wraps a title in. */
export function cleanTitle(raw: string): string {
  const text = raw
    .replace(/^\s*(title|subject)\s*:\s*/i, "")
    .replace(/[*_`#>~]+/g, "")
    .replace(/^[\s"'“”‘’«»]+|[\s"'“”‘’«».!?:;,]+$/g, "")
    .replace(/\s+/g, " ")
    .trim();
  if (text.length <= MAX) return text;
  const cut = text.slice(0, MAX);
  return `${cut.slice(0, cut.lastIndexOf(" ") > 30 ? cut.lastIndexOf(" ") : MAX).trim()}…`;
}

/** The first message, tidied: the title when no model can write one. */
export function titleFromMessage(text: string): string {
  const title = cleanTitle(text.split("\n")[0] ?? text);
  return title ? title[0]!.toUpperCase() + title.slice(1) : "New chat";
}

/**
 * With a real model, a short title is written in parallel with the reply. It never delays
 * or fails the turn: on any problem, or after a few seconds, the first message is used.
 */
export async function generateTitle(choice: ModelChoice, text: string, timeoutMs = 8000): Promise<string> {
  const fallback = titleFromMessage(text);
  if (choice.kind === "offline") return fallback;
  try {
    const model = await choice.provider.getModel(choice.model);
    const signal = AbortSignal.timeout(timeoutMs);
    // The SDK's models open a span on every call, which throws outside a trace ("No existing trace
    // found"); with tracing off (the default) this trace is a no-op and nothing is exported.
    const response = await withTrace("Chat title", () => model.getResponse({
      systemInstructions: "Write a 2-6 word title for a chat that starts with the user's message. Reply with the title only: no quotes, no markdown.",
      input: text.slice(0, 1000),
      modelSettings: {},
      tools: [],
      outputType: "text",
      handoffs: [],
      tracing: false,
      signal,
    } as unknown as Parameters<typeof model.getResponse>[0]));
    const message = response.output.find((o) => o.type === "message") as { content?: Array<{ type: string; text?: string }> } | undefined;
    const title = cleanTitle(message?.content?.find((c) => c.type === "output_text")?.text ?? "");
    return title || fallback;
  } catch {
    return fallback;
  }
}
