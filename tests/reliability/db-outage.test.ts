import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ThreadItem } from "@/lib/chatkit/schemas";
import { FakeOpenAI, type FakeTurn, type RecordedRequest } from "../helpers/fake-openai";
import { isTextDelta, SseReader } from "../helpers/sse-reader";
import { PORTS } from "./config";
import { App, log, signUp, sleep, SKIP, stats, threadOf, userInput, writeStats, type Client, type Res } from "./harness";

/**
 * The database goes away for a moment: the ws→tcp proxy between the Neon driver and
 * PostgreSQL closes its listener and cuts every open socket. Requests must answer promptly
 * with a clear 503 JSON (a stream already open ends with an `error` event), never hang and
 * never crash the server; once the proxy is back on the same port, requests succeed again.
 *
 * The model is the loopback fake of the OpenAI API, so one answer can be slow enough to be
 * in flight when the database goes.
 */

const PORT = PORTS.outage;
/** How long any one request may take while the database is away. */
const PROMPT_MS = 10_000;

const QUICK = "quick hello";
const SLOW = "answer slowly";
const BACK = "back online";

function lastUserText(body: RecordedRequest["body"]): string {
  const input = Array.isArray(body?.input) ? body.input : [];
  const content = input.filter((i: { role?: string }) => i.role === "user").at(-1)?.content;
  if (typeof content === "string") return content;
  return Array.isArray(content) ? content.map((c: { text?: string }) => c.text ?? "").join("") : "";
}

function script(body: RecordedRequest["body"]): FakeTurn {
  if (!body.stream) return { text: "Outage test" };
  const text = lastUserText(body);
  if (text === SLOW) return { text: Array.from({ length: 20 }, (_, i) => `w${String(i).padStart(3, "0")}. `).join(""), delayMs: 150 };
  if (text === QUICK) return { text: "Hello!" };
  if (text === BACK) return { text: "Glad you're back." };
  return { httpError: { status: 400, message: `no scripted reply for ${JSON.stringify(text)}` } };
}

let fake: FakeOpenAI;
let app: App;
let user: Client;
let key = "";
let thread1 = "";
let thread2 = "";
const outage503: string[] = [];

const mcpHeaders = () => ({ authorization: `Bearer ${key}`, accept: "application/json, text/event-stream", "content-type": "application/json" });
const toolsList = { jsonrpc: "2.0", id: 1, method: "tools/list" };

describe.skipIf(SKIP !== null)("the database goes away for a moment", () => {
  beforeAll(async () => {
    fake = await FakeOpenAI.start(script, { port: PORT + 2 });
    app = new App(PORT, { env: { OPENAI_API_KEY: "test-key", OPENAI_BASE_URL: fake.baseURL, AGENT_API: "responses" } });
    await app.start();
    user = await signUp(app, "outage");
    key = (await user.post("/api/keys", { name: "Outage key" })).json.key;
    expect((await user.post("/api/tasks", { title: "Before the outage" })).status).toBe(201);
    thread1 = threadOf((await user.chatStream({ type: "threads.create", params: { input: userInput(QUICK) } })).events).id;
    thread2 = threadOf((await user.chatStream({ type: "threads.create", params: { input: userInput(QUICK) } })).events).id;
  });

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
    writeStats("db-outage");
  });

  it("a stream that is open when the database goes away ends promptly with an error event", async () => {
    const res = await user.chatOpen({ type: "threads.add_user_message", params: { thread_id: thread2, input: userInput(SLOW) } });
    expect(res.status).toBe(200);
    const reader = new SseReader(res.body!);
    await reader.until((events) => events.some(isTextDelta), 20_000, "the first text delta");
    await app.stopProxy();
    const cut = Date.now();
    // The answer streams for ~3 s more; storing it then fails, and the stream must say so and end.
    const events = await reader.drain(PROMPT_MS + 5_000);
    const endedMs = Date.now() - cut;
    const last = events.at(-1);
    log(`db-outage: stream open when the database went away ended ${endedMs} ms later with ${last?.type}${last?.type === "error" ? ` (${JSON.stringify(last)})` : ""}`);
    expect(events.some((e) => e.type === "error"), `an error event in ${events.map((e) => e.type).join(", ")}`).toBe(true);
    expect(app.running, "the server is still up").toBe(true);
  });

  it("answers every request promptly with a 503 JSON while the database is away, and stays up", async () => {
    expect(app.proxy, "the previous test took the database away").toBeNull();
    const probes: Array<[string, () => Promise<Res>]> = [
      ["GET /api/tasks", () => user.get("/api/tasks", { timeoutMs: PROMPT_MS, expect5xx: true })],
      ["chat threads.list", () => user.chatJson({ type: "threads.list", params: {} }, { timeoutMs: PROMPT_MS, expect5xx: true })],
      ["chat threads.add_user_message", () => user.chatJson({ type: "threads.add_user_message", params: { thread_id: thread1, input: userInput(BACK) } }, { timeoutMs: PROMPT_MS, expect5xx: true })],
      ["chat threads.create", () => user.chatJson({ type: "threads.create", params: { input: userInput(QUICK) } }, { timeoutMs: PROMPT_MS, expect5xx: true })],
      ["POST /api/tasks", () => user.post("/api/tasks", { title: "During the outage" }, { timeoutMs: PROMPT_MS, expect5xx: true })],
      ["GET /api/me", () => user.get("/api/me", { timeoutMs: PROMPT_MS, expect5xx: true })],
      ["MCP tools/list", () => user.post("/api/mcp", toolsList, { cookie: null, headers: mcpHeaders(), timeoutMs: PROMPT_MS, expect5xx: true })],
    ];
    const problems: string[] = [];
    for (const [label, send] of probes) {
      let res: Res;
      try {
        res = await send();
      } catch (error) {
        problems.push(`${label}: no answer within ${PROMPT_MS} ms (${String((error as Error).cause ?? error)})`);
        continue;
      }
      const message = res.json?.message ?? res.json?.error?.message;
      log(`db-outage: ${label} → ${res.status} in ${res.ms} ms: ${res.text.slice(0, 140)}`);
      if (res.status >= 500 && res.status !== 503) {
        stats.fivexx += 1;
        stats.details.push(`5xx during the outage: ${label} → ${res.status} ${res.text.slice(0, 120)}`);
      }
      if (res.status === 503) outage503.push(label);
      if (res.status !== 503) problems.push(`${label}: ${res.status} ${res.text.slice(0, 160)}`);
      else if (!res.headers.get("content-type")?.includes("application/json") || typeof message !== "string") problems.push(`${label}: a 503 without a JSON message: ${res.text.slice(0, 160)}`);
      else if (!res.headers.get("retry-after")) problems.push(`${label}: a 503 without Retry-After`);
    }
    // Better Auth's own routes: a 503 JSON with Retry-After too (lib/auth-outage.ts), not an empty 500.
    const auth: Array<[string, () => Promise<Res>]> = [
      ["Better Auth sign-in", () => user.post("/api/auth/sign-in/email", { email: user.email, password: "wrong password" }, { cookie: null, timeoutMs: PROMPT_MS, expect5xx: true })],
      ["Better Auth get-session", () => user.get("/api/auth/get-session", { timeoutMs: PROMPT_MS, expect5xx: true })],
    ];
    for (const [label, send] of auth) {
      const res = await send();
      log(`db-outage: ${label} → ${res.status} in ${res.ms} ms: ${res.text.slice(0, 140)}`);
      if (res.status === 503) outage503.push(label);
      if (res.status !== 503) problems.push(`${label}: ${res.status} ${res.text.slice(0, 160)}`);
      else if (!res.headers.get("content-type")?.includes("application/json") || typeof res.json?.message !== "string") problems.push(`${label}: a 503 without a JSON message: ${res.text.slice(0, 160)}`);
      else if (res.headers.get("retry-after") !== "2") problems.push(`${label}: a 503 without Retry-After`);
    }
    expect(app.running, `the server is still up:\n${app.output.slice(-3000)}`).toBe(true);
    expect(problems).toEqual([]);
  });

  it("works again once the database is back, and nothing from the outage was half-written", async () => {
    await app.startProxy();
    const back = Date.now();
    let res: Res | undefined;
    let attempts = 0;
    for (; Date.now() - back < 20_000; attempts++) {
      res = await user.get("/api/tasks", { timeoutMs: PROMPT_MS, expect5xx: true });
      if (res.status === 200) break;
      await sleep(250);
    }
    const recoveredMs = Date.now() - back;
    expect(res?.status, `GET /api/tasks after the proxy came back: ${res?.text.slice(0, 200)}`).toBe(200);
    expect(res!.json.tasks.map((t: { title: string }) => t.title)).toEqual(["Before the outage"]);
    expect((await user.chatJson({ type: "threads.list", params: {} })).status).toBe(200);
    const mcp = await user.post("/api/mcp", toolsList, { cookie: null, headers: mcpHeaders() });
    expect(mcp.status).toBe(200);
    const session = await user.get("/api/auth/get-session");
    expect(session.status).toBe(200);
    expect(session.json?.user?.email).toBe(user.email);
    const signIn = await user.post("/api/auth/sign-in/email", { email: user.email, password: "wrong password" }, { cookie: null });
    expect(signIn.status, signIn.text).toBe(401); // an ordinary refusal is Better Auth's own answer, as before

    const turn = await user.chatStream({ type: "threads.add_user_message", params: { thread_id: thread1, input: userInput(BACK) } });
    expect(turn.status, JSON.stringify(turn.json)).toBe(200);
    expect(turn.events.map((e) => e.type)).not.toContain("error");
    const items = (await user.chatJson({ type: "items.list", params: { thread_id: thread1, order: "asc" } })).json.data as ThreadItem[];
    // The message refused during the outage was never stored: only the one sent now is.
    expect(items.map((i) => i.type)).toEqual(["user_message", "assistant_message", "user_message", "assistant_message"]);
    const interrupted = (await user.chatJson({ type: "items.list", params: { thread_id: thread2, order: "asc" } })).json.data as ThreadItem[];
    // The turn in flight at the cut: its message was stored before, its answer could not be.
    expect(interrupted.map((i) => i.type)).toEqual(["user_message", "assistant_message", "user_message"]);
    log(`db-outage: ${outage503.length} requests answered 503 while the database was away (deliberate, not counted as 5xx); back ${recoveredMs} ms after the proxy returned (${attempts + 1} tries)`);
  });
});
