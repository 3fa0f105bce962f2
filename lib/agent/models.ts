import "server-only";
import { OpenAIProvider, setTracingDisabled, type ModelProvider } from "@openai/agents";
import { OFFLINE_MODEL_NAME, OfflineModelProvider } from "./offline/model";

export type ModelKind = "openai" | "gemini" | "compatible" | "offline";
export type ModelChoice = { kind: ModelKind; model: string; provider: ModelProvider; label: string };

export const GEMINI_BASE_URL = "https://generativelanguage.googleapis.com/v1beta/openai/";
const DEFAULTS: Record<Exclude<ModelKind, "offline">, string> = { openai: "gpt-4.1-mini", gemini: "gemini-2.5-flash", compatible: "gpt-4.1-mini" };

type Env = Record<string, string | undefined>;
const value = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);

/**
 * Picks the model at request time from the environment:
 * OPENAI_BASE_URL (+ key) → any OpenAI-compatible server over chat completions;
 * OPENAI_API_KEY → OpenAI's Responses API; GEMINI_API_KEY → Gemini's OpenAI-compatible
 * chat completions; none → the built-in offline model. AGENT_MODEL names the model, and
 * AGENT_API (responses | chat_completions) overrides the wire API.
 */
export function selectModel(env: Env = process.env): ModelChoice {
  applyTracingSetting(env);
  const openaiKey = value(env.OPENAI_API_KEY);
  const baseURL = value(env.OPENAI_BASE_URL);
  const geminiKey = value(env.GEMINI_API_KEY);
  const api = value(env.AGENT_API);
  const model = value(env.AGENT_MODEL);

  if (baseURL) {
    const useResponses = api === "responses";
    return {
      kind: "compatible",
      model: model ?? DEFAULTS.compatible,
      provider: new OpenAIProvider({ apiKey: openaiKey ?? "not-needed", baseURL, useResponses }),
      label: `${model ?? DEFAULTS.compatible} at ${new URL(baseURL).host}`,
    };
  }
  if (openaiKey) {
    const useResponses = api !== "chat_completions";
    return { kind: "openai", model: model ?? DEFAULTS.openai, provider: new OpenAIProvider({ apiKey: openaiKey, useResponses }), label: `OpenAI ${model ?? DEFAULTS.openai}` };
  }
  if (geminiKey) {
    const m = model ?? DEFAULTS.gemini;
    return {
      kind: "gemini",
      model: m,
      provider: new OpenAIProvider({ apiKey: geminiKey, baseURL: value(env.GEMINI_BASE_URL) ?? GEMINI_BASE_URL, useResponses: false }),
      label: `Gemini ${m}`,
    };
  }
  return { kind: "offline", model: OFFLINE_MODEL_NAME, provider: new OfflineModelProvider(), label: "the built-in offline model" };
}

/** Trace export would send data (and OPENAI_API_KEY) to OpenAI; it is off unless AGENT_TRACING=1. */
export function tracingEnabled(env: Env = process.env): boolean {
  return env.AGENT_TRACING === "1";
}

function applyTracingSetting(env: Env) {
  setTracingDisabled(!tracingEnabled(env));
}
