import { performance } from "node:perf_hooks";

/** A timing HTTP client for the real endpoints, with real sessions. */

export type Timed = {
  status: number;
  /** Milliseconds to the first byte of the body (the first SSE event for a stream). */
  ttfb: number;
  /** Milliseconds to the end of the body. */
  total: number;
  bytes: number;
  /** Body chunks as they arrived. */
  chunks: number;
  text: string;
  contentType: string;
};

export type ChatEvent = { type: string; item?: { type?: string; id?: string }; [key: string]: unknown };

export type ServerStats = {
  count: number;
  /** The statement count at the first byte of the last event stream (lib/bench-probe.ts). */
  firstByte: { streams: number; queries: number };
  pid: number;
  cpuMicros: number;
  memory: { rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number };
};

export const userInput = (text: string) => ({ content: [{ type: "input_text", text }], attachments: [], inference_options: {} });

export function parseSse(text: string): ChatEvent[] {
  return text
    .split("\n\n")
    .filter((frame) => frame.startsWith("data: "))
    .map((frame) => JSON.parse(frame.slice("data: ".length)) as ChatEvent);
}

/**
 * Each signed-up user's cookies, as a browser keeps them: Better Auth sets the session token and
 * a signed `session_data` cookie (its cookie cache, lib/auth.ts), and re-sets `session_data` when
 * it has expired. Keyed by the user's `session_token=…` pair, which the callers pass as `cookie`;
 * a request sends every cookie of that user, and every Set-Cookie in an answer updates the jar.
 * Shared by every Client, so a new Client for the same server keeps the same sessions.
 */
const jars = new Map<string, Map<string, string>>();

function keep(jar: Map<string, string>, setCookies: string[]) {
  for (const c of setCookies) {
    const pair = c.split(";")[0]!;
    const eq = pair.indexOf("=");
    if (eq < 1) continue;
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    if (!value || /;\s*max-age=0\b/i.test(c)) jar.delete(name);
    else jar.set(name, value);
  }
}

const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

export class Client {
  constructor(
    readonly baseURL: string,
    /** BETTER_AUTH_URL: what the browser would send as Origin. */
    readonly origin: string,
  ) {}

  async timed(path: string, init: { method?: string; body?: unknown; cookie?: string; headers?: Record<string, string> } = {}): Promise<Timed> {
    const headers: Record<string, string> = { ...init.headers };
    const jar = init.cookie ? jars.get(init.cookie) : undefined;
    if (init.cookie) headers.cookie = jar ? cookieHeader(jar) : init.cookie;
    if (init.body !== undefined) headers["content-type"] = "application/json";
    const body = init.body === undefined ? undefined : JSON.stringify(init.body);
    const started = performance.now();
    const res = await fetch(this.baseURL + path, { method: init.method ?? (body ? "POST" : "GET"), headers, body, redirect: "manual" });
    if (jar) keep(jar, res.headers.getSetCookie());
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    let bytes = 0;
    let chunks = 0;
    let ttfb = NaN;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (chunks === 0) ttfb = performance.now() - started;
      chunks++;
      bytes += value.byteLength;
      text += decoder.decode(value, { stream: true });
    }
    const total = performance.now() - started;
    return { status: res.status, ttfb: Number.isNaN(ttfb) ? total : ttfb, total, bytes, chunks, text, contentType: res.headers.get("content-type") ?? "" };
  }

  /** Signs a user up through Better Auth, as the sign-up form does; returns the session cookie. */
  async signUp(label: string, ip: string): Promise<{ id: string; email: string; cookie: string; cookieValue: string }> {
    const email = `${label}-${Math.random().toString(36).slice(2, 10)}@bench.example`;
    const res = await fetch(`${this.baseURL}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: this.origin, "x-forwarded-for": ip },
      body: JSON.stringify({ name: `Bench ${label}`, email, password: "correct horse battery staple" }),
    });
    const text = await res.text();
    const set = res.headers.getSetCookie().find((c) => c.includes("session_token="));
    if (res.status !== 200 || !set) throw new Error(`sign-up ${label} failed: ${res.status} ${text.slice(0, 300)}`);
    const cookie = set.split(";")[0]!;
    const jar = new Map<string, string>();
    keep(jar, res.headers.getSetCookie());
    jars.set(cookie, jar);
    return { id: (JSON.parse(text) as { user: { id: string } }).user.id, email, cookie, cookieValue: cookie.slice(cookie.indexOf("=") + 1) };
  }

  async chat(cookie: string, body: unknown): Promise<Timed & { events: ChatEvent[] }> {
    const r = await this.timed("/api/chat", { body, cookie });
    return { ...r, events: r.contentType.startsWith("text/event-stream") ? parseSse(r.text) : [] };
  }

  async chatJson<T>(cookie: string, body: unknown): Promise<Timed & { json: T }> {
    const r = await this.timed("/api/chat", { body, cookie });
    if (r.status !== 200) throw new Error(`${(body as { type: string }).type}: HTTP ${r.status} ${r.text.slice(0, 300)}`);
    return { ...r, json: JSON.parse(r.text) as T };
  }

  /** The server's running count of statements sent through Drizzle, its CPU time and memory (bench-only route). */
  async stats(): Promise<ServerStats> {
    const res = await fetch(`${this.baseURL}/api/_bench/queries`);
    return (await res.json()) as ServerStats;
  }

  async queryCount(): Promise<number> {
    return (await this.stats()).count;
  }

  /**
   * Runs `fn` alone on the server: how many statements it sent and how much server CPU it took,
   * and, if it opened one event stream, how many it sent before that stream's first byte, as the
   * server noted it at its first chunk (lib/bench-probe.ts); NaN otherwise.
   */
  async counted<T>(fn: () => Promise<T>): Promise<{ result: T; queries: number; pre: number; cpuMs: number }> {
    const before = await this.stats();
    const result = await fn();
    const after = await this.stats();
    const pre = after.firstByte.streams === before.firstByte.streams + 1 ? after.firstByte.queries - before.count : NaN;
    return { result, queries: after.count - before.count, pre, cpuMs: (after.cpuMicros - before.cpuMicros) / 1000 };
  }

  baseline(opts: { queries: number; bytes: number; pre?: number; chunks?: number; stream?: boolean; type?: "html" }): Promise<Timed> {
    return this.timed(`/api/_bench/baseline?${baselineQuery(opts)}`);
  }
}

export function baselineQuery(opts: { queries: number; bytes: number; pre?: number; chunks?: number; stream?: boolean; type?: "html" }): string {
  const q = new URLSearchParams({ queries: String(opts.queries), bytes: String(opts.bytes) });
  if (opts.pre !== undefined) q.set("pre", String(opts.pre));
  if (opts.chunks !== undefined) q.set("chunks", String(opts.chunks));
  if (opts.stream) q.set("stream", "1");
  if (opts.type) q.set("type", opts.type);
  return q.toString();
}

/** A finished turn: 200, a stream, an assistant reply, and no error event. */
export function turnError(r: Timed & { events: ChatEvent[] }): string | null {
  if (r.status !== 200) return `HTTP ${r.status}: ${r.text.slice(0, 200)}`;
  if (!r.contentType.startsWith("text/event-stream")) return `not a stream: ${r.contentType}`;
  const error = r.events.find((e) => e.type === "error");
  if (error) return `error event: ${JSON.stringify(error)}`;
  if (!r.events.some((e) => e.type === "thread.item.done" && e.item?.type === "assistant_message")) return "no assistant reply";
  return null;
}
