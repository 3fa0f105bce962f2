import type { ChatKitEvent } from "@/lib/chatkit/schemas";

/**
 * Reads a ChatKit SSE body event by event, as the browser does, so a test can act in the
 * middle of a stream (press Stop, kill the server). Self-contained: it imports no app code,
 * so tests that drive a separate server process can use it too.
 */
export class SseReader {
  readonly events: ChatKitEvent[] = [];
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  private buffer = "";
  private ended = false;

  constructor(body: ReadableStream<Uint8Array>) {
    this.reader = body.getReader();
  }

  /** Whether the server closed the stream. */
  get done(): boolean {
    return this.ended;
  }

  /** Reads until `predicate` holds for the events so far; fails after `timeoutMs` or if the stream ends first. */
  async until(predicate: (events: ChatKitEvent[]) => boolean, timeoutMs: number, what = "the expected events"): Promise<ChatKitEvent[]> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.events)) {
      if (this.ended) throw new Error(`the stream ended before ${what}; got: ${summarize(this.events)}`);
      await this.read(deadline - Date.now(), what);
    }
    return this.events;
  }

  /** Reads to the end of the stream; fails if the server has not closed it after `timeoutMs`. */
  async drain(timeoutMs: number): Promise<ChatKitEvent[]> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended) await this.read(deadline - Date.now(), "the end of the stream");
    return this.events;
  }

  /** Stops reading, as a closed tab or fetch abort does: the body is cancelled. */
  async cancel(): Promise<void> {
    this.ended = true;
    await this.reader.cancel().catch(() => {});
  }

  private async read(ms: number, what: string): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; got: ${summarize(this.events)}`)), Math.max(ms, 0));
    });
    try {
      const { done, value } = await Promise.race([this.reader.read(), timeout]);
      if (done) {
        this.ended = true;
        this.buffer += this.decoder.decode();
      } else this.buffer += this.decoder.decode(value, { stream: true });
    } finally {
      clearTimeout(timer);
    }
    let end: number;
    while ((end = this.buffer.indexOf("\n\n")) >= 0) {
      const frame = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      if (frame.startsWith("data: ")) this.events.push(JSON.parse(frame.slice("data: ".length)) as ChatKitEvent);
    }
  }
}

/** `type` or `type:update.type` / `type:item.type`, for readable failure messages and sequence checks. */
export function eventShape(e: ChatKitEvent): string {
  if (e.type === "thread.item.updated") return `updated:${e.update.type}`;
  if (e.type === "thread.item.done" || e.type === "thread.item.added") return `${e.type}:${e.item.type}`;
  return e.type;
}

export const isTextDelta = (e: ChatKitEvent) => e.type === "thread.item.updated" && e.update.type === "assistant_message.content_part.text_delta";

/** The text carried by the text deltas among `events`. */
export function deltaText(events: ChatKitEvent[]): string {
  return events.map((e) => (e.type === "thread.item.updated" && e.update.type === "assistant_message.content_part.text_delta" ? e.update.delta : "")).join("");
}

function summarize(events: ChatKitEvent[]): string {
  const shapes = events.map(eventShape);
  return shapes.length ? shapes.join(", ") : "(no events)";
}
