import { afterEach, describe, expect, it, vi } from "vitest";
import type { ThreadItem } from "@/lib/chatkit/schemas";
import {
  ITEM_SCHEMA_VERSION,
  parseAgentItems,
  parsePausedRun,
  parseStoredItem,
  parseStoredItemOf,
  readAgentHistory,
  readPausedRun,
  readStoredItems,
  StoredDataError,
  toStoredPayload,
} from "@/lib/chatkit/stored";

/**
 * Every kind the chat tables store: parsed at the current version, rejected when malformed, and
 * upgraded from version 0 (every row written before `schema_version`). Fixtures are the shapes
 * the server writes (lib/chatkit/turn.ts, server.ts, widgets.ts).
 */

const base = { thread_id: "3c5e1f0a-2b1d-4c7e-9f00-0123456789ab", created_at: "2026-11-30T12:00:00.000Z" };

const items: Record<string, ThreadItem> = {
  user_message: {
    ...base,
    type: "user_message",
    id: "msg_u1",
    content: [
      { type: "input_text", text: "delete " },
      { type: "input_tag", id: "t1", text: "Buy milk", data: {}, interactive: false },
    ],
    attachments: [],
    quoted_text: "earlier",
    inference_options: {},
  },
  assistant_message: { ...base, type: "assistant_message", id: "msg_a1", content: [{ type: "output_text", text: "Done.", annotations: [] }] },
  widget: {
    ...base,
    type: "widget",
    id: "wdg_1",
    widget: { type: "Card", size: "sm", children: [{ type: "Title", value: "Delete “Buy milk”?" }], confirm: { label: "Delete", action: { type: "tasks.confirm", payload: {} } } },
    copy_text: "Delete “Buy milk”?",
  },
  workflow: {
    ...base,
    type: "workflow",
    id: "wf_1",
    workflow: { type: "custom", tasks: [{ type: "custom", title: "Deleting a task", icon: "trash", status_indicator: "none", content: "Waiting for your confirmation." }], summary: { title: "Deleting a task", icon: "check-circle" }, expanded: false },
  },
  hidden_context_item: { ...base, type: "hidden_context_item", id: "hid_1", content: "The user did not confirm (Delete?), so nothing was changed." },
  sdk_hidden_context: { ...base, type: "sdk_hidden_context", id: "hid_2", content: "agent turn" },
  client_tool_call: { ...base, type: "client_tool_call", id: "ctc_1", status: "pending", call_id: "call_1", name: "pick", arguments: { a: 1 } },
};

/** A malformed payload of each kind: the field the kind cannot do without is wrong. */
const malformed: Record<string, (item: Record<string, unknown>) => Record<string, unknown>> = {
  user_message: (i) => ({ ...i, content: "delete it" }),
  assistant_message: (i) => ({ ...i, content: [{ type: "output_text", text: 42, annotations: [] }] }),
  widget: (i) => ({ ...i, widget: { type: "Modal" } }),
  workflow: (i) => ({ ...i, workflow: { type: "custom", tasks: [{ type: "custom", status_indicator: "spinning" }], expanded: false } }),
  hidden_context_item: (i) => ({ ...i, id: "" }),
  sdk_hidden_context: (i) => ({ ...i, thread_id: undefined }),
  client_tool_call: (i) => ({ ...i, status: "running" }),
};

/** What a version-0 row of each kind may lack, and what the upgrade puts there. */
const version0: Record<string, { strip: (item: Record<string, unknown>) => Record<string, unknown>; expect: (item: ThreadItem) => void }> = {
  user_message: {
    strip: ({ attachments: _a, inference_options: _o, ...rest }) => rest,
    expect: (item) => expect(item).toMatchObject({ attachments: [], inference_options: {} }),
  },
  assistant_message: {
    strip: (i) => ({ ...i, content: [{ type: "output_text", text: "Done." }] }),
    expect: (item) => expect(item).toMatchObject({ content: [{ type: "output_text", text: "Done.", annotations: [] }] }),
  },
  workflow: {
    strip: (i) => {
      const { expanded: _e, ...workflow } = i.workflow as Record<string, unknown>;
      return { ...i, workflow };
    },
    expect: (item) => expect(item).toMatchObject({ workflow: { expanded: false } }),
  },
};

function withoutVersion(item: ThreadItem): Record<string, unknown> {
  const { schema_version: _v, ...rest } = toStoredPayload(item);
  return rest;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe.each(Object.keys(items))("stored %s", (kind) => {
  const item = items[kind]!;

  it("parses a current payload back to the item, without schema_version", () => {
    const payload = toStoredPayload(item);
    expect(payload.schema_version).toBe(ITEM_SCHEMA_VERSION);
    const parsed = parseStoredItem(JSON.parse(JSON.stringify(payload)), item.id);
    expect(parsed).toEqual(item);
    expect(parsed).not.toHaveProperty("schema_version");
    expect(parseStoredItemOf(item.type, payload).id).toBe(item.id);
  });

  it("rejects a malformed payload with a StoredDataError naming the item", () => {
    const bad = malformed[kind]!(toStoredPayload(item));
    expect(() => parseStoredItem(bad, item.id)).toThrow(StoredDataError);
    expect(() => parseStoredItem(bad, item.id)).toThrow(item.id);
  });

  it("upgrades a version-0 (unversioned) payload to the current version", () => {
    const v0 = version0[kind];
    const legacy = v0 ? v0.strip(withoutVersion(item)) : withoutVersion(item);
    expect(legacy).not.toHaveProperty("schema_version");
    // Without the upgrade the lacking fields would fail the current schema.
    if (v0) expect(() => parseStoredItem({ ...legacy, schema_version: ITEM_SCHEMA_VERSION })).toThrow(StoredDataError);
    const parsed = parseStoredItem(legacy);
    expect(parsed).not.toHaveProperty("schema_version");
    if (v0) v0.expect(parsed);
    else expect(parsed).toEqual(item);
  });
});

describe("stored item versions and kinds", () => {
  it("rejects a version newer than this server knows, and a bad version", () => {
    const payload = toStoredPayload(items.assistant_message!);
    expect(() => parseStoredItem({ ...payload, schema_version: ITEM_SCHEMA_VERSION + 1 })).toThrow(/newer than this server/);
    expect(() => parseStoredItem({ ...payload, schema_version: "1" })).toThrow(/bad schema_version/);
    expect(() => parseStoredItem({ ...payload, schema_version: -1 })).toThrow(/bad schema_version/);
  });

  it("rejects an unknown type, a non-object, and a row of the wrong kind", () => {
    expect(() => parseStoredItem({ ...toStoredPayload(items.widget!), type: "image" })).toThrow(/unknown item type/);
    expect(() => parseStoredItem(null, "msg_x")).toThrow(/msg_x is unreadable: the payload is not an object/);
    expect(() => parseStoredItem([1, 2])).toThrow(StoredDataError);
    expect(() => parseStoredItemOf("widget", toStoredPayload(items.workflow!))).toThrow(/it is a workflow/);
  });

  it("keeps fields it does not know (a newer writer's additions pass through)", () => {
    const parsed = parseStoredItem({ ...toStoredPayload(items.widget!), extra: { kept: true } });
    expect(parsed).toMatchObject({ extra: { kept: true } });
  });

  it("readStoredItems leaves out and logs an unreadable row, keeping the order of the rest", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const rows = [
      { id: "msg_u1", payload: toStoredPayload(items.user_message!) },
      { id: "msg_bad", payload: { type: "assistant_message", id: "msg_bad" } },
      { id: "wf_1", payload: withoutVersion(items.workflow!) },
    ];
    expect(readStoredItems(rows).map((i) => i.id)).toEqual(["msg_u1", "wf_1"]);
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0]![0])).toMatch(/stored assistant_message msg_bad is unreadable: .*content.*\(left out\)/);
  });
});

describe("stored agent items", () => {
  const history = [
    { role: "user", content: "delete buy milk" },
    { type: "function_call", callId: "call_1", name: "delete_task", arguments: '{"id":1}', status: "completed" },
    { type: "function_call_result", callId: "call_1", name: "delete_task", status: "completed", output: { type: "text", text: "Deleted." } },
    { role: "assistant", status: "completed", type: "message", content: [{ type: "output_text", text: "Deleted it." }] },
    { role: "system", content: "The user stopped the previous answer before it finished." },
    { type: "reasoning", content: [{ type: "input_text", text: "thinking" }] },
    // A kind outside the per-type shortcut is checked against the SDK's whole union.
    { type: "unknown", providerData: { kept: true } },
  ];

  it("parses the SDK's items, unchanged", () => {
    expect(parseAgentItems(JSON.parse(JSON.stringify(history)))).toEqual(history);
    expect(parseAgentItems(null)).toEqual([]);
  });

  it("rejects what the SDK's schema does not accept", () => {
    expect(() => parseAgentItems({ role: "user", content: "not a list" }, "msg_1")).toThrow(/agent items msg_1/);
    expect(() => parseAgentItems([{ role: "user", content: 42 }])).toThrow(StoredDataError);
    expect(() => parseAgentItems([{ type: "function_call", callId: "c" }])).toThrow(StoredDataError);
    expect(() => parseAgentItems([{ role: "user", content: "ok" }, { type: "bogus" }])).toThrow(/item 1/);
    expect(() => parseAgentItems(["text"])).toThrow(StoredDataError);
  });

  it("reads version-0 rows as they are (the format is the SDK's, unchanged), leaving out and logging a bad row", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const rows = [{ id: "a", agentItems: history.slice(0, 1) }, { id: "b", agentItems: [{ nonsense: true }] }, { id: "c", agentItems: history.slice(1) }];
    expect(readAgentHistory(rows)).toEqual(history);
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0]![0])).toMatch(/stored agent items b is unreadable/);
  });
});

describe("stored paused runs", () => {
  const state = JSON.stringify({ $schemaVersion: "1.0", context: { context: { priorItemCount: 7 }, usage: {} }, originalInput: [] });
  const row = { conversationId: base.thread_id, userId: "user_1", widgetItemId: "wdg_1", state, priorItemCount: 3, createdAt: new Date("2026-11-30T12:00:00Z") };
  const resumable = { widgetItemId: "wdg_1", state, priorItemCount: 3 };

  it("parses a current record to what a resume needs, with its own prior_item_count (not the one in the state)", () => {
    expect(parsePausedRun(row)).toEqual(resumable);
  });

  it("rejects a malformed record", () => {
    expect(() => parsePausedRun({ ...row, priorItemCount: -1 })).toThrow(StoredDataError);
    expect(() => parsePausedRun({ ...row, priorItemCount: 1.5 })).toThrow(StoredDataError);
    expect(() => parsePausedRun({ ...row, state: "not json" })).toThrow(/paused run .* is unreadable: state/);
    expect(() => parsePausedRun({ ...row, widgetItemId: "" })).toThrow(StoredDataError);
    expect(() => parsePausedRun({ ...row, priorItemCount: null, state: "{broken" })).toThrow(StoredDataError);
  });

  it("upgrades a version-0 record (paused before the column: null) from the SDK's serialized context", () => {
    expect(parsePausedRun({ ...row, priorItemCount: null }).priorItemCount).toBe(7);
    const noContext = JSON.stringify({ $schemaVersion: "1.0", context: { usage: {} } });
    expect(parsePausedRun({ ...row, priorItemCount: null, state: noContext }).priorItemCount).toBe(0);
    expect(() => parsePausedRun({ ...row, priorItemCount: null, state: JSON.stringify({ context: { context: { priorItemCount: "7" } } }) })).toThrow(StoredDataError);
  });

  it("readPausedRun logs an unreadable record and reads it as absent", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(readPausedRun({ ...row, state: "" })).toBeUndefined();
    expect(readPausedRun(undefined)).toBeUndefined();
    expect(readPausedRun(row)).toEqual(resumable);
    expect(log).toHaveBeenCalledTimes(1);
  });
});
