import type { Rng } from "./harness";

/**
 * Generated bad input for every endpoint, from a seeded PRNG. Each input is a request that
 * the server must refuse, or a read that it may answer: a generator that builds a write
 * always applies at least one mutation that makes it invalid by the API's own rules (wrong
 * type, out of range, unknown field, someone else's / no one's id, wrong content type,
 * malformed or oversized body), so any row written, or any 2xx to it, is a bug.
 */

/** What the fuzzing user owns, so mutations can pair a real id with a bad body (and the reverse). */
export type FuzzTarget = {
  taskId: number;
  threadId: string;
  userItemId: string;
  assistantItemId: string;
  cardItemId: string;
  apiKey: string;
  apiKeyId: string;
  email: string;
  cookie: string;
};

export type FuzzBody = { kind: "text"; text: string } | { kind: "bytes"; bytes: Uint8Array } | { kind: "chunks"; chunks: Uint8Array[] };

export type FuzzInput = {
  /** Endpoint family, e.g. "chat:threads.create", "tasks:POST", "auth:sign-up". */
  family: string;
  /** What was done to it. */
  label: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: FuzzBody;
  /** Which session cookie header to send: the user's, none, or a forged one. */
  cookie: "user" | "none" | string;
  /** Auth routes: drawn from a pool of client addresses so Better Auth's per-IP limit does not mask results. */
  authRoute?: boolean;
  /** A write made invalid: it must be refused with a 4xx, never a 2xx. */
  mustReject: boolean;
};

const JSON_CT = { "content-type": "application/json" };
const enc = new TextEncoder();

// ---- value pools ----------------------------------------------------------------------------

const deepArray = (n: number) => "[".repeat(n) + "]".repeat(n);
const deepObject = (n: number) => '{"a":'.repeat(n) + "1" + "}".repeat(n);

/** A JSON text for a value of the wrong type (or a hostile one), for any field. */
function junkValue(r: Rng): string {
  return r.pick<() => string>([
    () => "null",
    () => "true",
    () => "false",
    () => "0",
    () => "-1",
    () => "1.5",
    () => "1e308",
    () => "-1e308",
    () => "9007199254740993",
    () => '""',
    () => '"   "',
    () => '"\\u0000"',
    () => '"\\ud800"',
    () => '"\\u202e\\u200b"',
    () => JSON.stringify("😀".repeat(r.between(1, 3000))),
    () => JSON.stringify("x".repeat(r.between(200, 20_000))),
    () => "[]",
    () => "[1,2,3]",
    () => '["a"]',
    () => "{}",
    () => '{"$gt":""}',
    () => '{"__proto__":{"polluted":true}}',
    () => '{"constructor":{"prototype":{"polluted":true}}}',
    () => deepArray(r.between(50, 3000)),
    () => deepObject(r.between(50, 2000)),
    () => JSON.stringify("'; drop table tasks; --"),
    () => JSON.stringify("<script>alert(1)</script>"),
    () => JSON.stringify("../../../../etc/passwd"),
    () => JSON.stringify("%s%s%s%n"),
  ])();
}

const BAD_PATH_IDS = [
  "0", "-1", "1.5", "abc", "1e3", "0x10", "%00", "..%2F..%2Fetc%2Fpasswd", "99999999999", "2147483648", "00001", "%201", "1%3Bdrop",
  "%F0%9F%98%80", "9".repeat(400), "null", "undefined", "%5Bobject%20Object%5D", "1,2", "%27%20or%201%3D1", "NaN", "Infinity", "1%00",
];
/** Well-formed task ids no one has (the ids are an identity column that starts at 1). */
const MISSING_TASK_IDS = ["2147483647", "2000000000", "1999999999"];

function badThreadId(r: Rng): string {
  return r.pick<() => string>([
    () => r.uuid(), // well-formed, no one's: 404
    () => "00000000-0000-0000-0000-000000000000",
    () => "thr_123",
    () => "",
    () => r.uuid().toUpperCase().replace(/-/g, ""),
    () => `${r.uuid()} `,
    () => `${r.uuid()}\u0000`,
    () => "'; drop table conversations; --",
    () => "x".repeat(r.between(37, 5000)),
    () => "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz",
  ])();
}

function badItemId(r: Rng): string {
  return r.pick<() => string>([
    () => `msg_${r.string(24, "0123456789abcdef")}`, // well-formed, no one's: 404
    () => `wdg_${r.string(24, "0123456789abcdef")}`,
    () => "msg_",
    () => "",
    () => "../../etc",
    () => `msg_${"a".repeat(r.between(41, 3000))}`,
    () => "MSG_ABCDEFGH",
    () => "msg_abc\u0000def",
    () => "msg_abcd efgh",
  ])();
}

/** Replaces `"__SLOT__"` in a JSON text with a raw JSON value text. */
const fill = (template: unknown, slot: string) => JSON.stringify(template).replace('"__SLOT__"', slot);

// ---- transport-level mutations ----------------------------------------------------------------

/** A body that can never be accepted, whatever the route: wrong content type, not JSON, empty, oversized. */
function transportJunk(r: Rng, validJson: string, limitBytes: number, allowForm = true): { label: string; headers: Record<string, string>; body?: FuzzBody } {
  return r.pick<() => { label: string; headers: Record<string, string>; body?: FuzzBody }>([
    () => ({ label: "text/plain content type", headers: { "content-type": "text/plain" }, body: { kind: "text", text: validJson } }),
    () => ({ label: "no content type", headers: {}, body: { kind: "bytes", bytes: enc.encode(validJson) } }),
    () => ({ label: "multipart content type", headers: { "content-type": "multipart/form-data; boundary=x" }, body: { kind: "text", text: `--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n${validJson}\r\n--x--` } }),
    ...(allowForm ? [() => ({ label: "xml content type", headers: { "content-type": "application/xml" }, body: { kind: "text" as const, text: "<a>1</a>" } })] : []),
    () => ({ label: "truncated JSON", headers: JSON_CT, body: { kind: "text", text: validJson.slice(0, r.between(1, Math.max(1, validJson.length - 1))) } }),
    () => ({ label: "empty body", headers: JSON_CT, body: { kind: "text", text: "" } }),
    () => ({ label: "whitespace body", headers: JSON_CT, body: { kind: "text", text: " \n\t " } }),
    () => ({ label: "no body", headers: JSON_CT }),
    () => ({ label: "single-quoted JSON", headers: JSON_CT, body: { kind: "text", text: validJson.replace(/"/g, "'") } }),
    () => ({ label: "trailing comma", headers: JSON_CT, body: { kind: "text", text: validJson.replace(/}$/, ",}") } }),
    () => ({ label: "NaN literal", headers: JSON_CT, body: { kind: "text", text: "NaN" } }),
    () => ({ label: "invalid UTF-8", headers: JSON_CT, body: { kind: "bytes", bytes: Uint8Array.from([0xff, 0xfe, 0x7b, 0xc3, 0x28, 0xa0, 0xa1, 0x7d]) } }),
    () => ({ label: "random bytes", headers: JSON_CT, body: { kind: "bytes", bytes: Uint8Array.from({ length: r.between(1, 2000) }, (_, i) => (i === 0 ? 0xff : r.int(256))) } }),
    () => ({ label: "deeply nested array body", headers: JSON_CT, body: { kind: "text", text: deepArray(r.between(1000, Math.min(30_000, limitBytes / 2 - 10))) } }),
    () => ({ label: "deeply nested object body", headers: JSON_CT, body: { kind: "text", text: deepObject(r.between(1000, Math.min(10_000, limitBytes / 6 - 10))) } }),
    () => {
      const size = limitBytes + r.between(1, 200_000);
      return { label: `oversized body (${size} bytes)`, headers: JSON_CT, body: { kind: "text", text: `{"pad":"${"p".repeat(size)}"}` } };
    },
    () => {
      // Chunked, with no Content-Length: the size cap must hold while reading.
      const chunk = enc.encode("a".repeat(16 * 1024));
      const n = Math.ceil((limitBytes + 1) / chunk.length) + r.int(4);
      return { label: `oversized chunked body (${n * chunk.length} bytes)`, headers: JSON_CT, body: { kind: "chunks", chunks: [enc.encode('{"pad":"'), ...Array.from({ length: n }, () => chunk), enc.encode('"}')] } };
    },
  ])();
}

/** A top-level JSON value that is not an object. */
function nonObject(r: Rng): string {
  return r.pick(["[]", "[{}]", '"text"', "42", "null", "true", deepArray(r.between(10, 500)), `[${junkValue(r)}]`]);
}

// ---- /api/chat -----------------------------------------------------------------------------------

const part = (text = "hello there") => ({ type: "input_text", text });
const input = (text = "hello there") => ({ content: [part(text)], attachments: [], inference_options: {} });

/** A user message input that the schema refuses. */
function badInput(r: Rng): { label: string; json: string } {
  return r.pick<() => { label: string; json: string }>([
    () => ({ label: "input missing", json: "__DELETE__" }),
    () => ({ label: "input wrong type", json: junkValue(r) }),
    () => ({ label: "content a string", json: JSON.stringify({ content: "hello" }) }),
    () => ({ label: "content empty", json: JSON.stringify({ content: [] }) }),
    () => ({ label: "blank text", json: JSON.stringify(input(" \n\t ".repeat(r.between(1, 50)))) }),
    () => ({ label: "text over 4000 chars", json: JSON.stringify(input("x".repeat(r.between(4001, 30_000)))) }),
    () => ({ label: "text over 4000 chars in parts", json: JSON.stringify({ content: Array.from({ length: 20 }, () => part("y".repeat(201))) }) }),
    () => ({ label: "21 parts", json: JSON.stringify({ content: Array.from({ length: 21 }, () => part("a")) }) }),
    () => ({ label: "unknown part type", json: JSON.stringify({ content: [{ type: "input_image", url: "http://127.0.0.1/x.png" }] }) }),
    () => ({ label: "part without type", json: JSON.stringify({ content: [{ text: "hello" }] }) }),
    () => ({ label: "text wrong type", json: fill({ content: [{ type: "input_text", text: "__SLOT__" }] }, r.pick(["5", "null", "[]", "{}", "true"])) }),
    () => ({ label: "part wrong type", json: fill({ content: ["__SLOT__"] }, r.pick(["null", '"hello"', "7", "[]"])) }),
    () => ({ label: "an attachment", json: JSON.stringify({ ...input(), attachments: ["atc_1"] }) }),
    () => ({ label: "attachments wrong type", json: JSON.stringify({ ...input(), attachments: "atc_1" }) }),
    () => ({ label: "quoted_text over 4000", json: JSON.stringify({ ...input(), quoted_text: "q".repeat(4001) }) }),
    () => ({ label: "quoted_text wrong type", json: JSON.stringify({ ...input(), quoted_text: 12 }) }),
    () => ({ label: "inference_options wrong type", json: JSON.stringify({ ...input(), inference_options: "fast" }) }),
    () => ({ label: "tag id over 200", json: JSON.stringify({ content: [{ type: "input_tag", id: "t".repeat(201), text: "x" }] }) }),
    () => ({ label: "tag text over 500", json: JSON.stringify({ content: [{ type: "input_tag", id: "t", text: "x".repeat(501) }] }) }),
    () => ({ label: "tag data wrong type", json: JSON.stringify({ content: [{ type: "input_tag", id: "t", text: "x", data: [1] }] }) }),
    () => ({ label: "NUL in text", json: JSON.stringify(input(`add milk\u0000${r.string(5)}`)) }),
    () => ({ label: "NUL in inference options", json: JSON.stringify({ ...input(), inference_options: { model: "a\u0000b" } }) }),
    () => ({ label: "NUL in a key", json: JSON.stringify({ ...input(), inference_options: { "a\u0000": 1 } }) }),
    () => ({ label: "unpaired surrogate in text", json: `{"content":[{"type":"input_text","text":${r.pick(['"add milk \\ud800"', '"\\udfff"', '"x\\ud83d\\ud83d"'])}}]}` }),
    () => ({ label: "unpaired surrogate in a tag", json: '{"content":[{"type":"input_text","text":"hi"},{"type":"input_tag","id":"t","text":"\\udc00"}]}' }),
    () => ({ label: "lone surrogate only", json: '{"content":[{"type":"input_text","text":"\\ud800"}],"attachments":[],"x":' + deepArray(r.between(1, 9)) + ',"content":[]}' }),
  ])();
}

type ChatCase = { label: string; json: string; mustReject: boolean };

/** Sets `params[key]` of a request to a raw JSON text (or deletes it). */
function withParam(req: { type: string; params: Record<string, unknown> }, key: string, raw: string): string {
  if (raw === "__DELETE__") {
    const params = { ...req.params };
    delete params[key];
    return JSON.stringify({ ...req, params });
  }
  return fill({ ...req, params: { ...req.params, [key]: "__SLOT__" } }, raw);
}

function chatCase(r: Rng, t: FuzzTarget): ChatCase {
  const T = t.threadId;
  const type = r.pick([
    "threads.create",
    "threads.add_user_message",
    "threads.custom_action",
    "threads.retry_after_item",
    "threads.add_client_tool_output",
    "threads.get_by_id",
    "threads.list",
    "threads.update",
    "threads.delete",
    "items.list",
    "items.feedback",
    "threads.sync_custom_action",
    "unknown",
    "envelope",
  ] as const);
  const badThread = () => JSON.stringify(badThreadId(r));
  switch (type) {
    case "threads.create": {
      const bad = badInput(r);
      return { label: `create: ${bad.label}`, json: withParam({ type, params: { input: input() } }, "input", bad.json), mustReject: true };
    }
    case "threads.add_user_message": {
      const req = { type, params: { thread_id: T, input: input("add milk") } };
      if (r.chance(0.4)) return { label: "message to a bad thread id", json: withParam(req, "thread_id", r.chance(0.8) ? badThread() : junkValue(r)), mustReject: true };
      const bad = badInput(r);
      return { label: `message: ${bad.label}`, json: withParam(req, "input", bad.json), mustReject: true };
    }
    case "threads.custom_action": {
      const req = { type, params: { thread_id: T, item_id: t.cardItemId, action: { type: "tasks.confirm", payload: {} } } };
      return r.pick<() => ChatCase>([
        () => ({ label: "action on a bad thread", json: withParam(req, "thread_id", badThread()), mustReject: true }),
        () => ({ label: "action from a bad item", json: withParam(req, "item_id", JSON.stringify(badItemId(r))), mustReject: true }),
        () => ({ label: "action from a user message", json: withParam(req, "item_id", JSON.stringify(t.userItemId)), mustReject: true }),
        () => ({ label: "action from an assistant message", json: withParam(req, "item_id", JSON.stringify(t.assistantItemId)), mustReject: true }),
        () => ({ label: "action with no item", json: withParam(req, "item_id", r.pick(["null", "__DELETE__"])), mustReject: true }),
        () => ({ label: "action missing/wrong type", json: withParam(req, "action", r.pick(["__DELETE__", junkValue(r)])), mustReject: true }),
        () => ({ label: "action with an unknown action type", json: withParam(req, "action", JSON.stringify({ type: r.pick(["tasks.nuke", "x", "tasks.confirm ", "TASKS.CONFIRM", "tasks.cancel\u0000"]) })), mustReject: true }),
        () => ({ label: "action type empty/oversized/wrong type", json: withParam(req, "action", fill({ type: "__SLOT__" }, r.pick(['""', JSON.stringify("t".repeat(101)), "5", "null", "[]"]))), mustReject: true }),
      ])();
    }
    case "threads.retry_after_item": {
      const req = { type, params: { thread_id: T, item_id: t.userItemId } };
      return r.pick<() => ChatCase>([
        () => ({ label: "retry on a bad thread", json: withParam(req, "thread_id", badThread()), mustReject: true }),
        () => ({ label: "retry of a bad item", json: withParam(req, "item_id", JSON.stringify(badItemId(r))), mustReject: true }),
        () => ({ label: "retry of a widget", json: withParam(req, "item_id", JSON.stringify(t.cardItemId)), mustReject: true }),
        () => ({ label: "retry of an assistant message", json: withParam(req, "item_id", JSON.stringify(t.assistantItemId)), mustReject: true }),
        () => ({ label: "retry with item_id missing/wrong type", json: withParam(req, "item_id", r.pick(["__DELETE__", junkValue(r)])), mustReject: true }),
      ])();
    }
    case "threads.add_client_tool_output": {
      const req = { type, params: { thread_id: T, result: { ok: true } } };
      return r.chance(0.5)
        ? { label: "client tool output with nothing pending", json: withParam(req, "result", junkValue(r)), mustReject: true }
        : { label: "client tool output on a bad thread", json: withParam(req, "thread_id", badThread()), mustReject: true };
    }
    case "threads.get_by_id":
      return { label: "get_by_id with a bad id", json: withParam({ type, params: { thread_id: T } }, "thread_id", r.chance(0.7) ? badThread() : junkValue(r)), mustReject: false };
    case "threads.list": {
      const key = r.pick(["limit", "order", "after", "params"]);
      if (key === "params") return { label: "list with params of the wrong type", json: fill({ type, params: "__SLOT__" }, junkValue(r)), mustReject: false };
      const raw = key === "limit" ? r.pick(["0", "-1", "101", "1000", '"10"', "1.5", "null", junkValue(r)]) : key === "order" ? r.pick(['"sideways"', '"ASC"', "1", junkValue(r)]) : r.pick([badThread(), JSON.stringify(badItemId(r)), junkValue(r)]);
      return { label: `list with a bad ${key}`, json: withParam({ type, params: {} }, key, raw), mustReject: false };
    }
    case "threads.update": {
      const req = { type, params: { thread_id: T, title: "Renamed" } };
      if (r.chance(0.35)) return { label: "rename a bad thread", json: withParam(req, "thread_id", badThread()), mustReject: true };
      const raw = r.pick(['""', '"   "', JSON.stringify("t".repeat(r.between(201, 5000))), "12", "null", "[]", "{}", "__DELETE__", '"title\\u0000"', junkValue(r)]);
      // junkValue can be a string of ≤ 200 visible characters; those are valid titles, so keep only the invalid ones.
      const json = withParam(req, "title", raw);
      const title = (JSON.parse(json) as { params: { title?: unknown } }).params.title;
      const invalid = typeof title !== "string" || !title.trim() || title.trim().length > 200 || title.includes("\u0000");
      return invalid ? { label: "rename to a bad title", json, mustReject: true } : { label: "rename a bad thread", json: withParam(req, "thread_id", badThread()), mustReject: true };
    }
    case "threads.delete":
      return { label: "delete a bad thread id", json: withParam({ type, params: { thread_id: T } }, "thread_id", r.chance(0.8) ? badThread() : junkValue(r)), mustReject: true };
    case "items.list": {
      const req = { type, params: { thread_id: T } };
      const key = r.pick(["thread_id", "limit", "order", "after"]);
      const raw = key === "thread_id" ? badThread() : key === "limit" ? r.pick(["0", "101", '"ten"', "2.5", junkValue(r)]) : key === "order" ? r.pick(['"up"', "0", junkValue(r)]) : r.pick([JSON.stringify(badItemId(r)), badThread(), junkValue(r)]);
      return { label: `items.list with a bad ${key}`, json: withParam(req, key, raw), mustReject: false };
    }
    case "items.feedback": {
      const req = { type, params: { thread_id: T, item_ids: [t.userItemId], kind: "positive" } };
      return r.pick<() => ChatCase>([
        () => ({ label: "feedback on a bad thread", json: withParam(req, "thread_id", badThread()), mustReject: true }),
        () => ({ label: "feedback with no ids", json: withParam(req, "item_ids", "[]"), mustReject: true }),
        () => ({ label: "feedback with 51 ids", json: withParam(req, "item_ids", JSON.stringify(Array.from({ length: 51 }, () => t.userItemId))), mustReject: true }),
        () => ({ label: "feedback with a bad id", json: withParam(req, "item_ids", JSON.stringify([badItemId(r)])), mustReject: true }),
        () => ({ label: "feedback on a real and a missing item", json: withParam(req, "item_ids", JSON.stringify([t.userItemId, `msg_${r.string(24, "0123456789abcdef")}`])), mustReject: true }),
        () => ({ label: "feedback ids of the wrong type", json: withParam(req, "item_ids", junkValue(r)), mustReject: true }),
        () => ({ label: "feedback with a bad kind", json: withParam(req, "kind", r.pick(['"meh"', '"POSITIVE"', "1", "null", "__DELETE__", junkValue(r)])), mustReject: true }),
      ])();
    }
    case "threads.sync_custom_action": {
      const req = { type, params: { thread_id: T, item_id: t.cardItemId, action: { type: "tasks.confirm" } } };
      const key = r.pick(["thread_id", "item_id", "action"]);
      const raw = key === "thread_id" ? badThread() : key === "item_id" ? r.pick([JSON.stringify(badItemId(r)), JSON.stringify(t.userItemId), "null"]) : r.pick(["__DELETE__", junkValue(r)]);
      return { label: `sync action with a bad ${key}`, json: withParam(req, key, raw), mustReject: false };
    }
    case "unknown": {
      const raw = r.pick([
        '"threads.explode"',
        '"threads.stop"',
        '"attachments.create"',
        '"attachments.delete"',
        '"input.transcribe"',
        '"threads.add_structured_input"',
        '"THREADS.CREATE"',
        '"threads.create "',
        '""',
        JSON.stringify(`threads.${"x".repeat(r.between(10, 10_000))}`),
        '"__proto__"',
        '"constructor"',
        '"toString"',
        junkValue(r),
      ]);
      return { label: "unknown or wrong-typed type", json: fill({ type: "__SLOT__", params: { input: input(), thread_id: T } }, raw), mustReject: true };
    }
    case "envelope":
      return r.pick<() => ChatCase>([
        () => ({ label: "body not an object", json: nonObject(r), mustReject: true }),
        () => ({ label: "no type", json: JSON.stringify({ params: { input: input() } }), mustReject: true }),
        () => ({ label: "create with params of the wrong type", json: fill({ type: "threads.create", params: "__SLOT__" }, junkValue(r)), mustReject: true }),
        () => ({ label: "create with no params", json: JSON.stringify({ type: "threads.create" }), mustReject: true }),
        () => ({ label: "create with metadata of the wrong type", json: fill({ type: "threads.create", params: { input: input("") }, metadata: "__SLOT__" }, junkValue(r)), mustReject: true }),
        () => ({ label: "prototype keys with a bad input", json: `{"__proto__":{"type":"threads.create"},"constructor":{"prototype":{"x":1}},"type":"threads.create","params":{"input":{"content":[]}}}`, mustReject: true }),
      ])();
  }
}

function chatInput(r: Rng, t: FuzzTarget): FuzzInput {
  const c = chatCase(r, t);
  const base = { family: `chat:${c.label.split(":")[0]}`, method: "POST", path: "/api/chat", cookie: "user" as const };
  if (r.chance(0.12)) {
    const junk = transportJunk(r, c.json, 64 * 1024);
    return { ...base, family: "chat:transport", label: junk.label, headers: junk.headers, body: junk.body, mustReject: true };
  }
  if (r.chance(0.05)) return { ...base, family: "chat:auth", label: `${c.label}, no session`, headers: JSON_CT, body: { kind: "text", text: c.json }, cookie: "none", mustReject: true };
  if (r.chance(0.04)) return { ...base, family: "chat:auth", label: `${c.label}, forged session`, headers: JSON_CT, body: { kind: "text", text: c.json }, cookie: `better-auth.session_token=${r.string(32)}.${r.string(43)}`, mustReject: true };
  return { ...base, label: c.label, headers: JSON_CT, body: { kind: "text", text: c.json }, mustReject: c.mustReject };
}

// ---- /api/tasks -------------------------------------------------------------------------------------

const validTask = { title: "Fuzz task", description: "described", priority: "low", dueDate: "2031-01-02" };

function badTaskField(r: Rng): { label: string; key: string; raw: string } {
  return r.pick<() => { label: string; key: string; raw: string }>([
    () => ({ label: "title missing", key: "title", raw: "__DELETE__" }),
    () => ({ label: "title empty/blank", key: "title", raw: r.pick(['""', '"   "', '"\\n\\t"']) }),
    () => ({ label: "title over 200", key: "title", raw: JSON.stringify("t".repeat(r.between(201, 10_000))) }),
    () => ({ label: "title wrong type", key: "title", raw: r.pick(["12", "null", "true", "[]", '["a"]', "{}", deepArray(r.between(2, 2000))]) }),
    () => ({ label: "title with NUL", key: "title", raw: JSON.stringify(`milk\u0000${r.string(4)}`) }),
    () => ({ label: "title with an unpaired surrogate", key: "title", raw: r.pick(['"milk \\ud800"', '"\\udc00 eggs"', '"a\\ud83d"']) }),
    () => ({ label: "description over 2000", key: "description", raw: JSON.stringify("d".repeat(r.between(2001, 12_000))) }),
    () => ({ label: "description wrong type", key: "description", raw: r.pick(["5", "false", "[]", "{}"]) }),
    () => ({ label: "description with NUL", key: "description", raw: '"a\\u0000b"' }),
    () => ({ label: "priority unknown", key: "priority", raw: r.pick(['"urgent"', '""', '"HIGH"', "1", "null", "[]", '"low "']) }),
    () => ({ label: "dueDate invalid", key: "dueDate", raw: r.pick(['"2026-13-01"', '"2026-02-30"', '"1899-12-31"', '"10000-01-01"', '"2026-1-1"', '"tomorrow"', "20260101", '""', '" 2026-01-01"', '"2026-01-01T00:00:00Z"', "[]", "{}", '"0000-00-00"', '"2026-02-29"']) }),
    () => ({ label: "unknown field", key: r.pick(["id", "userId", "user_id", "completed", "completedAt", "createdAt", "x".repeat(300), "constructor"]), raw: r.pick(["1", '"x"', "true", "null"]) }),
  ])();
}

function realDate(v: unknown): boolean {
  if (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(v) || v < "1900-01-01" || v > "9999-12-31") return false;
  const [y, m, d] = v.split("-").map(Number);
  const date = new Date(Date.UTC(y!, m! - 1, d!));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m! - 1 && date.getUTCDate() === d;
}

const badText = (s: string) => s.includes("\u0000") || !s.isWellFormed();
const hasBadText = (v: unknown): boolean =>
  typeof v === "string" ? badText(v) : Array.isArray(v) ? v.some(hasBadText) : v !== null && typeof v === "object" ? Object.entries(v).some(([k, x]) => badText(k) || hasBadText(x)) : false;

/**
 * The API's own rules for a task body (createTaskSchema / updateTaskSchema), restated, so a
 * generated body is only used as "must be refused" when it really breaks one. NUL characters
 * and unpaired surrogates count as invalid: PostgreSQL cannot store them.
 */
export function taskBodyValid(json: string, mode: "create" | "patch"): boolean {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return false;
  }
  if (v === null || typeof v !== "object" || Array.isArray(v) || hasBadText(v)) return false;
  const o = v as Record<string, unknown>;
  const allowed = mode === "create" ? ["title", "description", "priority", "dueDate"] : ["title", "description", "priority", "dueDate", "completed"];
  if (Object.keys(o).some((k) => !allowed.includes(k))) return false;
  const title = (x: unknown) => typeof x === "string" && x.trim().length >= 1 && x.trim().length <= 200;
  if (mode === "create" ? !title(o.title) : "title" in o && !title(o.title)) return false;
  if ("description" in o && o.description !== null && !(typeof o.description === "string" && o.description.length <= 2000)) return false;
  if ("priority" in o && !["low", "medium", "high"].includes(o.priority as string)) return false;
  if ("dueDate" in o && o.dueDate !== null && !realDate(o.dueDate)) return false;
  if ("completed" in o && typeof o.completed !== "boolean") return false;
  if (mode === "patch" && !Object.keys(o).length) return false;
  return true;
}

/** A task body that breaks at least one rule. */
function taskBody(r: Rng, base: Record<string, unknown>, mode: "create" | "patch"): { label: string; json: string } {
  for (let attempt = 0; attempt < 20; attempt++) {
    const f = badTaskField(r);
    let json: string;
    if (f.raw === "__DELETE__") {
      const copy = { ...base };
      delete copy[f.key];
      json = JSON.stringify(copy);
    } else json = fill({ ...base, [f.key]: "__SLOT__" }, f.raw);
    if (!taskBodyValid(json, mode)) return { label: f.label, json };
  }
  return { label: "unknown field", json: JSON.stringify({ ...base, owner: "someone else" }) };
}

function taskQuery(r: Rng): string {
  const params: string[] = [];
  const n = r.between(1, 4);
  for (let i = 0; i < n; i++) {
    const key = r.pick(["status", "q", "sort", "order", "cursor", "limit", "today", "junk", "constructor", "__proto__", "status", "q%00", ""]);
    const value = r.pick<() => string>([
      () => r.pick(["active", "completed", "overdue", "all", "ACTIVE", "done", ""]),
      () => r.pick(["created", "due", "priority", "title", "random", "id; drop table tasks"]),
      () => r.pick(["asc", "desc", "up", "1"]),
      () => r.pick(["0", "-5", "101", "1e400", "abc", "50.5", "0x10", "%00", " 10"]),
      () => r.pick(["2026-02-30", "2026-01-01", "yesterday", "9999-99-99", "%00"]),
      () => encodeURIComponent("x".repeat(r.between(150, 3000))),
      () => "%00",
      () => `a%00b`,
      () => "%E0%A4%A",
      () => "%F0%9F%98%80%F0%9F",
      () => encodeURIComponent("%_\\"),
      () => Buffer.from(r.string(r.between(1, 80))).toString("base64url"),
      () => Buffer.from(JSON.stringify({ s: r.pick(["created", "due", "priority", "title", "x"]), o: r.pick(["asc", "desc"]), v: r.pick([null, "x", "2026-01-01", "high", "\u0000", "a\u0000b", "2026-99-99", "nope", 5, "v".repeat(500)]), id: r.pick([1, 0, -1, 1.5, "1", 2147483648]) })).toString("base64url"),
    ])();
    params.push(key ? `${key}=${value}` : value);
  }
  return params.join("&");
}

function tasksInput(r: Rng, t: FuzzTarget): FuzzInput {
  const base = { cookie: "user" as const, mustReject: true };
  const anyId = () => (r.chance(0.7) ? r.pick(BAD_PATH_IDS) : r.pick(MISSING_TASK_IDS));
  return r.pick<() => FuzzInput>([
    () => {
      if (r.chance(0.15)) {
        const junk = transportJunk(r, JSON.stringify(validTask), 16 * 1024);
        return { ...base, family: "tasks:POST", label: junk.label, method: "POST", path: "/api/tasks", headers: junk.headers, body: junk.body };
      }
      if (r.chance(0.1)) return { ...base, family: "tasks:POST", label: "body not an object", method: "POST", path: "/api/tasks", headers: JSON_CT, body: { kind: "text", text: nonObject(r) } };
      const b = taskBody(r, validTask, "create");
      return { ...base, family: "tasks:POST", label: b.label, method: "POST", path: "/api/tasks", headers: JSON_CT, body: { kind: "text", text: b.json } };
    },
    () => {
      // Own task + bad body, or bad/missing id + any body.
      if (r.chance(0.5)) {
        const b = r.chance(0.15) ? { label: "nothing to change", json: r.pick(["{}", '{"title":null}']) } : taskBody(r, { completed: true }, "patch");
        const bad = r.chance(0.2) ? { label: "completed wrong type", json: fill({ completed: "__SLOT__" }, r.pick(['"yes"', "1", "null", "[]", '"true"'])) } : b;
        return { ...base, family: "tasks:PATCH", label: `own task: ${bad.label}`, method: "PATCH", path: `/api/tasks/${t.taskId}`, headers: JSON_CT, body: { kind: "text", text: bad.json } };
      }
      if (r.chance(0.2)) {
        const junk = transportJunk(r, '{"completed":true}', 16 * 1024);
        return { ...base, family: "tasks:PATCH", label: `own task: ${junk.label}`, method: "PATCH", path: `/api/tasks/${t.taskId}`, headers: junk.headers, body: junk.body };
      }
      return { ...base, family: "tasks:PATCH", label: "bad or missing id", method: "PATCH", path: `/api/tasks/${anyId()}`, headers: JSON_CT, body: { kind: "text", text: '{"completed":true,"title":"Taken over"}' } };
    },
    () => ({ ...base, family: "tasks:DELETE", label: "bad or missing id", method: "DELETE", path: `/api/tasks/${anyId()}`, headers: {} }),
    () => ({ ...base, mustReject: false, family: "tasks:GET id", label: "bad or missing id", method: "GET", path: `/api/tasks/${anyId()}`, headers: {} }),
    () => ({ ...base, mustReject: false, family: "tasks:GET list", label: "junk query", method: "GET", path: `/api/tasks?${taskQuery(r)}`, headers: {} }),
    () => {
      // A forged cursor that matches the list's sort and order, so it reaches the query.
      const sort = r.pick(["created", "due", "priority", "title"]);
      const order = r.pick(["asc", "desc"]);
      const v = r.pick<string | number | null>([null, "1", "March 7", "2026-02-30 10:00:00+00", "2026-01-01 25:00:00+00", "2026-01-01 10:00:00+99", "2026-99-99", "2026-02-30", "1899-01-01", "urgent", "a\u0000b", "x".repeat(401), 5]);
      const id = r.pick<number | string>([1, 0, -1, 1.5, "1", 2147483648, 1e300, 99999999999]);
      const cursor = Buffer.from(JSON.stringify({ s: sort, o: order, v, id })).toString("base64url");
      return { ...base, mustReject: false, family: "tasks:GET list", label: "forged cursor", method: "GET", path: `/api/tasks?sort=${sort}&order=${order}&cursor=${cursor}`, headers: {} };
    },
    () => {
      const action = r.pick(["complete", "uncomplete", "delete"]);
      const variants: Array<() => { label: string; json: string }> = [
        () => ({ label: "unknown action", json: fill({ action: "__SLOT__", ids: [t.taskId] }, r.pick(['"destroy"', '""', '"DELETE"', "1", "null", "[]"])) }),
        () => ({ label: "action missing", json: JSON.stringify({ ids: [t.taskId] }) }),
        () => ({ label: "no ids", json: JSON.stringify({ action, ids: [] }) }),
        () => ({ label: "101 ids", json: JSON.stringify({ action, ids: Array.from({ length: 101 }, (_, i) => i + 1) }) }),
        () => ({ label: "ids of the wrong type", json: fill({ action, ids: "__SLOT__" }, r.pick(['"1,2"', "1", "null", "{}", '["1"]', "[1.5]", "[0]", "[-3]", "[2147483648]", "[null]", "[[1]]"])) }),
        () => ({ label: "own and missing id (all or nothing)", json: JSON.stringify({ action, ids: [t.taskId, Number(r.pick(MISSING_TASK_IDS))] }) }),
        () => ({ label: "missing ids only", json: JSON.stringify({ action, ids: [Number(r.pick(MISSING_TASK_IDS))] }) }),
        () => ({ label: "unknown field", json: JSON.stringify({ action, ids: [t.taskId], force: true }) }),
        () => ({ label: "body not an object", json: nonObject(r) }),
      ];
      const v = r.pick(variants)();
      if (r.chance(0.1)) {
        const junk = transportJunk(r, JSON.stringify({ action, ids: [t.taskId] }), 16 * 1024);
        return { ...base, family: "tasks:bulk", label: junk.label, method: "POST", path: "/api/tasks/bulk", headers: junk.headers, body: junk.body };
      }
      return { ...base, family: "tasks:bulk", label: v.label, method: "POST", path: "/api/tasks/bulk", headers: JSON_CT, body: { kind: "text", text: v.json } };
    },
    () => ({ ...base, family: "tasks:method", label: "unsupported method", method: r.pick(["PUT", "DELETE", "PATCH"]), path: r.pick(["/api/tasks", "/api/tasks/bulk"]), headers: JSON_CT, body: { kind: "text", text: JSON.stringify(validTask) } }),
    () => ({ ...base, family: "tasks:auth", label: "write with no or a forged session", method: "POST", path: "/api/tasks", headers: JSON_CT, body: { kind: "text", text: JSON.stringify(validTask) }, cookie: r.chance(0.5) ? "none" : `better-auth.session_token=${r.string(32)}` }),
  ])();
}

// ---- /api/keys ------------------------------------------------------------------------------------

function keysInput(r: Rng, t: FuzzTarget): FuzzInput {
  const base = { family: "keys", cookie: "user" as const, mustReject: true };
  return r.pick<() => FuzzInput>([
    () => {
      const raw = r.pick(['""', '"   "', JSON.stringify("k".repeat(r.between(61, 5000))), "5", "null", "[]", "{}", '"a\\u0000"', deepArray(r.between(2, 1000))]);
      return { ...base, family: "keys:POST", label: "bad name", method: "POST", path: "/api/keys", headers: JSON_CT, body: { kind: "text", text: fill({ name: "__SLOT__" }, raw) } };
    },
    () => ({ ...base, family: "keys:POST", label: "unknown field", method: "POST", path: "/api/keys", headers: JSON_CT, body: { kind: "text", text: JSON.stringify({ name: "Laptop", [r.pick(["userId", "hash", "prefix", "revokedAt", "id"])]: "x" }) } }),
    () => ({ ...base, family: "keys:POST", label: "body not an object", method: "POST", path: "/api/keys", headers: JSON_CT, body: { kind: "text", text: nonObject(r) } }),
    () => {
      const junk = transportJunk(r, '{"name":"Laptop"}', 16 * 1024);
      return { ...base, family: "keys:POST", label: junk.label, method: "POST", path: "/api/keys", headers: junk.headers, body: junk.body };
    },
    () => ({ ...base, family: "keys:DELETE", label: "bad or unknown key id", method: "DELETE", path: `/api/keys/${r.chance(0.5) ? r.uuid() : r.pick(BAD_PATH_IDS)}`, headers: {} }),
    () => ({ ...base, mustReject: false, family: "keys:GET", label: "list with junk query", method: "GET", path: `/api/keys?${taskQuery(r)}`, headers: {} }),
    () => ({ ...base, family: "keys:auth", label: "create with no session", method: "POST", path: "/api/keys", headers: JSON_CT, body: { kind: "text", text: '{"name":"Stolen"}' }, cookie: "none" }),
    () => ({ ...base, mustReject: false, family: "me", label: "GET /api/me with junk cookies", method: "GET", path: "/api/me", headers: {}, cookie: r.pick(["none", "better-auth.session_token=", `better-auth.session_token=${"%".repeat(50)}`, `${t.cookie}x`, "a=b; a=c; better-auth.session_token=null"]) }),
  ])();
}

// ---- /api/mcp ----------------------------------------------------------------------------------------

const MCP_ACCEPT = { accept: "application/json, text/event-stream", "content-type": "application/json" };

/** Tool arguments the tools' strict schemas refuse, so no tool ever runs (and nothing is recorded). */
function badToolArgs(r: Rng): { name: string; args: string } {
  const name = r.pick(["add_task", "add_tasks", "list_tasks", "complete_task", "complete_tasks", "update_task", "update_tasks", "delete_task", "delete_tasks", "undo_last_change"]);
  const extraKey = () => `"${r.pick(["userId", "user_id", "sql", "__proto__x", "x".repeat(100)])}":${r.pick(["1", '"x"', "null"])}`;
  const variants: Record<string, Array<() => string>> = {
    add_task: [() => `{}`, () => fill({ title: "__SLOT__" }, r.pick(["5", "null", '""', JSON.stringify("t".repeat(201)), "[]"])), () => `{"title":"ok",${extraKey()}}`, () => `{"title":"ok","dueDate":"2026-02-30"}`, () => `{"title":"ok","priority":"urgent"}`, () => `{"title":"a\\u0000b"}`],
    list_tasks: [() => `{${extraKey()}}`, () => `{"status":"bogus"}`, () => `{"limit":0}`, () => `{"limit":"10"}`, () => `{"search":${JSON.stringify("s".repeat(201))}}`, () => `{"sort":1}`, () => `{"search":"\\u0000"}`],
    complete_task: [() => `{}`, () => `{"id":"1"}`, () => `{"id":0}`, () => `{"id":-1}`, () => `{"id":1.5}`, () => `{"id":2147483648}`, () => `{"id":1,${extraKey()}}`, () => `{"id":1,"completed":"yes"}`],
    update_task: [() => `{}`, () => `{"id":null,"title":"x"}`, () => `{"id":1,"title":""}`, () => `{"id":1,"priority":"urgent"}`, () => `{"id":1,${extraKey()}}`, () => `{"id":"abc"}`],
    delete_task: [() => `{}`, () => `{"id":"1"}`, () => `{"id":[1]}`, () => `{"id":1,${extraKey()}}`, () => `{"id":-5}`],
    add_tasks: [() => `{}`, () => `{"tasks":[]}`, () => `{"tasks":{}}`, () => `{"tasks":[{"title":""}]}`, () => `{"tasks":${JSON.stringify(Array.from({ length: 26 }, (_, i) => ({ title: `t${i}` })))}}`, () => `{"tasks":[{"title":"ok",${extraKey()}}]}`, () => `{"tasks":[{"title":"ok"}],${extraKey()}}`],
    complete_tasks: [() => `{}`, () => `{"ids":[]}`, () => `{"ids":"1"}`, () => `{"ids":[0]}`, () => `{"ids":[1.5]}`, () => `{"ids":${JSON.stringify(Array.from({ length: 51 }, (_, i) => i + 1))}}`, () => `{"ids":[1],"completed":"yes"}`, () => `{"ids":[1],${extraKey()}}`],
    update_tasks: [() => `{}`, () => `{"ids":[1]}`, () => `{"ids":[1],"changes":{}}`, () => `{"ids":[1],"changes":{"title":""}}`, () => `{"ids":[1],"changes":{"priority":"urgent"}}`, () => `{"ids":[1],"changes":{${extraKey()}}}`, () => `{"ids":[-1],"changes":{"title":"x"}}`],
    delete_tasks: [() => `{}`, () => `{"ids":[]}`, () => `{"ids":[null]}`, () => `{"ids":[2147483648]}`, () => `{"ids":[1],${extraKey()}}`],
    undo_last_change: [() => `{"changeSetId":"nope"}`, () => `{"changeSetId":1}`, () => `{"changeSetId":"00000000-0000-0000-0000-00000000000g"}`, () => `{${extraKey()}}`],
  };
  return { name, args: r.pick(variants[name]!)() };
}

function mcpInput(r: Rng, t: FuzzTarget): FuzzInput {
  const auth = { authorization: `Bearer ${t.apiKey}` };
  const base = { family: "mcp", method: "POST", path: "/api/mcp", cookie: "none" as const, mustReject: false };
  const rpc = (json: string, label: string, headers: Record<string, string> = { ...MCP_ACCEPT, ...auth }): FuzzInput => ({ ...base, label, headers, body: { kind: "text", text: json } });
  const id = () => r.pick(["1", '"a"', "null", "{}", "[]", "1.5", "true", JSON.stringify("i".repeat(1000))]);
  return r.pick<() => FuzzInput>([
    () => {
      const a = badToolArgs(r);
      return rpc(`{"jsonrpc":"2.0","id":${r.between(1, 9999)},"method":"tools/call","params":{"name":"${a.name}","arguments":${a.args}}}`, `tools/call ${a.name} with bad arguments`);
    },
    () => rpc(`{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":${JSON.stringify(r.pick(["nope", "", "add_task ", "ADD_TASK", "x".repeat(5000), "../add_task", "add_task\u0000"]))},"arguments":{}}}`, "tools/call of an unknown tool"),
    () => rpc(fill({ jsonrpc: "2.0", id: 1, method: "tools/call", params: "__SLOT__" }, junkValue(r)), "tools/call with params of the wrong type"),
    () => rpc(fill({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "add_task", arguments: "__SLOT__" } }, r.pick(['"title=x"', "5", "[]", "true", deepArray(50)])), "tools/call with arguments not an object"),
    () => rpc(`{"jsonrpc":${r.pick(['"1.0"', '"3.0"', "2", "null", '""'])},"id":1,"method":"tools/list"}`, "wrong jsonrpc version"),
    () => rpc(`{"jsonrpc":"2.0","id":${id()},"method":"tools/list"}`, "odd request ids"),
    () => rpc(`{"jsonrpc":"2.0","id":1,"method":${r.pick(['"nope"', '""', "5", "null", '"tools/list/x"', '"rpc.discover"', JSON.stringify("m".repeat(3000))])}}`, "unknown or wrong-typed method"),
    () => rpc(`{"jsonrpc":"2.0","id":1}`, "no method"),
    () => rpc(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":${r.pick(["{}", "null", '{"protocolVersion":5}', junkValue(r)])}}`, "initialize with bad params"),
    () => rpc(`{"jsonrpc":"2.0","method":"notifications/${r.pick(["initialized", "cancelled", "bogus"])}"${r.chance(0.5) ? `,"params":${junkValue(r)}` : ""}}`, "notifications"),
    () => rpc(`{"jsonrpc":"2.0","id":1,"method":"tools/list"}`, "tools/list (a read)"),
    () => rpc(r.pick(["[]", "[ ]", "[1]", '[{"jsonrpc":"2.0","id":1,"method":"tools/list"},5]', `[${Array.from({ length: 50 }, (_, i) => `{"jsonrpc":"2.0","id":${i},"method":"tools/call","params":{"name":"nope","arguments":{}}}`).join(",")}]`]), "batches"),
    () => rpc(nonObject(r), "body not an object"),
    () => {
      const junk = transportJunk(r, '{"jsonrpc":"2.0","id":1,"method":"tools/list"}', 256 * 1024, false);
      return { ...rpc("", `transport: ${junk.label}`), headers: { accept: MCP_ACCEPT.accept, ...auth, ...junk.headers }, body: junk.body };
    },
    () => rpc(`{"jsonrpc":"2.0","id":1,"method":"tools/list"}`, "wrong Accept", { ...auth, "content-type": "application/json", accept: r.pick(["text/html", "application/json", "text/event-stream", "*/*"]) }),
    () => {
      const authorization = r.pick(["", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", `Bearer ttk_${r.string(43)}`, `Bearer ${t.apiKey}x`, `Bearer ${t.apiKey.slice(0, -1)}`, `Token ${t.apiKey}`, `Bearer ${"ttk_".padEnd(500, "a")}`, `Bearer ${t.apiKey} extra`]);
      return rpc(`{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"add_task","arguments":{"title":"Via a bad key"}}}`, "bad Authorization", { ...MCP_ACCEPT, ...(authorization ? { authorization } : {}) });
    },
    () => ({ ...rpc("", "GET/DELETE/PUT"), method: r.pick(["GET", "DELETE", "PUT"]), body: undefined }),
  ])();
}

// ---- Better Auth -----------------------------------------------------------------------------------------

/** Sign-up bodies that break the sign-up rules (name 1–100 characters, a valid email ≤ 254, password 8–128): no user may come of them. */
function signUpBody(r: Rng, t: FuzzTarget): { label: string; json: string } {
  const email = () => `fuzz-${r.string(10)}@example.com`;
  const good = () => ({ name: "Fuzz Person", email: email(), password: "correct horse battery" });
  return r.pick<() => { label: string; json: string }>([
    () => ({ label: "name missing", json: JSON.stringify({ email: email(), password: "correct horse battery" }) }),
    () => ({ label: "name empty/blank", json: JSON.stringify({ ...good(), name: r.pick(["", "   ", "\n\t"]) }) }),
    () => ({ label: "name over 100 characters", json: JSON.stringify({ ...good(), name: "N".repeat(r.between(101, 20_000)) }) }),
    () => ({ label: "name with NUL", json: JSON.stringify({ ...good(), name: "Fuzz\u0000Person" }) }),
    () => ({ label: "name wrong type", json: fill({ ...good(), name: "__SLOT__" }, r.pick(["5", "null", "[]", "{}", "true"])) }),
    () => ({ label: "email invalid", json: JSON.stringify({ ...good(), email: r.pick(["nope", "a@", "@example.com", "a b@example.com", "a@@example.com", "", " ", "<a@example.com>", "a@example.com\u0000"]) }) }),
    () => ({ label: "email over 254 characters", json: JSON.stringify({ ...good(), email: `${"e".repeat(r.between(250, 5000))}@example.com` }) }),
    () => ({ label: "email wrong type", json: fill({ ...good(), email: "__SLOT__" }, r.pick(["5", "null", '["a@example.com"]', '{"$ne":null}'])) }),
    () => ({ label: "email taken (the fuzz user's)", json: JSON.stringify({ ...good(), email: t.email }) }),
    () => ({ label: "password too short", json: JSON.stringify({ ...good(), password: "p".repeat(r.between(0, 7)) }) }),
    () => ({ label: "password too long", json: JSON.stringify({ ...good(), password: "p".repeat(r.between(129, 100_000)) }) }),
    () => ({ label: "password wrong type", json: fill({ ...good(), password: "__SLOT__" }, r.pick(["12345678", "null", "[]", "{}", "true"])) }),
    () => ({ label: "image wrong type", json: JSON.stringify({ ...good(), name: "", image: 5 }) }),
    () => ({ label: "callbackURL off-site", json: JSON.stringify({ ...good(), name: "", callbackURL: "https://evil.example/x" }) }),
    () => ({ label: "body not an object", json: nonObject(r) }),
  ])();
}

function authInput(r: Rng, t: FuzzTarget): FuzzInput {
  const base = { method: "POST", cookie: "none" as const, authRoute: true, mustReject: true };
  if (r.chance(0.55)) {
    const path = "/api/auth/sign-up/email";
    if (r.chance(0.15)) {
      const junk = transportJunk(r, `{"name":"","email":"x","password":"y"}`, 64 * 1024, false);
      return { ...base, family: "auth:sign-up", label: junk.label, path, headers: junk.headers, body: junk.body };
    }
    if (r.chance(0.08)) {
      return { ...base, family: "auth:sign-up", label: "form-encoded junk", path, headers: { "content-type": "application/x-www-form-urlencoded" }, body: { kind: "text", text: `name=&email=${encodeURIComponent("not-an-email")}&password=x` } };
    }
    const b = signUpBody(r, t);
    return { ...base, family: "auth:sign-up", label: b.label, path, headers: JSON_CT, body: { kind: "text", text: b.json } };
  }
  const path = "/api/auth/sign-in/email";
  const body = r.pick<() => { label: string; json: string }>([
    () => ({ label: "wrong password", json: JSON.stringify({ email: t.email, password: `wrong-${r.string(8)}` }) }),
    () => ({ label: "unknown email", json: JSON.stringify({ email: `nobody-${r.string(8)}@example.com`, password: "correct horse battery" }) }),
    () => ({ label: "operator injection", json: fill({ email: "__SLOT__", password: "x" }, r.pick(['{"$gt":""}', '{"$ne":null}', "[]", "null", "5"])) }),
    () => ({ label: "password wrong type", json: fill({ email: t.email, password: "__SLOT__" }, r.pick(['{"$ne":""}', "[]", "null", "true", "12345678"])) }),
    () => ({ label: "email invalid/oversized", json: JSON.stringify({ email: r.pick(["x", `${"e".repeat(5000)}@example.com`, "a@b\u0000.com", ""]), password: "x" }) }),
    () => ({ label: "body not an object", json: nonObject(r) }),
    () => ({ label: "fields missing", json: r.pick(["{}", `{"email":${JSON.stringify(t.email)}}`, '{"password":"x"}']) }),
  ])();
  if (r.chance(0.12)) {
    const junk = transportJunk(r, body.json, 64 * 1024, false);
    return { ...base, family: "auth:sign-in", label: junk.label, path, headers: junk.headers, body: junk.body };
  }
  return { ...base, family: "auth:sign-in", label: body.label, path, headers: JSON_CT, body: { kind: "text", text: body.json } };
}

// ---- everything ----------------------------------------------------------------------------------------------

function elsewhere(r: Rng): FuzzInput {
  const path = r.pick(["/api/nope", "/api/tasks/1/2", "/api/chat/x", "/api/keys/a/b", "/api/auth/nope", "/api/auth/sign-up/email/x", "/api/mcp/x", `/api/${"x".repeat(2000)}`, "/api/tasks/%2e%2e/keys"]);
  return { family: "routes:unknown", label: "unknown route", method: r.pick(["GET", "POST", "DELETE"]), path, headers: JSON_CT, body: undefined, cookie: "user", mustReject: false };
}

/** The i-th input of the run: which endpoint is drawn by weight. */
export function generateInput(r: Rng, t: FuzzTarget): FuzzInput {
  return r.weighted<(r: Rng, t: FuzzTarget) => FuzzInput>([
    [34, chatInput],
    [24, tasksInput],
    [8, keysInput],
    [16, mcpInput],
    [16, authInput],
    [2, elsewhere],
  ])(r, t);
}
