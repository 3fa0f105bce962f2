import "server-only";
import { randomUUID } from "node:crypto";
import { Usage, type Model, type ModelProvider, type ModelRequest, type ModelResponse, type StreamEvent, type StreamEventResponseCompleted } from "@openai/agents";
import { todayUtc } from "@/lib/dates";
import { planNextStep } from "./planner";
import { toolCatalog } from "./tool-names";
import { Transcript } from "./transcript";

type OutputItem = StreamEventResponseCompleted["response"]["output"][number];

export const OFFLINE_MODEL_NAME = "tasktalk-offline";

const newId = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, "").slice(0, 24)}`;
const usage = { requests: 1, inputTokens: 0, outputTokens: 0, totalTokens: 0 };

/** "Today is 2026-11-25" in the instructions is the model's calendar, as it is for a real model. */
function todayFrom(instructions: string | undefined): string {
  return instructions?.match(/Today is (\d{4}-\d{2}-\d{2})/)?.[1] ?? todayUtc();
}

/**
 * The offline model: a deterministic parser of task commands behind the Agents SDK's Model
 * interface. It reads only the request (instructions and conversation), like a real model,
 * and answers with tool calls or a message.
 */
export class OfflineModel implements Model {
  private decide(request: ModelRequest): OutputItem[] {
    const tools = toolCatalog(request.tools.flatMap((t) => (t.type === "function" ? [{ name: t.name, parameters: t.parameters }] : [])));
    const step = planNextStep(new Transcript(request.input), todayFrom(request.systemInstructions), tools);
    if (step.type === "calls") {
      return step.calls.map((c) => ({
        type: "function_call" as const,
        id: newId("fc"),
        callId: newId("call"),
        name: c.name,
        arguments: JSON.stringify(c.args),
        status: "completed" as const,
      }));
    }
    return [{ type: "message", id: newId("msg"), role: "assistant", status: "completed", content: [{ type: "output_text", text: step.text }] }];
  }

  async getResponse(request: ModelRequest): Promise<ModelResponse> {
    return { responseId: newId("resp"), output: this.decide(request), usage: new Usage(usage) };
  }

  async *getStreamedResponse(request: ModelRequest): AsyncIterable<StreamEvent> {
    const output = this.decide(request);
    yield { type: "response_started" };
    for (const item of output) {
      if (item.type !== "message") continue;
      for (const part of item.content) {
        if (part.type !== "output_text") continue;
        // Word by word, as a real model streams tokens.
        for (const word of part.text.split(/(?<=\s)/)) yield { type: "output_text_delta", delta: word };
      }
    }
    yield { type: "response_done", response: { id: newId("resp"), output, usage } };
  }
}

export class OfflineModelProvider implements ModelProvider {
  async getModel(): Promise<Model> {
    return new OfflineModel();
  }
}
