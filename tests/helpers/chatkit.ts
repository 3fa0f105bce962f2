import { POST } from "@/app/api/chat/route";
import type { ChatKitEvent } from "@/lib/chatkit/schemas";

/** Posts a ChatKit request to the real route handler, as the browser would. */
export async function chatkit(cookie: string, body: unknown, init: { signal?: AbortSignal; raw?: string; headers?: Record<string, string> } = {}) {
  const res = await POST(
    new Request("http://localhost:3000/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json", cookie, ...init.headers },
      body: init.raw ?? JSON.stringify(body),
      signal: init.signal,
    }),
  );
  return res;
}

export function parseSse(text: string): ChatKitEvent[] {
  return text
    .split("\n\n")
    .filter((frame) => frame.startsWith("data: "))
    .map((frame) => JSON.parse(frame.slice("data: ".length)));
}

/** A streaming request: the status, content type and every event, in order. */
export async function chatkitStream(cookie: string, body: unknown) {
  const res = await chatkit(cookie, body);
  const text = await res.text();
  if (!res.headers.get("content-type")?.startsWith("text/event-stream")) return { status: res.status, events: [] as ChatKitEvent[], json: JSON.parse(text), res };
  return { status: res.status, events: parseSse(text), json: null, res };
}

export async function chatkitJson(cookie: string, body: unknown) {
  const res = await chatkit(cookie, body);
  return { status: res.status, json: await res.json(), res };
}

export const userInput = (text: string) => ({ content: [{ type: "input_text", text }], attachments: [], inference_options: {} });
