import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

/**
 * A loopback stand-in for the OpenAI API (and OpenAI-compatible servers such as Gemini's):
 * it speaks the real wire formats of the Responses API and Chat Completions, streaming and
 * not, so the Agents SDK's own `OpenAIProvider` can be tested end to end without a network.
 * Each test scripts what the "model" answers and reads back every request the SDK sent.
 */

export type FakeToolCall = { name: string; arguments: string | Record<string, unknown>; id?: string };

/**
 * Pacing for a streamed answer: wait `delayMs` after each text delta (each delta is 6
 * characters), so a client can act mid-stream. Unset, the whole stream is written at once.
 * A paced stream stops writing as soon as the client hangs up.
 */
export type FakePacing = { delayMs?: number };

/** One model answer: tool calls and/or text, or a failure. */
export type FakeTurn =
  | ({ toolCalls: FakeToolCall[]; text?: string } & FakePacing)
  | ({ text: string; toolCalls?: undefined } & FakePacing)
  /** An HTTP error with an OpenAI-style JSON body. */
  | { httpError: { status: number; message?: string; headers?: Record<string, string> } }
  /** A stream that starts, then fails: `response.failed` (Responses) or an `error` frame (Chat Completions). */
  | { streamFailure: string };

export type RecordedRequest = {
  method: string;
  /** Path without the query string, e.g. "/v1/responses". */
  path: string;
  url: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** The parsed JSON body, or the raw text if it was not JSON, or undefined without a body. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- request bodies are inspected freely in tests
  body: any;
  /** Set when the client closed the connection before the response was complete (e.g. an aborted stream). */
  clientClosedEarly?: boolean;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see RecordedRequest.body
export type TurnScript = FakeTurn[] | ((body: any, request: RecordedRequest, index: number) => FakeTurn);

type Api = "responses" | "chat";

const USAGE = { input_tokens: 42, output_tokens: 7, total_tokens: 49 };

function splitInTwo(s: string): string[] {
  if (s.length < 2) return [s];
  const mid = Math.ceil(s.length / 2);
  return [s.slice(0, mid), s.slice(mid)];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function chunks(s: string, size = 6): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i += size) out.push(s.slice(i, i + size));
  return out.length ? out : [""];
}

export class FakeOpenAI {
  readonly requests: RecordedRequest[] = [];
  private queue: FakeTurn[] = [];
  private fn: Exclude<TurnScript, FakeTurn[]> | null = null;
  private modelCalls = 0;
  private counter = 0;
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly server: http.Server) {
    server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
  }

  /** Starts a server on 127.0.0.1, on `options.port` or else a free port. */
  static async start(script: TurnScript = [], options: { port?: number } = {}): Promise<FakeOpenAI> {
    const server = http.createServer();
    const fake = new FakeOpenAI(server);
    server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
      fake.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: `fake-openai crashed: ${String(error)}`, type: "server_error" } }));
      });
    });
    fake.script(script);
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
    });
    return fake;
  }

  /** `http://127.0.0.1:<port>` */
  get origin(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** `http://127.0.0.1:<port>/v1`, what OPENAI_BASE_URL / GEMINI_BASE_URL should be. */
  get baseURL(): string {
    return `${this.origin}/v1`;
  }

  /** Replaces the script: a queue of turns consumed in order, or a function of each request. */
  script(script: TurnScript): this {
    if (typeof script === "function") {
      this.fn = script;
      this.queue = [];
    } else {
      this.fn = null;
      this.queue = [...script];
    }
    return this;
  }

  /** Appends turns to the queue. */
  enqueue(...turns: FakeTurn[]): this {
    this.fn = null;
    this.queue.push(...turns);
    return this;
  }

  /** Requests that asked the model for an answer (Responses or Chat Completions). */
  get modelRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.method === "POST" && (r.path.endsWith("/responses") || r.path.endsWith("/chat/completions")));
  }

  /** How many scripted turns are still waiting. */
  get remaining(): number {
    return this.queue.length;
  }

  reset(): void {
    this.requests.length = 0;
    this.queue = [];
    this.fn = null;
    this.modelCalls = 0;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}_${this.counter}`;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const raw = await new Promise<string>((resolve, reject) => {
      const parts: Buffer[] = [];
      req.on("data", (c: Buffer) => parts.push(c));
      req.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
      req.on("error", reject);
    });
    let body: unknown = undefined;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const url = new URL(req.url ?? "/", this.origin);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
    const recorded: RecordedRequest = { method: req.method ?? "GET", path: url.pathname, url: url.toString(), headers, body };
    this.requests.push(recorded);
    res.on("close", () => {
      if (!res.writableFinished) recorded.clientClosedEarly = true;
    });

    const api: Api | null =
      recorded.method === "POST" && url.pathname === "/v1/responses" ? "responses" : recorded.method === "POST" && url.pathname === "/v1/chat/completions" ? "chat" : null;
    if (!api) {
      sendJson(res, 404, { error: { message: `fake-openai: no route for ${recorded.method} ${url.pathname}`, type: "invalid_request_error", code: "not_found" } });
      return;
    }
    if (!body || typeof body !== "object") {
      sendJson(res, 400, { error: { message: "fake-openai: expected a JSON body", type: "invalid_request_error" } });
      return;
    }

    const index = this.modelCalls++;
    const turn = this.fn ? this.fn(body, recorded, index) : this.queue.shift();
    if (!turn) {
      // 400 rather than 5xx so the client does not retry: the test fails fast and says why.
      sendJson(res, 400, { error: { message: `fake-openai: no scripted turn left for model request #${index + 1}`, type: "invalid_request_error" } });
      return;
    }
    if ("httpError" in turn) {
      const { status, message, headers: extra } = turn.httpError;
      sendJson(res, status, { error: { message: message ?? `fake-openai: scripted HTTP ${status}`, type: status >= 500 ? "server_error" : "invalid_request_error", code: null } }, extra);
      return;
    }

    const b = body as { model?: string; stream?: boolean };
    const model = b.model ?? "unknown-model";
    if (api === "responses") await this.respondResponses(res, turn, model, b.stream === true);
    else await this.respondChat(res, turn, model, b.stream === true);
  }

  // ---------------------------------------------------------------- Responses API

  private async respondResponses(res: http.ServerResponse, turn: Exclude<FakeTurn, { httpError: unknown }>, model: string, stream: boolean) {
    const id = this.nextId("resp");
    const created_at = Math.floor(Date.now() / 1000);
    const base = {
      id,
      object: "response",
      created_at,
      model,
      error: null,
      incomplete_details: null,
      instructions: null,
      metadata: {},
      parallel_tool_calls: true,
      temperature: null,
      tool_choice: "auto",
      tools: [],
      top_p: null,
    };

    if ("streamFailure" in turn) {
      if (!stream) {
        sendJson(res, 500, { error: { message: turn.streamFailure, type: "server_error" } }, { "x-should-retry": "false" });
        return;
      }
      const sse = new SseWriter(res);
      sse.event("response.created", { response: { ...base, status: "in_progress", output: [], usage: null } });
      sse.event("response.failed", {
        response: { ...base, status: "failed", output: [], error: { code: "server_error", message: turn.streamFailure }, usage: USAGE },
      });
      res.end();
      return;
    }

    type Item = Record<string, unknown> & { type: string; id: string };
    const output: Item[] = [];
    const text = turn.text;
    const calls = turn.toolCalls ?? [];
    if (text !== undefined) {
      output.push({
        type: "message",
        id: this.nextId("msg"),
        role: "assistant",
        status: "completed",
        content: [{ type: "output_text", text, annotations: [], logprobs: [] }],
      });
    }
    for (const call of calls) {
      const args = typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments);
      output.push({ type: "function_call", id: this.nextId("fc"), call_id: call.id ?? this.nextId("call"), name: call.name, arguments: args, status: "completed" });
    }
    const completed = { ...base, status: "completed", output, usage: USAGE };

    if (!stream) {
      sendJson(res, 200, completed);
      return;
    }

    const delayMs = "delayMs" in turn ? (turn.delayMs ?? 0) : 0;
    const sse = new SseWriter(res);
    const inProgress = { ...base, status: "in_progress", output: [], usage: null };
    sse.event("response.created", { response: inProgress });
    sse.event("response.in_progress", { response: inProgress });
    for (const [output_index, item] of output.entries()) {
      if (item.type === "message") {
        const full = text ?? "";
        sse.event("response.output_item.added", { output_index, item: { ...item, status: "in_progress", content: [] } });
        sse.event("response.content_part.added", { item_id: item.id, output_index, content_index: 0, part: { type: "output_text", text: "", annotations: [] } });
        for (const delta of chunks(full)) {
          sse.event("response.output_text.delta", { item_id: item.id, output_index, content_index: 0, delta, logprobs: [] });
          if (delayMs) {
            await sleep(delayMs);
            if (sse.closed) return;
          }
        }
        sse.event("response.output_text.done", { item_id: item.id, output_index, content_index: 0, text: full, logprobs: [] });
        sse.event("response.content_part.done", { item_id: item.id, output_index, content_index: 0, part: { type: "output_text", text: full, annotations: [] } });
      } else {
        const args = item.arguments as string;
        sse.event("response.output_item.added", { output_index, item: { ...item, arguments: "", status: "in_progress" } });
        for (const delta of splitInTwo(args)) sse.event("response.function_call_arguments.delta", { item_id: item.id, output_index, delta });
        sse.event("response.function_call_arguments.done", { item_id: item.id, output_index, arguments: args });
      }
      sse.event("response.output_item.done", { output_index, item });
    }
    sse.event("response.completed", { response: completed });
    res.end();
  }

  // ---------------------------------------------------------------- Chat Completions

  private async respondChat(res: http.ServerResponse, turn: Exclude<FakeTurn, { httpError: unknown }>, model: string, stream: boolean) {
    const id = this.nextId("chatcmpl");
    const created = Math.floor(Date.now() / 1000);
    const usage = { prompt_tokens: USAGE.input_tokens, completion_tokens: USAGE.output_tokens, total_tokens: USAGE.total_tokens };

    if ("streamFailure" in turn) {
      if (!stream) {
        sendJson(res, 500, { error: { message: turn.streamFailure, type: "server_error" } }, { "x-should-retry": "false" });
        return;
      }
      const sse = new SseWriter(res);
      sse.data({ id, object: "chat.completion.chunk", created, model, choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] });
      // The OpenAI client turns a data frame carrying `error` into an APIError.
      sse.data({ error: { message: turn.streamFailure, type: "server_error", code: null } });
      res.end();
      return;
    }

    const text = turn.text;
    const calls = (turn.toolCalls ?? []).map((c) => ({
      id: c.id ?? this.nextId("call"),
      name: c.name,
      arguments: typeof c.arguments === "string" ? c.arguments : JSON.stringify(c.arguments),
    }));
    const finish_reason = calls.length ? "tool_calls" : "stop";

    if (!stream) {
      sendJson(res, 200, {
        id,
        object: "chat.completion",
        created,
        model,
        choices: [
          {
            index: 0,
            message: {
              role: "assistant",
              content: text ?? null,
              refusal: null,
              ...(calls.length ? { tool_calls: calls.map((c) => ({ id: c.id, type: "function", function: { name: c.name, arguments: c.arguments } })) } : {}),
            },
            logprobs: null,
            finish_reason,
          },
        ],
        usage,
      });
      return;
    }

    const sse = new SseWriter(res);
    const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
      sse.data({ id, object: "chat.completion.chunk", created, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
    if (calls.length) {
      chunk({
        role: "assistant",
        content: text ?? null,
        tool_calls: calls.map((c, index) => ({ index, id: c.id, type: "function", function: { name: c.name, arguments: "" } })),
      });
      calls.forEach((c, index) => {
        for (const fragment of splitInTwo(c.arguments)) chunk({ tool_calls: [{ index, function: { arguments: fragment } }] });
      });
    } else {
      chunk({ role: "assistant", content: "" });
      const delayMs = "delayMs" in turn ? (turn.delayMs ?? 0) : 0;
      for (const piece of chunks(text ?? "")) {
        chunk({ content: piece });
        if (delayMs) {
          await sleep(delayMs);
          if (sse.closed) return;
        }
      }
    }
    chunk({}, finish_reason);
    sse.data({ id, object: "chat.completion.chunk", created, model, choices: [], usage });
    sse.raw("[DONE]");
    res.end();
  }
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

class SseWriter {
  private sequence = 0;
  /** The connection closed (the client hung up): nothing more can be written. */
  closed = false;
  constructor(private readonly res: http.ServerResponse) {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    res.on("close", () => (this.closed = true));
  }
  /** A Responses API event: `event:` line plus JSON with `type` and a running `sequence_number`. */
  event(type: string, payload: Record<string, unknown>) {
    const data = { type, sequence_number: this.sequence++, ...payload };
    this.res.write(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
  }
  /** A Chat Completions frame: `data:` only. */
  data(payload: unknown) {
    this.res.write(`data: ${JSON.stringify(payload)}\n\n`);
  }
  raw(text: string) {
    this.res.write(`data: ${text}\n\n`);
  }
}
