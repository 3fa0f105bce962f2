import "server-only";
import type { Model, ModelProvider, ModelRequest, ModelResponse, StreamEvent } from "@openai/agents";
import type { UndoPreview } from "@/lib/tasks";
import { toolNamed } from "@/mcp/tools";

type Args = Record<string, unknown>;

/** The existing tasks a call would change, from its own arguments; null for reads, adds and undo. */
function changedTaskIds(name: string, args: Args): number[] | null {
  const effect = toolNamed(name)?.effect;
  return effect?.kind === "change" ? effect.taskIds(args) : null;
}

function parseArgs(input: unknown): Args {
  if (typeof input === "string") {
    try {
      const parsed = JSON.parse(input);
      return parsed && typeof parsed === "object" ? parsed : {};
    } catch {
      return {};
    }
  }
  return input && typeof input === "object" ? (input as Args) : {};
}

/**
 * Which tool calls need the user's confirmation. The rule reads the call itself, so it holds
 * however a model spells a change:
 * - every delete (`confirm: "always"` on the tool), delete_list included: it names no task, but
 *   its tasks may go with it;
 * - a call that changes more than one existing task (complete_tasks with two ids);
 * - several calls in one model response that together change more than one task;
 * - a call that changes a task other than the one this turn already changed;
 * - an undo that would delete tasks (undoing an add) or change more than one task back.
 * Adding tasks is never confirmed: it touches no existing task, and can be undone. Nor is making
 * or renaming a list (`kind: "organize"`): no task changes.
 */
export class ApprovalPolicy {
  /** Reads what an undo would do, for the user the turn runs as (lib/tasks/undo.ts previewUndo). */
  constructor(private readonly previewUndo: (changeSetId: unknown) => Promise<UndoPreview | null> = async () => null) {}

  /** Calls that must be confirmed because of the company they came in. */
  private readonly flagged = new Set<string>();
  /** Existing tasks this turn has already changed (or was allowed to). */
  private readonly changedThisTurn = new Set<number>();

  /**
   * After a pause, in a new process: every pending call was one that needed confirmation, and the
   * tasks they change count as changed by this turn, so a later call on another task still asks.
   */
  restore(pending: Iterable<{ callId: string; name: string; arguments: unknown }>) {
    for (const call of pending) {
      if (call.callId) this.flagged.add(call.callId);
      for (const id of changedTaskIds(call.name, parseArgs(call.arguments)) ?? []) this.changedThisTurn.add(id);
    }
  }

  async needsApproval(name: string, input: unknown, callId: string | undefined): Promise<boolean> {
    const effect = toolNamed(name)?.effect;
    if (effect?.kind === "undo") {
      const preview = await this.previewUndo(parseArgs(input).changeSetId);
      return !!preview && !preview.alreadyUndone && (preview.removes.length > 0 || preview.touches > 1);
    }
    if (!effect || effect.kind !== "change") return false;
    const ids = effect.taskIds(parseArgs(input));
    const others = ids.filter((id) => !this.changedThisTurn.has(id));
    const needs =
      effect.confirm === "always" ||
      ids.length > 1 ||
      (callId !== undefined && this.flagged.has(callId)) ||
      (this.changedThisTurn.size > 0 && others.length > 0);
    for (const id of ids) this.changedThisTurn.add(id);
    return needs;
  }

  /** Several changing calls in one response that together touch more than one task are one bulk change. */
  observe(output: ModelResponse["output"]) {
    const changes = output.flatMap((item) => {
      if (item.type !== "function_call") return [];
      const ids = changedTaskIds(item.name, parseArgs(item.arguments));
      return ids ? [{ callId: item.callId, ids }] : [];
    });
    const touched = new Set(changes.flatMap((c) => c.ids));
    if (changes.length > 1 && touched.size !== 1) for (const c of changes) this.flagged.add(c.callId);
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
