import { Agent, getGlobalTraceProvider, OpenAIProvider, Runner, setTracingDisabled, tool } from "@openai/agents";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { selectModel, tracingEnabled } from "@/lib/agent/models";
import { createTask, getTask, listTasks, type Task } from "@/lib/tasks";
import { TOOL_NAMES } from "@/mcp/tools";
import { Conversation } from "../helpers/agent";
import { signUpUser } from "../helpers/auth";
import { FakeOpenAI, type RecordedRequest } from "../helpers/fake-openai";
import { geminiViolations } from "../helpers/provider-schema-rules";

/**
 * Full agent turns through the Agents SDK's real OpenAIProvider, chosen by selectModel()
 * from the environment, against a loopback server that speaks the OpenAI wire formats.
 */

const ENV_VARS = ["OPENAI_API_KEY", "OPENAI_BASE_URL", "GEMINI_API_KEY", "GEMINI_BASE_URL", "AGENT_MODEL", "AGENT_API", "AGENT_TRACING"] as const;
const TASK_TOOLS = [...TOOL_NAMES].sort();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Fails with a clear message instead of hanging until the test timeout. */
function within<T>(promise: Promise<T>, ms: number, what = "agent turn"): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** arr[i], or a clear failure when it is missing. */
function nth<T>(arr: readonly T[], i: number, what = "item"): T {
  const v = arr[i];
  if (v === undefined) throw new Error(`expected ${what} #${i + 1}, got only ${arr.length}`);
  return v;
}

type ToolOutput = { callId: string; output: string };
type OfferedTool = { name: string; parameters: unknown };

/** What differs between the two wire APIs, for the assertions shared by both. */
type Mode = {
  name: "responses" | "chat_completions";
  path: string;
  authorization: string;
  kind: string;
  model: string;
  configure: (fake: FakeOpenAI) => void;
  offeredTools: (body: RecordedRequest["body"]) => OfferedTool[];
  toolOutputs: (body: RecordedRequest["body"]) => ToolOutput[];
  instructions: (body: RecordedRequest["body"]) => string;
};

const asText = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

/**
 * The JSON data part of a tool output as the provider received it: the last input_text part
 * (Responses), or the JSON after the summary's blank line (Chat Completions joins the parts).
 */
function toolData(output: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(output);
  } catch {
    return JSON.parse(output.slice(output.lastIndexOf("\n\n")));
  }
  if (!Array.isArray(parsed)) throw new Error(`expected a list of parts or text, got ${output}`);
  const last = parsed.at(-1) as { type?: string; text?: string } | undefined;
  expect(last?.type).toBe("input_text");
  return JSON.parse(last?.text ?? "");
}

const RESPONSES: Mode = {
  name: "responses",
  path: "/v1/responses",
  authorization: "Bearer test-key",
  kind: "compatible",
  model: "gpt-test",
  configure(fake) {
    vi.stubEnv("OPENAI_API_KEY", "test-key");
    vi.stubEnv("OPENAI_BASE_URL", fake.baseURL);
    vi.stubEnv("AGENT_API", "responses");
    vi.stubEnv("AGENT_MODEL", "gpt-test");
  },
  offeredTools: (body) => (body.tools ?? []).map((t: { name: string; parameters: unknown }) => ({ name: t.name, parameters: t.parameters })),
  toolOutputs: (body) =>
    (body.input ?? [])
      .filter((i: { type?: string }) => i.type === "function_call_output")
      .map((i: { call_id: string; output: unknown }) => ({ callId: i.call_id, output: asText(i.output) })),
  instructions: (body) => body.instructions ?? "",
};

const CHAT: Mode = {
  name: "chat_completions",
  path: "/v1/chat/completions",
  authorization: "Bearer test-gemini",
  kind: "gemini",
  model: "gemini-2.5-flash",
  configure(fake) {
    vi.stubEnv("GEMINI_API_KEY", "test-gemini");
    vi.stubEnv("GEMINI_BASE_URL", `${fake.baseURL}/`);
  },
  offeredTools: (body) =>
    (body.tools ?? []).map((t: { function: { name: string; parameters: unknown } }) => ({ name: t.function.name, parameters: t.function.parameters })),
  toolOutputs: (body) =>
    (body.messages ?? [])
      .filter((m: { role: string }) => m.role === "tool")
      .map((m: { tool_call_id: string; content: unknown }) => ({ callId: m.tool_call_id, output: asText(m.content) })),
  instructions: (body) => asText((body.messages ?? []).find((m: { role: string }) => m.role === "system")?.content ?? ""),
};

let fake: FakeOpenAI;

beforeEach(async () => {
  for (const name of ENV_VARS) vi.stubEnv(name, undefined);
  fake = await FakeOpenAI.start();
});

afterEach(async () => {
  // Anything a test left for the trace exporter goes out now, while a fetch spy can still catch it.
  await getGlobalTraceProvider().forceFlush();
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  // selectModel() sets the SDK's global tracing switch; leave it off for whatever runs next.
  setTracingDisabled(true);
  await fake.close();
});

describe.each([RESPONSES, CHAT])("real OpenAIProvider over $name", (mode) => {
  beforeEach(() => mode.configure(fake));

  it("selects the expected provider", () => {
    const choice = selectModel();
    expect(choice.kind).toBe(mode.kind);
    expect(choice.model).toBe(mode.model);
  });

  it("runs a full tool-calling turn: add_task, then a text answer", async () => {
    const u = await signUpUser(`prov-${mode.name}`);
    fake.script([{ toolCalls: [{ name: "add_task", arguments: { title: "Buy milk", dueDate: "2030-01-02" } }] }, { text: "Added Buy milk." }]);

    const { outcome, streamed } = await within(new Conversation(u.id).say("add buy milk due 2 jan 2030"), 20_000);

    // The data changed, for this user.
    const { tasks } = await listTasks(u.id);
    expect(tasks).toHaveLength(1);
    expect(nth(tasks, 0)).toMatchObject({ title: "Buy milk", dueDate: "2030-01-02", completed: false });

    // What the turn reports.
    expect(outcome.text).toBe("Added Buy milk.");
    expect(streamed).toBe("Added Buy milk.");
    expect(outcome.model).toBe(mode.kind);
    expect(outcome.interruption).toBeNull();
    expect(outcome.toolCalls).toHaveLength(1);
    const call = nth(outcome.toolCalls, 0, "tool call");
    const task = nth(tasks, 0, "task");
    expect(call).toMatchObject({ name: "add_task", status: "completed", arguments: { title: "Buy milk", dueDate: "2030-01-02" } });
    expect(call.result).toMatchObject({ task: { id: task.id, title: "Buy milk", dueDate: "2030-01-02" } });
    expect(typeof call.durationMs).toBe("number");
    expect(call.durationMs).toBeGreaterThanOrEqual(0);

    // What the SDK sent.
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${mode.path}`, `POST ${mode.path}`]);
    for (const r of fake.requests) {
      expect(r.headers.authorization).toBe(mode.authorization);
      expect(r.body.model).toBe(mode.model);
      expect(r.body.stream).toBe(true);
      expect(mode.instructions(r.body)).toContain("Today is");
    }
    const first = nth(fake.requests, 0, "request");
    const second = nth(fake.requests, 1, "request");
    expect(mode.toolOutputs(first.body)).toEqual([]);
    const outputs = mode.toolOutputs(second.body);
    expect(outputs).toHaveLength(1);
    expect(nth(outputs, 0).callId).toBe(call.callId);
    expect(nth(outputs, 0).output).toContain("Buy milk");
    // The structured result reaches the provider as JSON after the summary, not only as prose.
    expect(toolData(nth(outputs, 0).output)).toEqual(call.result);
    expect(toolData(nth(outputs, 0).output)).toMatchObject({ task: { id: task.id, title: "Buy milk", dueDate: "2030-01-02", completed: false } });

    // The tools offered: exactly the registry's task tools, with clean schemas and no user id.
    const tools = mode.offeredTools(first.body);
    expect(tools.map((t) => t.name).sort()).toEqual(TASK_TOOLS);
    for (const tool of tools) {
      const schema = JSON.stringify(tool.parameters);
      expect(schema).not.toContain("$schema");
      expect(schema).not.toMatch(/user_?id/i);
      expect(Object.keys((tool.parameters as { properties?: object }).properties ?? {})).not.toContain("userId");
    }
    // The fake's call id made it into the model's call history too.
    if (mode.name === "responses") {
      expect(second.body.input).toContainEqual(expect.objectContaining({ type: "function_call", call_id: call.callId, name: "add_task" }));
    } else {
      const assistant = second.body.messages.find((m: { role: string; tool_calls?: unknown[] }) => m.role === "assistant" && m.tool_calls);
      expect(assistant.tool_calls).toEqual([expect.objectContaining({ id: call.callId, function: expect.objectContaining({ name: "add_task" }) })]);
    }
  });

  it("marks a failed tool call as an error in the data the provider receives", async () => {
    const u = await signUpUser(`fail-${mode.name}`);
    fake.script([{ toolCalls: [{ name: "complete_task", arguments: { id: 2_000_000_000 } }] }, { text: "That task does not exist." }]);

    const { outcome } = await within(new Conversation(u.id).say("complete task 2000000000"), 20_000);

    expect(outcome.toolCalls).toEqual([expect.objectContaining({ name: "complete_task", status: "failed" })]);
    const output = nth(mode.toolOutputs(nth(fake.requests, 1).body), 0).output;
    expect(toolData(output)).toEqual({ isError: true, error: "Task 2000000000 not found." });
  });

  it("creates a task when the model sends null for optional fields", async () => {
    const u = await signUpUser(`nulls-${mode.name}`);
    fake.script([
      { toolCalls: [{ name: "add_task", arguments: '{"title":"Call mum","description":null,"priority":null,"dueDate":null}' }] },
      { text: "Added Call mum." },
    ]);

    const { outcome } = await within(new Conversation(u.id).say("add call mum"), 20_000);

    const { tasks } = await listTasks(u.id);
    expect(tasks).toHaveLength(1);
    expect(nth(tasks, 0)).toMatchObject({ title: "Call mum", description: null, dueDate: null, priority: "medium" });
    expect(outcome.toolCalls).toEqual([expect.objectContaining({ name: "add_task", status: "completed" })]);
    const output = nth(mode.toolOutputs(nth(fake.requests, 1).body), 0).output;
    expect(output).toContain("Call mum");
    expect(output).not.toMatch(/invalid|expected/i);
  });

  it("takes null for optional fields inside batch items, and keeps a null that clears", async () => {
    const u = await signUpUser(`nested-nulls-${mode.name}`);
    const dated = await createTask(u.id, { title: "Renew passport", dueDate: "2030-03-01" });
    fake.script([
      {
        toolCalls: [
          { name: "add_tasks", arguments: '{"tasks":[{"title":"Milk","description":null,"priority":null,"dueDate":null},{"title":"Eggs","priority":"high","dueDate":null}]}' },
          { name: "update_tasks", arguments: `{"ids":[${dated.id}],"changes":{"title":null,"description":null,"priority":"high","dueDate":null,"completed":null}}` },
        ],
      },
      { text: "Done." },
    ]);

    const { outcome } = await within(new Conversation(u.id).say("add milk and eggs, and make the passport urgent with no due date"), 20_000);

    expect(outcome.interruption).toBeNull();
    expect(outcome.toolCalls.map((t) => [t.name, t.status])).toEqual([
      ["add_tasks", "completed"],
      ["update_tasks", "completed"],
    ]);
    const { tasks } = await listTasks(u.id);
    expect(tasks.find((t) => t.title === "Milk")).toMatchObject({ description: null, priority: "medium", dueDate: null });
    expect(tasks.find((t) => t.title === "Eggs")).toMatchObject({ priority: "high", dueDate: null });
    // title: null is dropped (a title cannot be null); dueDate: null is the schema's own "clear".
    expect(await getTask(u.id, dated.id)).toMatchObject({ title: "Renew passport", priority: "high", dueDate: null, completed: false });
  });

  it("asks before deleting: reject keeps the task, approve deletes it", async () => {
    const u = await signUpUser(`approve-${mode.name}`);
    const task = await createTask(u.id, { title: "Old report" });
    const c = new Conversation(u.id);

    // 1. The model asks to delete: the run pauses and nothing is deleted.
    fake.script([{ toolCalls: [{ name: "delete_task", arguments: { id: task.id } }] }]);
    const paused = await within(c.say("delete old report"), 20_000);
    expect(paused.outcome.interruption).not.toBeNull();
    expect(paused.outcome.interruption!.approvals).toEqual([expect.objectContaining({ name: "delete_task", arguments: { id: task.id } })]);
    const firstCallId = nth(paused.outcome.interruption!.approvals, 0).callId;
    expect(firstCallId).toBeTruthy();
    expect(paused.outcome.toolCalls).toEqual([expect.objectContaining({ callId: firstCallId, status: "awaiting_approval" })]);
    expect(await getTask(u.id, task.id)).toMatchObject({ title: "Old report" });
    expect(fake.modelRequests).toHaveLength(1);

    // 2. Rejected: the model is told so, and the task is still there.
    fake.script([{ text: "Okay, I left Old report alone." }]);
    const rejected = await within(c.decide("reject"), 20_000);
    expect(rejected.outcome.interruption).toBeNull();
    expect(rejected.outcome.text).toBe("Okay, I left Old report alone.");
    expect(rejected.outcome.toolCalls).toEqual([expect.objectContaining({ callId: firstCallId, name: "delete_task", status: "rejected" })]);
    expect(await getTask(u.id, task.id)).toMatchObject({ title: "Old report" });
    expect(fake.modelRequests).toHaveLength(2);
    const afterReject = mode.toolOutputs(nth(fake.modelRequests, 1, "model request").body);
    expect(afterReject).toEqual([{ callId: firstCallId, output: expect.stringContaining("declined") }]);

    // 3. Asked again and approved: the task is deleted.
    fake.script([{ toolCalls: [{ name: "delete_task", arguments: { id: task.id } }] }, { text: "Deleted Old report." }]);
    const pausedAgain = await within(c.say("delete old report"), 20_000);
    const secondCallId = pausedAgain.outcome.interruption?.approvals[0]?.callId;
    expect(secondCallId).toBeTruthy();
    expect(secondCallId).not.toBe(firstCallId);
    expect(await getTask(u.id, task.id)).toMatchObject({ title: "Old report" });
    // The history sent with the new message still carries the earlier, declined call.
    expect(mode.toolOutputs(nth(fake.modelRequests, 2, "model request").body)).toEqual([{ callId: firstCallId, output: expect.stringContaining("declined") }]);

    const approved = await within(c.decide("approve"), 20_000);
    expect(approved.outcome.interruption).toBeNull();
    expect(approved.outcome.text).toBe("Deleted Old report.");
    expect(approved.outcome.toolCalls).toEqual([
      expect.objectContaining({ callId: secondCallId, name: "delete_task", status: "approved", result: expect.objectContaining({ task: expect.objectContaining({ id: task.id }) }) }),
    ]);
    expect((await listTasks(u.id)).tasks).toEqual([]);
    const afterApprove = mode.toolOutputs(nth(fake.modelRequests, 3, "model request").body).find((o) => o.callId === secondCallId);
    expect(afterApprove?.output).toContain("Deleted");
    expect(fake.modelRequests).toHaveLength(4);
    expect(fake.requests.every((r) => r.path === mode.path)).toBe(true);
  });

  it("asks before a bulk change: two complete_task calls in one response", async () => {
    const u = await signUpUser(`bulk-${mode.name}`);
    const a = await createTask(u.id, { title: "Task A" });
    const b = await createTask(u.id, { title: "Task B" });
    const c = new Conversation(u.id);

    fake.script([
      {
        toolCalls: [
          { name: "complete_task", arguments: { id: a.id } },
          { name: "complete_task", arguments: { id: b.id } },
        ],
      },
    ]);
    const paused = await within(c.say("mark both done"), 20_000);
    const approvals = paused.outcome.interruption?.approvals ?? [];
    expect(approvals).toHaveLength(2);
    expect(approvals.map((p) => p.name)).toEqual(["complete_task", "complete_task"]);
    expect(approvals.map((p) => p.arguments.id).sort()).toEqual([a.id, b.id].sort());
    expect((await getTask(u.id, a.id)).completed).toBe(false);
    expect((await getTask(u.id, b.id)).completed).toBe(false);

    fake.script([{ text: "Both are done." }]);
    const done = await within(c.decide("approve"), 20_000);
    expect(done.outcome.interruption).toBeNull();
    expect(done.outcome.text).toBe("Both are done.");
    expect((await getTask(u.id, a.id)).completed).toBe(true);
    expect((await getTask(u.id, b.id)).completed).toBe(true);
    expect(done.outcome.toolCalls).toHaveLength(2);
    expect(done.outcome.toolCalls.every((t) => t.name === "complete_task" && t.status === "approved")).toBe(true);
    const outputs = mode.toolOutputs(nth(fake.modelRequests, 1, "model request").body);
    expect(outputs.map((o) => o.callId).sort()).toEqual(approvals.map((p) => p.callId).sort());
  });

  it("does not ask for a single change", async () => {
    const u = await signUpUser(`single-${mode.name}`);
    const a = await createTask(u.id, { title: "Task A" });
    fake.script([{ toolCalls: [{ name: "complete_task", arguments: { id: a.id } }] }, { text: "Done." }]);
    const { outcome } = await within(new Conversation(u.id).say("mark task a done"), 20_000);
    expect(outcome.interruption).toBeNull();
    expect((await getTask(u.id, a.id)).completed).toBe(true);
  });

  it("add_tasks: three tasks from one call, and the provider receives them with their ids and the changeSetId", async () => {
    const u = await signUpUser(`batch-add-${mode.name}`);
    const items = [{ title: "Milk" }, { title: "Eggs", priority: "high" }, { title: "Bread", dueDate: "2030-01-03" }];
    fake.script([{ toolCalls: [{ name: "add_tasks", arguments: { tasks: items } }] }, { text: "Added milk, eggs and bread." }]);

    const { outcome } = await within(new Conversation(u.id).say("add milk, eggs and bread"), 20_000);

    // Adding never asks.
    expect(outcome.interruption).toBeNull();
    const { tasks } = await listTasks(u.id);
    expect(tasks.map((t) => t.title).sort()).toEqual(["Bread", "Eggs", "Milk"]);
    expect(tasks.find((t) => t.title === "Eggs")).toMatchObject({ priority: "high" });
    expect(tasks.find((t) => t.title === "Bread")).toMatchObject({ dueDate: "2030-01-03" });

    const call = nth(outcome.toolCalls, 0, "tool call");
    expect(call).toMatchObject({ name: "add_tasks", status: "completed" });
    const outputs = mode.toolOutputs(nth(fake.modelRequests, 1, "model request").body);
    expect(outputs.map((o) => o.callId)).toEqual([call.callId]);
    const data = toolData(nth(outputs, 0).output) as { tasks: Task[]; changeSetId: string };
    expect(data).toEqual(call.result);
    expect(data.changeSetId).toMatch(UUID);
    // In the order given, each with the id the database gave it.
    expect(data.tasks.map((t) => t.title)).toEqual(["Milk", "Eggs", "Bread"]);
    expect(data.tasks.map((t) => t.id).sort()).toEqual(tasks.map((t) => t.id).sort());
    for (const task of data.tasks) expect(await getTask(u.id, task.id)).toMatchObject({ title: task.title });
  });

  it("complete_tasks with a real and a missing id: asks first (two ids), then reports each id's result", async () => {
    const u = await signUpUser(`batch-complete-${mode.name}`);
    const real = await createTask(u.id, { title: "Pay rent" });
    const missing = 2_000_000_000;
    const c = new Conversation(u.id);

    fake.script([{ toolCalls: [{ name: "complete_tasks", arguments: { ids: [real.id, missing] } }] }]);
    const paused = await within(c.say("mark pay rent and task 2000000000 done"), 20_000);
    expect(paused.outcome.interruption?.approvals).toEqual([expect.objectContaining({ name: "complete_tasks", arguments: { ids: [real.id, missing] } })]);
    expect((await getTask(u.id, real.id)).completed).toBe(false);
    expect(fake.modelRequests).toHaveLength(1);

    fake.script([{ text: "Pay rent is done; I could not find task 2000000000." }]);
    const done = await within(c.decide("approve"), 20_000);
    expect(done.outcome.interruption).toBeNull();
    expect((await getTask(u.id, real.id)).completed).toBe(true);

    const callId = nth(paused.outcome.interruption!.approvals, 0).callId;
    const outputs = mode.toolOutputs(nth(fake.modelRequests, 1, "model request").body);
    expect(outputs.map((o) => o.callId)).toEqual([callId]);
    const data = toolData(nth(outputs, 0).output);
    expect(data).toEqual({
      results: [
        { id: real.id, ok: true, task: expect.objectContaining({ id: real.id, title: "Pay rent", completed: true }) },
        { id: missing, ok: false, error: expect.stringMatching(/not found/i) },
      ],
      changeSetId: expect.stringMatching(UUID),
    });
    expect(done.outcome.toolCalls).toEqual([expect.objectContaining({ callId, name: "complete_tasks", status: "approved", result: data })]);
  });

  it("delete_tasks asks even for one id; approved, it deletes; undo_last_change brings the task back with the same id", async () => {
    const u = await signUpUser(`batch-delete-${mode.name}`);
    const keep = await createTask(u.id, { title: "Keep me" });
    const old = await createTask(u.id, { title: "Old receipt", priority: "low", dueDate: "2030-02-01" });
    const c = new Conversation(u.id);

    // 1. One id, still a delete: the run pauses and nothing is deleted.
    fake.script([{ toolCalls: [{ name: "delete_tasks", arguments: { ids: [old.id] } }] }]);
    const paused = await within(c.say("delete the old receipt"), 20_000);
    expect(paused.outcome.interruption?.approvals).toEqual([expect.objectContaining({ name: "delete_tasks", arguments: { ids: [old.id] } })]);
    expect(await getTask(u.id, old.id)).toMatchObject({ title: "Old receipt" });

    // 2. Approved: deleted, and the provider reads the per-item result and the change set.
    fake.script([{ text: "Deleted Old receipt." }]);
    const deleted = await within(c.decide("approve"), 20_000);
    expect(deleted.outcome.interruption).toBeNull();
    expect((await listTasks(u.id)).tasks.map((t) => t.id)).toEqual([keep.id]);
    const deleteData = toolData(nth(mode.toolOutputs(nth(fake.modelRequests, 1, "model request").body), 0).output) as { results: unknown[]; changeSetId: string };
    expect(deleteData).toEqual({ results: [{ id: old.id, ok: true, task: expect.objectContaining({ id: old.id, title: "Old receipt" }) }], changeSetId: expect.stringMatching(UUID) });

    // 3. Undo, without asking: the same task, same id, is back, and the provider receives `restored`.
    fake.script([{ toolCalls: [{ name: "undo_last_change", arguments: {} }] }, { text: "Old receipt is back." }]);
    const undone = await within(c.say("undo that"), 20_000);
    expect(undone.outcome.interruption).toBeNull();
    expect(await getTask(u.id, old.id)).toMatchObject({ id: old.id, title: "Old receipt", priority: "low", dueDate: "2030-02-01" });
    expect((await listTasks(u.id)).tasks.map((t) => t.id).sort()).toEqual([keep.id, old.id].sort());

    const call = nth(undone.outcome.toolCalls, 0, "tool call");
    expect(call).toMatchObject({ name: "undo_last_change", status: "completed" });
    const outputs = mode.toolOutputs(nth(fake.modelRequests, 3, "model request").body);
    const undoOutput = outputs.find((o) => o.callId === call.callId);
    expect(undoOutput).toBeDefined();
    const undoData = toolData(undoOutput!.output);
    expect(undoData).toEqual(call.result);
    expect(undoData).toMatchObject({
      changeSetId: deleteData.changeSetId,
      restored: [expect.objectContaining({ id: old.id, title: "Old receipt" })],
      removed: [],
      alreadyUndone: false,
    });
  });

  it("rejects the turn on an HTTP 400 from the provider", async () => {
    const u = await signUpUser(`http400-${mode.name}`);
    fake.script(() => ({ httpError: { status: 400, message: "bad things" } }));
    await expect(within(new Conversation(u.id).say("hello"), 10_000)).rejects.toThrow(/400|bad things/);
    expect(fake.modelRequests).toHaveLength(1);
  });

  it("rejects the turn on repeated HTTP 500s (after the client's retries)", async () => {
    const u = await signUpUser(`http500-${mode.name}`);
    // retry-after-ms keeps the OpenAI client's backoff short.
    fake.script(() => ({ httpError: { status: 500, message: "upstream exploded", headers: { "retry-after-ms": "10" } } }));
    await expect(within(new Conversation(u.id).say("hello"), 15_000)).rejects.toThrow(/500|upstream exploded/);
    // The OpenAI client retries 5xx twice by default: three attempts in all.
    expect(fake.modelRequests).toHaveLength(3);
  });

  it("rejects the turn when the stream reports a failure", async () => {
    const u = await signUpUser(`failed-${mode.name}`);
    fake.script(() => ({ streamFailure: "the model fell over" }));
    await expect(within(new Conversation(u.id).say("hello"), 10_000)).rejects.toThrow();
    expect(fake.modelRequests.length).toBeGreaterThanOrEqual(1);
    expect((await listTasks(u.id)).tasks).toEqual([]);
  });
});

describe("tool schemas per provider, as the provider receives them", () => {
  async function offeredSchemas(configure: () => void) {
    configure();
    const u = await signUpUser("schemas");
    fake.script([{ text: "Hello." }]);
    await within(new Conversation(u.id).say("hi"), 20_000);
    const request = nth(fake.modelRequests, 0, "model request");
    expect(request.path).toBe("/v1/chat/completions");
    return new Map(CHAT.offeredTools(request.body).map((t) => [t.name, t.parameters as { properties: Record<string, object> }]));
  }

  it("Gemini (GEMINI_API_KEY + GEMINI_BASE_URL) receives every tool without the keys Gemini rejects", async () => {
    const schemas = await offeredSchemas(() => CHAT.configure(fake));
    expect([...schemas.keys()].sort()).toEqual(TASK_TOOLS);
    for (const [name, schema] of schemas) {
      // The root's additionalProperties: true is the Agents SDK's own, added after the adapter (see docs/decisions/0008).
      expect(geminiViolations(schema, { sdkRoot: true }), name).toEqual([]);
      expect(JSON.stringify(schema), name).not.toMatch(/"(\$schema|const|default|exclusiveMinimum|exclusiveMaximum|\$ref|\$defs)"/);
    }
    expect(schemas.get("delete_task")?.properties.id).toMatchObject({ type: "integer", minimum: 1 });
    expect(schemas.get("update_task")?.properties.dueDate).toMatchObject({ type: "string", nullable: true });
  });

  it("an OpenAI-compatible server on the same wire API keeps the JSON Schema as published (the control)", async () => {
    const schemas = await offeredSchemas(() => {
      vi.stubEnv("OPENAI_BASE_URL", fake.baseURL);
      vi.stubEnv("AGENT_API", "chat_completions");
    });
    expect([...schemas.keys()].sort()).toEqual(TASK_TOOLS);
    expect(schemas.get("delete_task")?.properties.id).toMatchObject({ type: "integer", exclusiveMinimum: 0 });
    expect(schemas.get("update_task")?.properties.dueDate).toMatchObject({ anyOf: [expect.objectContaining({ type: "string" }), { type: "null" }] });
    expect(geminiViolations(schemas.get("delete_task")).join("\n")).toContain('keyword "exclusiveMinimum"');
  });
});

describe("fake server self-checks", () => {
  it.each([true, false])("answers non-streaming requests with JSON (useResponses: %s)", async (useResponses) => {
    const echo = tool({ name: "echo", description: "Echo", parameters: z.object({ text: z.string() }), execute: async ({ text }) => `echo: ${text}` });
    const agent = new Agent({ name: "selfcheck", instructions: "Be brief.", tools: [echo] });
    const runner = new Runner({ modelProvider: new OpenAIProvider({ apiKey: "k", baseURL: fake.baseURL, useResponses }), model: "m", tracingDisabled: true });
    fake.script([{ toolCalls: [{ name: "echo", arguments: { text: "hi" } }] }, { text: "All done." }]);

    const result = await within(runner.run(agent, "go"), 10_000, "non-streaming run");

    expect(result.finalOutput).toBe("All done.");
    const path = useResponses ? "/v1/responses" : "/v1/chat/completions";
    expect(fake.requests.map((r) => r.path)).toEqual([path, path]);
    expect(fake.requests.every((r) => !r.body.stream)).toBe(true);
    const mode = useResponses ? RESPONSES : CHAT;
    expect(mode.toolOutputs(nth(fake.requests, 1).body)).toEqual([{ callId: expect.any(String), output: expect.stringContaining("echo: hi") }]);
  });

  it("answers 404 JSON for unknown paths and 400 when the script runs out", async () => {
    const missing = await fetch(`${fake.baseURL}/models`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: "not_found" } });
    const empty = await fetch(`${fake.baseURL}/responses`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(empty.status).toBe(400);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /v1/models", "POST /v1/responses"]);
  });
});

describe("no internet, no tracing", () => {
  /** Wraps global fetch (the OpenAI client's transport): records every URL and answers anything off-loopback locally. */
  function spyOnFetch() {
    const realFetch = globalThis.fetch;
    const calls: { url: string; authorization: string | null }[] = [];
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input: string | URL | Request, init?: RequestInit) => {
      const url = typeof input === "string" ? input : input instanceof URL ? input.toString() : input.url;
      const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
      calls.push({ url, authorization: headers.get("authorization") });
      if (new URL(url).hostname !== "127.0.0.1") return new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
      return realFetch(input, init);
    });
    return calls;
  }

  async function runOneTurn() {
    vi.stubEnv("OPENAI_API_KEY", "test-key");
    vi.stubEnv("OPENAI_BASE_URL", fake.baseURL);
    vi.stubEnv("AGENT_API", "responses");
    const u = await signUpUser("tracing");
    fake.script([{ toolCalls: [{ name: "add_task", arguments: { title: "Trace me" } }] }, { text: "Added." }]);
    const { outcome } = await within(new Conversation(u.id).say("add trace me"), 20_000);
    expect(outcome.text).toBe("Added.");
    await getGlobalTraceProvider().forceFlush();
  }

  it("contacts only the loopback server and exports no traces when AGENT_TRACING is unset", async () => {
    // Outside tests the SDK's tracing starts enabled (NODE_ENV=test disables it by default); start from there.
    setTracingDisabled(false);
    const calls = spyOnFetch();
    await runOneTurn();

    expect(calls.length).toBeGreaterThanOrEqual(2); // the spy does see the model requests
    expect(calls.filter((c) => new URL(c.url).hostname !== "127.0.0.1")).toEqual([]);
    expect(calls.filter((c) => c.url.includes("/traces"))).toEqual([]);
    expect(fake.requests.filter((r) => r.path.includes("/traces"))).toEqual([]);
    expect(fake.requests.every((r) => r.path === "/v1/responses")).toBe(true);
  });

  it("would export traces (with the API key) only when AGENT_TRACING=1 — the control for the test above", async () => {
    vi.stubEnv("AGENT_TRACING", "1");
    const calls = spyOnFetch();
    await runOneTurn();

    const exports = calls.filter((c) => c.url.includes("/traces"));
    expect(exports.length).toBeGreaterThan(0);
    expect(exports[0]).toEqual({ url: "https://api.openai.com/v1/traces/ingest", authorization: "Bearer test-key" });
  });

  it("tracingEnabled() is true only for AGENT_TRACING=1", () => {
    expect(tracingEnabled()).toBe(false); // unset
    for (const v of ["0", "", "true", "yes", " 1"]) expect(tracingEnabled({ AGENT_TRACING: v })).toBe(false);
    expect(tracingEnabled({ AGENT_TRACING: "1" })).toBe(true);
    vi.stubEnv("AGENT_TRACING", "1");
    expect(tracingEnabled()).toBe(true);
  });
});

describe("selectModel()", () => {
  it("falls back to the offline model without keys", () => {
    expect(selectModel().kind).toBe("offline");
    expect(selectModel({}).kind).toBe("offline");
    expect(selectModel({ OPENAI_API_KEY: "  ", GEMINI_API_KEY: "" }).kind).toBe("offline");
  });

  it("uses OpenAI with OPENAI_API_KEY", () => {
    vi.stubEnv("OPENAI_API_KEY", "sk-test");
    const choice = selectModel();
    expect(choice).toMatchObject({ kind: "openai", model: "gpt-4.1-mini" });
  });

  it("uses an OpenAI-compatible server with OPENAI_BASE_URL", () => {
    expect(selectModel({ OPENAI_API_KEY: "k", OPENAI_BASE_URL: "http://127.0.0.1:9/v1" })).toMatchObject({ kind: "compatible", model: "gpt-4.1-mini" });
    expect(selectModel({ OPENAI_BASE_URL: "http://127.0.0.1:9/v1" }).kind).toBe("compatible");
  });

  it("uses Gemini with GEMINI_API_KEY", () => {
    expect(selectModel({ GEMINI_API_KEY: "g" })).toMatchObject({ kind: "gemini", model: "gemini-2.5-flash" });
    // An OpenAI key wins over a Gemini key.
    expect(selectModel({ GEMINI_API_KEY: "g", OPENAI_API_KEY: "k" }).kind).toBe("openai");
  });

  it("lets AGENT_MODEL name the model", () => {
    expect(selectModel({ OPENAI_API_KEY: "k", AGENT_MODEL: "gpt-x" }).model).toBe("gpt-x");
    expect(selectModel({ OPENAI_API_KEY: "k", OPENAI_BASE_URL: "http://127.0.0.1:9/v1", AGENT_MODEL: "llama" }).model).toBe("llama");
    expect(selectModel({ GEMINI_API_KEY: "g", AGENT_MODEL: "gemini-pro" }).model).toBe("gemini-pro");
    vi.stubEnv("GEMINI_API_KEY", "g");
    vi.stubEnv("AGENT_MODEL", "gemini-from-env");
    expect(selectModel()).toMatchObject({ kind: "gemini", model: "gemini-from-env" });
  });
});
