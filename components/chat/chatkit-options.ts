import type { UseChatKitOptions } from "@openai/chatkit-react";

/** Where the ChatKit web component comes from. It opens an iframe served by OpenAI. */
export const CHATKIT_SCRIPT_URL = "https://cdn.platform.openai.com/deployments/chatkit/chatkit.js";
/** How long the page waits for ChatKit's web component before it uses the built-in client. */
export const DEFAULT_CHATKIT_TIMEOUT_MS = 4000;
/** OpenAI's placeholder key: on localhost the domain check is skipped, so any non-empty key works. */
export const DEV_DOMAIN_KEY = "domain_pk_localhost_dev";

/** Prompts for the start screen when a real model answers. */
export const DEFAULT_PROMPTS = ["What's on my list?", "Add buy milk tomorrow", "What's overdue?", "Plan my week"];

const isLocalHost = (hostname: string) => hostname === "localhost" || hostname === "127.0.0.1" || hostname === "[::1]" || hostname.endsWith(".localhost");

/**
 * The domain key ChatKit needs: NEXT_PUBLIC_CHATKIT_DOMAIN_KEY, or OpenAI's localhost
 * placeholder in development and on localhost. Null when ChatKit cannot work here (a
 * production host with no registered key), so the page uses the built-in client.
 */
export function resolveDomainKey({ envKey, nodeEnv, hostname }: { envKey?: string; nodeEnv?: string; hostname?: string }): string | null {
  if (envKey?.trim()) return envKey.trim();
  if (nodeEnv !== "production") return DEV_DOMAIN_KEY;
  return hostname && isLocalHost(hostname) ? DEV_DOMAIN_KEY : null;
}

const urlOf = (input: RequestInfo | URL): string => (typeof input === "string" ? input : input instanceof URL ? input.href : input.url);

function isSameOrigin(input: RequestInfo | URL): boolean {
  if (typeof location === "undefined") return false;
  try {
    return new URL(urlOf(input), location.href).origin === location.origin;
  } catch {
    return false;
  }
}

/**
 * ChatKit's `api.fetch`: calls to our own origin carry the session cookie; anything else
 * (a third-party URL) is passed to fetch exactly as it came, with nothing added.
 */
export const chatKitFetch: typeof fetch = (input, init) => {
  if (!isSameOrigin(input)) return globalThis.fetch(input, init);
  return globalThis.fetch(input, { ...init, credentials: "same-origin" });
};

type Handlers = Pick<UseChatKitOptions, "onError" | "onResponseEnd" | "onResponseStart" | "onThreadChange" | "onReady">;

export type ChatKitOptionsInput = Handlers & {
  /** Defaults to the localhost placeholder. */
  domainKey?: string;
  colorScheme: "light" | "dark";
  /** The built-in offline model answers: the start screen shows its grammar. */
  offline: boolean;
  /** Example commands for the start screen (the offline grammar's when offline). */
  examples?: readonly string[];
  initialThread?: string | null;
  url?: string;
};

const PROMPT_ICONS = ["plus", "notebook", "check-circle", "calendar", "write", "search", "empty-circle"] as const;

/**
 * Everything `useChatKit` gets, as a pure function of the page's state: our endpoint and
 * cookie-carrying fetch, history with rename and delete, a start screen with what the
 * assistant can do, a composer without attachments, dictation, tools or model picker, and
 * the app's light or dark theme.
 */
export function chatKitOptions(input: ChatKitOptionsInput): UseChatKitOptions {
  const { domainKey = DEV_DOMAIN_KEY, colorScheme, offline, examples, initialThread, url = "/api/chat", ...handlers } = input;
  const prompts = (examples?.length ? examples : DEFAULT_PROMPTS).slice(0, 6).map((prompt, i) => ({
    label: prompt.charAt(0).toUpperCase() + prompt.slice(1),
    prompt,
    icon: PROMPT_ICONS[i % PROMPT_ICONS.length],
  }));
  const options: UseChatKitOptions = {
    api: { url, domainKey, fetch: chatKitFetch },
    history: { enabled: true, showDelete: true, showRename: true },
    startScreen: {
      greeting: offline ? "Hi! I'm the built-in offline assistant. Tell me what to add, finish or change." : "What shall we get done today?",
      prompts,
    },
    composer: {
      placeholder: offline ? "Try “add buy milk tomorrow”" : "Ask about your tasks, or tell me what to do…",
      attachments: { enabled: false },
      dictation: { enabled: false },
    },
    threadItemActions: { feedback: true, retry: true },
    theme: {
      colorScheme,
      radius: "round",
      density: "normal",
      color: { accent: { primary: colorScheme === "dark" ? "#818cf8" : "#4f46e5", level: 1 } },
    },
    ...(offline ? { disclaimer: { text: "You're using the built-in offline assistant: it understands simple task commands, not free conversation." } } : {}),
    ...(initialThread !== undefined ? { initialThread } : {}),
  };
  for (const [key, handler] of Object.entries(handlers)) if (handler) (options as Record<string, unknown>)[key] = handler;
  return options;
}
