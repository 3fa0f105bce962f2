import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import type { ChatKitEvent } from "@/lib/chatkit/schemas";
import { NextServer, serverEnv } from "../helpers/next-server";
import { SseReader } from "../helpers/sse-reader";
import { startWsProxy, type WsProxy } from "../helpers/ws-proxy";
import { AUTH_SECRET, DIST_DIR, PG_URL, type FileStats, type ReliabilityContext } from "./config";

/**
 * The reliability suite's toolbox: a real `next start` (detached process group) on the
 * local PostgreSQL through the Neon driver and a loopback ws→tcp proxy that lives in this
 * process (so a test can take the database away and give it back), an HTTP client that
 * counts every 5xx, direct `pg` access for row counts, and a seeded PRNG.
 */

export const ctx: ReliabilityContext = inject("reliability");
export const SKIP = ctx.skip;

// ---- per-file counts, summed up by the global teardown ---------------------------------------

export const stats: FileStats = { file: "", inputs: 0, fivexx: 0, leaks: 0, rowsLost: 0, details: [] };

export function writeStats(file: string): void {
  stats.file = file;
  if (!ctx.statsDir) return;
  fs.mkdirSync(ctx.statsDir, { recursive: true });
  fs.writeFileSync(path.join(ctx.statsDir, `${file}.json`), JSON.stringify(stats));
}

export function log(line: string): void {
  console.log(`[reliability] ${line}`);
}

// ---- seeded randomness ---------------------------------------------------------------------

/** mulberry32: a tiny, fast, seedable PRNG; the same seed gives the same inputs. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** 0 ≤ n < max */
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  /** min ≤ n ≤ max */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  /** A function from a list of [weight, fn]. */
  weighted<T>(items: ReadonlyArray<readonly [number, T]>): T {
    const total = items.reduce((s, [w]) => s + w, 0);
    let x = this.next() * total;
    for (const [w, v] of items) if ((x -= w) < 0) return v;
    return items.at(-1)![1];
  }
  string(length: number, alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"): string {
    let s = "";
    for (let i = 0; i < length; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }
  uuid(): string {
    const h = this.string(32, "0123456789abcdef");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

// ---- the server ----------------------------------------------------------------------------

export type AppOptions = {
  /** Extra server environment (rate limits, the fake model). */
  env?: Record<string, string>;
};

/** The server's environment: ours only, with no model keys unless the test passes them (the offline model). */
export function appEnv(port: number, proxyAddress: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = serverEnv({});
  for (const key of Object.keys(env)) {
    if (/^(OPENAI_|GEMINI_|AGENT_|CHAT_RATE_|MCP_RATE_|PGLITE_DIR$|DATABASE_POOL_MAX$)/.test(key)) delete env[key];
  }
  return {
    ...env,
    NEXT_DIST_DIR: DIST_DIR,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: PG_URL,
    NEON_WS_PROXY: proxyAddress,
    BETTER_AUTH_SECRET: AUTH_SECRET,
    BETTER_AUTH_URL: `http://localhost:${port}`,
    AGENT_TRACING: "0",
    // Each Client sends its own X-Forwarded-For, as a trusted proxy would set it, so Better
    // Auth's per-IP sign-up limit (3 per 10 s) does not lump all test users together.
    TRUSTED_PROXY_HEADER: "x-forwarded-for",
    // Most tests post many turns as one user; the rate-limit test starts its own server with low limits.
    CHAT_RATE_LIMIT: "100000",
    MCP_RATE_LIMIT: "100000",
    ...extra,
  };
}

export class App {
  server: NextServer | null = null;
  proxy: WsProxy | null = null;
  readyMs = 0;
  private readonly all: NextServer[] = [];

  constructor(
    readonly port: number,
    readonly options: AppOptions = {},
  ) {}

  get proxyPort(): number {
    return this.port + 1;
  }
  get baseURL(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  /** What a browser would send as Origin (Better Auth checks it against BETTER_AUTH_URL). */
  get origin(): string {
    return `http://localhost:${this.port}`;
  }

  /** Starts the proxy (if it is not running) and `next start`, and waits for GET / to answer 200. */
  async start(): Promise<this> {
    if (!this.proxy) await this.startProxy();
    const since = Date.now();
    this.server = NextServer.start(this.port, appEnv(this.port, `127.0.0.1:${this.proxyPort}`, this.options.env));
    this.all.push(this.server);
    this.readyMs = await this.server.waitReady(since, 120_000);
    return this;
  }

  async startProxy(): Promise<void> {
    this.proxy = await startWsProxy(this.proxyPort);
  }

  /** The database goes away: the listener closes and every open socket is cut. */
  async stopProxy(): Promise<void> {
    const proxy = this.proxy;
    this.proxy = null;
    await proxy?.close();
  }

  /** SIGKILL to the server's whole process group. */
  async kill(): Promise<void> {
    for (const s of this.all) await s.kill();
  }

  async stop(): Promise<void> {
    await this.kill();
    await this.stopProxy();
  }

  get running(): boolean {
    return this.server?.running ?? false;
  }

  get output(): string {
    return this.server?.output ?? "";
  }
}

// ---- HTTP --------------------------------------------------------------------------------

export type Res = {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are inspected freely
  json: any;
  ms: number;
};

export type RequestOptions = {
  /** A value to send as JSON. */
  body?: unknown;
  /** A body sent as is (with `headers` deciding its content type). */
  raw?: string | Uint8Array | ReadableStream<Uint8Array>;
  headers?: Record<string, string>;
  /** Send without the session cookie (or with this cookie header instead). */
  cookie?: string | null;
  timeoutMs?: number;
  /** A 5xx is what this request is for (the database outage test): do not count it. */
  expect5xx?: boolean;
};

let ipCounter = 0;
const ipBlock = (process.pid & 0xffff).toString(16);
/**
 * A client address of its own (IPv6 documentation range; Better Auth keys its limits by
 * /64, so each address differs in the first 64 bits), so Better Auth's per-IP sign-up
 * limit (3 per 10 s) never lumps clients together unless a test wants it to.
 */
export function freshIp(): string {
  ipCounter += 1;
  return `2001:db8:${ipBlock}:${ipCounter.toString(16)}::1`;
}

export class Client {
  cookie = "";
  userId = "";
  email = "";
  name = "";

  constructor(
    readonly app: App,
    readonly ip: string = freshIp(),
  ) {}

  headers(extra: Record<string, string> = {}, cookie?: string | null): Record<string, string> {
    const c = cookie === undefined ? this.cookie : cookie;
    return { origin: this.app.origin, "x-forwarded-for": this.ip, ...(c ? { cookie: c } : {}), ...extra };
  }

  /** Sends a request and reads the whole answer. Every answer is counted; a 5xx is recorded. */
  async request(method: string, urlPath: string, opts: RequestOptions = {}): Promise<Res> {
    const started = Date.now();
    const headers = this.headers(opts.headers, opts.cookie);
    let body: RequestInit["body"];
    if (opts.raw !== undefined) body = opts.raw as RequestInit["body"];
    else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers["content-type"] ??= "application/json";
    }
    stats.inputs += 1;
    const res = await fetch(`${this.app.baseURL}${urlPath}`, {
      method,
      headers,
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
      ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
    } as RequestInit);
    const text = await res.text();
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const out: Res = { status: res.status, headers: res.headers, text, json, ms: Date.now() - started };
    if (res.status >= 500 && !opts.expect5xx) {
      stats.fivexx += 1;
      stats.details.push(`5xx: ${method} ${urlPath.slice(0, 80)} → ${res.status} ${text.slice(0, 200)}`);
    }
    return out;
  }

  get(urlPath: string, opts: RequestOptions = {}) {
    return this.request("GET", urlPath, opts);
  }
  post(urlPath: string, body: unknown, opts: RequestOptions = {}) {
    return this.request("POST", urlPath, { ...opts, body });
  }

  /** A ChatKit request answered as JSON (a 4xx, or a non-streaming type). */
  chatJson(body: unknown, opts: RequestOptions = {}) {
    return this.post("/api/chat", body, opts);
  }

  /** Opens a ChatKit request without reading it: the caller reads the stream event by event. */
  async chatOpen(body: unknown, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<Response> {
    stats.inputs += 1;
    const res = await fetch(`${this.app.baseURL}/api/chat`, {
      method: "POST",
      headers: this.headers({ "content-type": "application/json" }),
      body: JSON.stringify(body),
      signal: opts.signal ?? AbortSignal.timeout(opts.timeoutMs ?? 60_000),
    });
    if (res.status >= 500) {
      stats.fivexx += 1;
      stats.details.push(`5xx: POST /api/chat ${JSON.stringify(body).slice(0, 80)} → ${res.status}`);
    }
    return res;
  }

  /** A streaming ChatKit request read to the end: its status and events, or its JSON when it did not stream. */
  async chatStream(body: unknown, timeoutMs = 60_000): Promise<{ status: number; events: ChatKitEvent[]; json: Res["json"]; headers: Headers }> {
    const res = await this.chatOpen(body, { timeoutMs });
    if (!res.headers.get("content-type")?.startsWith("text/event-stream")) {
      const text = await res.text();
      let json: unknown = text;
      try {
        json = JSON.parse(text);
      } catch {}
      return { status: res.status, events: [], json, headers: res.headers };
    }
    const events = await new SseReader(res.body!).drain(timeoutMs);
    return { status: res.status, events, json: null, headers: res.headers };
  }
}

export const PASSWORD = "correct horse battery staple";

/** Signs a new user up through Better Auth's HTTP route, from an address of its own. */
export async function signUp(app: App, label: string, ip: string = freshIp()): Promise<Client> {
  const client = new Client(app, ip);
  client.email = `${label}-${randomUUID().slice(0, 8)}@example.com`;
  client.name = `Reliability ${label}`;
  const res = await client.post("/api/auth/sign-up/email", { name: client.name, email: client.email, password: PASSWORD }, { cookie: null });
  if (res.status !== 200) throw new Error(`sign-up of ${label} failed: ${res.status} ${res.text.slice(0, 300)}`);
  const session = res.headers.getSetCookie().find((c) => c.includes("session_token="));
  if (!session) throw new Error(`sign-up of ${label} set no session cookie`);
  client.cookie = session.split(";")[0]!;
  client.userId = res.json.user.id;
  return client;
}

export const userInput = (text: string) => ({ content: [{ type: "input_text", text }], attachments: [], inference_options: {} });

export function threadOf(events: ChatKitEvent[]) {
  const created = events.find((e) => e.type === "thread.created");
  if (!created || created.type !== "thread.created") throw new Error(`no thread.created event in ${events.map((e) => e.type).join(", ")}`);
  return created.thread;
}

// ---- the database, read directly ----------------------------------------------------------------

export const COUNTED_TABLES = ["tasks", "conversations", "messages", "tool_calls", "api_keys", "paused_runs", "user"] as const;

export async function withPg<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Row counts of every table a request could write. */
export async function tableCounts(): Promise<Record<string, number>> {
  return withPg(async (c) => {
    const sql = COUNTED_TABLES.map((t) => `(select count(*)::int from "${t}") as "${t}"`).join(", ");
    const { rows } = await c.query(`select ${sql}`);
    return rows[0] as Record<string, number>;
  });
}

/**
 * A digest of everything a user owns, row by row (only `api_keys.last_used_at`, which a
 * read through MCP updates by design, is left out): if any value changes, its digest does.
 */
export async function userDigest(userId: string): Promise<Record<string, string>> {
  const parts: Record<string, string> = {
    user: `select md5(coalesce(string_agg((u.id, u.name, u.email, u.email_verified, u.image, u.created_at, u.updated_at)::text, '|'), '')) from "user" u where u.id = $1`,
    tasks: `select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) from tasks t where t.user_id = $1`,
    conversations: `select md5(coalesce(string_agg(c::text, '|' order by c.id), '')) from conversations c where c.user_id = $1`,
    messages: `select md5(coalesce(string_agg(m::text, '|' order by m.seq), '')) from messages m where m.user_id = $1`,
    tool_calls: `select md5(coalesce(string_agg(tc::text, '|' order by tc.created_at, tc.id), '')) from tool_calls tc where tc.user_id = $1`,
    paused_runs: `select md5(coalesce(string_agg(p::text, '|' order by p.conversation_id), '')) from paused_runs p where p.user_id = $1`,
    api_keys: `select md5(coalesce(string_agg((k.id, k.name, k.prefix, k.hash, k.created_at, k.revoked_at)::text, '|' order by k.id), '')) from api_keys k where k.user_id = $1`,
  };
  return withPg(async (c) => {
    const out: Record<string, string> = {};
    for (const [table, sql] of Object.entries(parts)) out[table] = (await c.query(sql, [userId])).rows[0].md5;
    return out;
  });
}

export function diffCounts(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.keys(before)
    .filter((k) => before[k] !== after[k])
    .map((k) => `${k}: ${before[k]} → ${after[k]}`);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `fn` over `items` with at most `concurrency` at once. */
export async function pool<T>(items: T[], concurrency: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
