import { setTracingDisabled } from "@openai/agents";
import { vi } from "vitest";
import { FakeOpenAI, type FakeTurn, type RecordedRequest } from "./fake-openai";

/**
 * The real OpenAIProvider (Responses API) pointed at the loopback fake, so a test scripts the
 * model's exact tool calls while the runner, approval rule and MCP tools are the real ones.
 */

const PROVIDER_ENV = ["OPENAI_API_KEY", "OPENAI_BASE_URL", "GEMINI_API_KEY", "GEMINI_BASE_URL", "AGENT_MODEL", "AGENT_API", "AGENT_TRACING"] as const;

export async function startScriptedModel(): Promise<FakeOpenAI> {
  for (const name of PROVIDER_ENV) vi.stubEnv(name, undefined);
  const fake = await FakeOpenAI.start();
  vi.stubEnv("OPENAI_API_KEY", "test-key");
  vi.stubEnv("OPENAI_BASE_URL", fake.baseURL);
  vi.stubEnv("AGENT_API", "responses");
  vi.stubEnv("AGENT_MODEL", "gpt-test");
  return fake;
}

export async function stopScriptedModel(fake: FakeOpenAI) {
  vi.unstubAllEnvs();
  // selectModel() sets the SDK's global tracing switch; leave it off for whatever runs next.
  setTracingDisabled(true);
  await fake.close();
}

/** The tool outputs a Responses request carried back to the model, by call id. */
export function toolOutputs(request: RecordedRequest): Array<{ callId: string; output: string }> {
  return ((request.body?.input ?? []) as Array<{ type?: string; call_id: string; output: unknown }>)
    .filter((i) => i.type === "function_call_output")
    .map((i) => ({ callId: i.call_id, output: typeof i.output === "string" ? i.output : JSON.stringify(i.output) }));
}

/** The JSON data part of a tool output: the last input_text part, after the readable summary. */
export function toolOutputData(output: string): unknown {
  const parts = JSON.parse(output) as Array<{ type?: string; text?: string }>;
  if (!Array.isArray(parts)) throw new Error(`expected a list of parts, got ${output}`);
  const last = parts.at(-1);
  if (last?.type !== "input_text") throw new Error(`expected the data as the last input_text part, got ${output}`);
  return JSON.parse(last.text ?? "");
}

/** The readable summary part of a tool output (the first part). */
export function toolOutputSummary(output: string): string {
  const parts = JSON.parse(output) as Array<{ type?: string; text?: string }>;
  return parts[0]?.text ?? "";
}

/**
 * Scripts the agent's turns in order, and answers the chat route's title requests (a model call
 * without tools, made beside the first turn of a thread) with a fixed title, whenever they come.
 */
export function scriptAgentTurns(fake: FakeOpenAI, turns: FakeTurn[], title = "Scripted thread"): void {
  const queue = [...turns];
  fake.script((body) => {
    if (!body?.tools?.length) return { text: title };
    return queue.shift() ?? { httpError: { status: 400, message: "fake-openai: no scripted agent turn left" } };
  });
}
