import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ThreadItem } from "@/lib/chatkit/schemas";
import { PORTS } from "./config";
import { generateInput, type FuzzInput, type FuzzTarget } from "./fuzz-inputs";
import { App, Client, diffCounts, freshIp, log, Rng, signUp, SKIP, stats, tableCounts, threadOf, userDigest, userInput, writeStats, type Res } from "./harness";

/**
 * Bad input on every endpoint, generated from a fixed seed (FUZZ_SEED, default 20261125):
 * no answer may be a 5xx, every invalid write must be refused with a 4xx, the server must
 * stay up, and no row may be written anywhere (global row counts and a digest of the fuzzing
 * user's own rows, read with `pg`, before and after).
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const INPUTS = Number(process.env.FUZZ_INPUTS ?? 1200);
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 120_000);
const CONCURRENCY = 4;
const LIVENESS_EVERY = 100;

const app = new App(PORTS.fuzz);
let user: Client;
let target: FuzzTarget;

/** Client addresses for the auth routes, used round robin: 200 of them keep each under 3 requests per 10 s. */
const authIps = Array.from({ length: 200 }, () => freshIp());
let authIpNext = 0;

/**
 * A refused oversized or lying body makes the server close that connection without reading
 * the rest; fetch may already have picked the same kept-alive socket for the next request,
 * which then fails with a reset before the server ever saw it. That request is sent once more
 * (and counted); a server that went down still fails the retry and the liveness checks.
 */
let resetsRetried = 0;
const isStaleSocketReset = (error: string) => /ECONNRESET|UND_ERR_SOCKET|other side closed/.test(error);

async function send(input: FuzzInput): Promise<Res | { error: string }> {
  const first = await sendOnce(input);
  if (!("error" in first) || !isStaleSocketReset(first.error) || !app.running) return first;
  resetsRetried += 1;
  return sendOnce(input);
}

async function sendOnce(input: FuzzInput): Promise<Res | { error: string }> {
  const client = new Client(app, input.authRoute ? authIps[authIpNext++ % authIps.length]! : user.ip);
  let raw: string | Uint8Array | ReadableStream<Uint8Array> | undefined;
  if (input.body?.kind === "text") raw = input.body.text;
  else if (input.body?.kind === "bytes") raw = input.body.bytes;
  else if (input.body?.kind === "chunks") {
    const chunks = [...input.body.chunks];
    raw = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(next);
        else controller.close();
      },
    });
  }
  const cookie = input.cookie === "user" ? user.cookie : input.cookie === "none" ? null : input.cookie;
  try {
    return await client.request(input.method, input.path, { raw, headers: input.headers, cookie, timeoutMs: 20_000 });
  } catch (error) {
    return { error: String((error as Error).cause ?? error) };
  }
}

describe.skipIf(SKIP !== null)(`fuzz: ${INPUTS} generated bad inputs, seed ${SEED}`, () => {
  beforeAll(async () => {
    await app.start();
    user = await signUp(app, "fuzz");
    const task = await user.post("/api/tasks", { title: "Fuzz target task", priority: "high" });
    expect(task.status).toBe(201);
    const created = await user.chatStream({ type: "threads.create", params: { input: userInput("hello") } });
    expect(created.status).toBe(200);
    const thread = threadOf(created.events);
    const items = created.events.flatMap((e) => (e.type === "thread.item.done" ? [e.item] : []));
    const userItem = items.find((i) => i.type === "user_message")!;
    const assistantItem = items.find((i) => i.type === "assistant_message")!;
    // A pending confirmation card, so actions and retries can aim at a real widget.
    const paused = await user.chatStream({ type: "threads.add_user_message", params: { thread_id: thread.id, input: userInput(`delete task #${task.json.task.id}`) } });
    const card = paused.events.flatMap((e) => (e.type === "thread.item.done" && e.item.type === "widget" ? [e.item as ThreadItem] : []))[0];
    expect(card, `a confirmation card in ${JSON.stringify(paused.events).slice(0, 500)}`).toBeDefined();
    const key = await user.post("/api/keys", { name: "Fuzz key" });
    expect(key.status).toBe(201);
    target = {
      taskId: task.json.task.id,
      threadId: thread.id,
      userItemId: userItem.id,
      assistantItemId: assistantItem.id,
      cardItemId: card!.id,
      apiKey: key.json.key,
      apiKeyId: key.json.apiKey.id,
      email: user.email,
      cookie: user.cookie,
    };
  });

  afterAll(async () => {
    await app.stop();
    writeStats("fuzz");
  });

  it("answers every input with < 500 (invalid writes with a 4xx), stays up, and writes nothing", async () => {
    const countsBefore = await tableCounts();
    const digestBefore = await userDigest(user.userId);
    const rng = new Rng(SEED);
    const inputs = Array.from({ length: INPUTS }, () => generateInput(rng, target));

    const started = Date.now();
    const byFamily = new Map<string, Map<string, number>>();
    const failures: string[] = [];
    const accepted: string[] = [];
    const unclear: string[] = [];
    let tried = 0;
    let liveness = 0;

    const check = (input: FuzzInput, res: Res | { error: string }) => {
      const what = `${input.family} [${input.label}] ${input.method} ${input.path.slice(0, 60)}`;
      if ("error" in res) {
        failures.push(`${what}: no answer (${res.error})`);
        return;
      }
      const statuses = byFamily.get(input.family) ?? new Map<string, number>();
      byFamily.set(input.family, statuses);
      statuses.set(String(res.status), (statuses.get(String(res.status)) ?? 0) + 1);
      if (res.status >= 500) failures.push(`${what}: ${res.status} ${res.text.slice(0, 160)}`);
      else if (input.mustReject && (res.status < 400 || res.status >= 500)) accepted.push(`${what}: ${res.status} ${res.text.slice(0, 160)}`);
      // Our own routes answer a refusal with JSON that says why (Next answers 405 itself, with no body).
      if (res.status >= 400 && res.status < 500 && res.status !== 405 && !input.family.startsWith("routes:")) {
        const message = res.json?.message ?? res.json?.error?.message;
        if (!res.headers.get("content-type")?.includes("application/json") || typeof message !== "string" || !message)
          unclear.push(`${what}: ${res.status} ${res.headers.get("content-type")} ${res.text.slice(0, 120)}`);
      }
    };

    for (let offset = 0; offset < inputs.length; offset += LIVENESS_EVERY) {
      if (Date.now() - started > BUDGET_MS) break;
      const chunk = inputs.slice(offset, offset + LIVENESS_EVERY);
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < chunk.length) {
            const input = chunk[next++]!;
            check(input, await send(input));
            tried += 1;
          }
        }),
      );
      const home = await new Client(app).get("/", { cookie: null });
      liveness += 1;
      if (home.status !== 200 || !app.running) failures.push(`GET / after ${tried} inputs: ${home.status}, server ${app.running ? "running" : "gone"}`);
    }
    const elapsed = Date.now() - started;

    const countsAfter = await tableCounts();
    const digestAfter = await userDigest(user.userId);
    const changed = diffCounts(countsBefore, countsAfter);
    const touched = Object.keys(digestBefore).filter((k) => digestBefore[k] !== digestAfter[k]);

    for (const [family, statuses] of [...byFamily].sort()) {
      log(`fuzz ${family}: ${[...statuses].sort().map(([s, n]) => `${s}×${n}`).join(" ")}`);
    }
    log(
      `fuzz: seed ${SEED}, ${tried} inputs in ${(elapsed / 1000).toFixed(1)} s (${CONCURRENCY} at a time), ${liveness} liveness checks, ${resetsRetried} reused-socket resets sent again; ` +
        `5xx or no answer: ${failures.length}, invalid writes accepted: ${accepted.length}, 4xx without a JSON message: ${unclear.length}, ` +
        `row counts changed: ${changed.length ? changed.join("; ") : "none"}, fuzz user's rows changed: ${touched.length ? touched.join(", ") : "none"}`,
    );
    for (const line of [...failures, ...accepted, ...unclear].slice(0, 30)) log(`  ${line}`);
    stats.details.push(...accepted.slice(0, 10).map((a) => `accepted: ${a}`));

    expect(tried, `the time budget (${BUDGET_MS} ms) ran out after ${tried} inputs`).toBeGreaterThanOrEqual(Math.min(INPUTS, 1000));
    expect(failures, "5xx answers, unanswered requests, or a server that went down").toEqual([]);
    expect(accepted, "invalid writes that were not refused with a 4xx").toEqual([]);
    expect(unclear, "4xx answers without a JSON message").toEqual([]);
    expect(changed, "row counts (tasks, conversations, messages, tool_calls, api_keys, paused_runs, user)").toEqual([]);
    expect(touched, "the fuzzing user's own rows").toEqual([]);
  });
});
