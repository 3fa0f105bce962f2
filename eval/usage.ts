import { AsyncLocalStorage } from "node:async_hooks";
import { OpenAIProvider, type Model, type ModelRequest } from "@openai/agents";

/**
 * Token usage per scenario. The agent's run result and the ChatKit stream do not carry it, so
 * the eval wraps every model the OpenAI provider hands out (OpenAI, Gemini and any compatible
 * server all go through it; the chat title's call too) and adds up what each response reports.
 * The wrap is installed only in the eval's process. The built-in offline model is not an
 * OpenAI provider and uses no tokens.
 */

export type Usage = { requests: number; inputTokens: number; outputTokens: number; totalTokens: number };
export const noUsage = (): Usage => ({ requests: 0, inputTokens: 0, outputTokens: 0, totalTokens: 0 });

/** One process-wide store: each scenario's turns run inside it with their own meter. */
const meterScope = new AsyncLocalStorage<Usage>();

type Reported = { inputTokens?: number; outputTokens?: number; totalTokens?: number } | undefined;

function add(reported: Reported) {
  const meter = meterScope.getStore();
  if (!meter || !reported) return;
  const input = reported.inputTokens ?? 0;
  const output = reported.outputTokens ?? 0;
  meter.requests += 1;
  meter.inputTokens += input;
  meter.outputTokens += output;
  meter.totalTokens += reported.totalTokens || input + output;
}

function metered(model: Model): Model {
  const getResponse: Model["getResponse"] = async (request: ModelRequest) => {
    const response = await model.getResponse(request);
    add(response.usage);
    return response;
  };
  async function* getStreamedResponse(request: ModelRequest) {
    for await (const event of model.getStreamedResponse(request)) {
      if (event.type === "response_done") add(event.response.usage);
      yield event;
    }
  }
  return new Proxy(model, {
    get(target, prop) {
      if (prop === "getResponse") return getResponse;
      if (prop === "getStreamedResponse") return getStreamedResponse;
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

let installed = false;

export function installUsageMeter() {
  if (installed) return;
  installed = true;
  const getModel = OpenAIProvider.prototype.getModel;
  OpenAIProvider.prototype.getModel = async function (this: OpenAIProvider, name?: string) {
    return metered(await getModel.call(this, name));
  };
}

/** Runs `fn` with its own meter; the meter fills as the models inside `fn` report usage. */
export function withUsageMeter<T>(meter: Usage, fn: () => Promise<T>): Promise<T> {
  return meterScope.run(meter, fn);
}
