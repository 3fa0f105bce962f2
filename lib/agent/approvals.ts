import type { Model, ModelProvider, ModelRequest, ModelResponse, StreamEvent } from "@openai/agents";
import { TOOL } from "@/mcp/tools";

/** Tools that change data. More than one of them in a single model response is a bulk change. */
export const MUTATING_TOOLS = new Set<string>([TOOL.add_task, TOOL.complete_task, TOOL.update_task, TOOL.delete_task]);
/** Tools that always need the user's confirmation. */
export const ALWAYS_CONFIRM = new Set<string>([TOOL.delete_task]);

/**
 * Which tool calls need the user's confirmation in one turn: every delete, and every
 * call of a bulk change (several changes to existing tasks in one model response). The
 * call ids come from the model's responses, which this policy sees through `wrapProvider`.
 */
export class ApprovalPolicy {
  private readonly bulk = new Set<string>();

  /** After a pause, every pending call was one that needed confirmation. */
  restore(callIds: Iterable<string>) {
    for (const id of callIds) if (id) this.bulk.add(id);
  }

  needsApproval(name: string, callId: string | undefined): boolean {
    return ALWAYS_CONFIRM.has(name) || (callId !== undefined && this.bulk.has(callId));
  }

  observe(output: ModelResponse["output"]) {
    const changes = output.filter(
      (item): item is Extract<typeof item, { type: "function_call" }> => item.type === "function_call" && MUTATING_TOOLS.has(item.name) && item.name !== TOOL.add_task,
    );
    if (changes.length > 1) for (const c of changes) this.bulk.add(c.callId);
  }

  wrapProvider(provider: ModelProvider): ModelProvider {
    return { getModel: async (name?: string) => this.wrapModel(await provider.getModel(name)) };
  }

  private wrapModel(model: Model): Model {
    const observe = (output: ModelResponse["output"]) => this.observe(output);
    return {
      async getResponse(request: ModelRequest) {
        const response = await model.getResponse(request);
        observe(response.output);
        return response;
      },
      async *getStreamedResponse(request: ModelRequest): AsyncIterable<StreamEvent> {
        for await (const event of model.getStreamedResponse(request)) {
          if (event.type === "response_done") observe(event.response.output as ModelResponse["output"]);
          yield event;
        }
      },
    };
  }
}
