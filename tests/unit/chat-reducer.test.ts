import { describe, expect, it } from "vitest";
import {
  applyEvent,
  applyEvents,
  assistantText,
  chatReducer,
  initialChatState,
  itemsFromDescPage,
  lastAnswer,
  lastStoredUserMessage,
  lastUserMessage,
  prependItems,
  type ChatState,
} from "@/lib/chatkit/reducer";
import type { ChatKitEvent, Thread, ThreadItem, UserMessageItem, WidgetItem, WorkflowItem } from "@/lib/chatkit/schemas";

/**
 * The built-in client's reducer, fed the event sequences the server sends (their shapes are
 * asserted in tests/integration/chatkit-protocol.test.ts): a new thread with a tool call and a
 * streamed reply, then a confirmation card that is cancelled and replaced.
 */

const T = "2026-11-25T10:00:00.000Z";
const THREAD_ID = "3f0c2d4e-5b6a-4c7d-8e9f-0a1b2c3d4e5f";
const thread: Thread = { id: THREAD_ID, created_at: T, status: { type: "active" }, items: { data: [], has_more: false } };

const userItem: UserMessageItem = {
  type: "user_message",
  id: "msg_user01",
  thread_id: THREAD_ID,
  created_at: T,
  content: [{ type: "input_text", text: "add buy milk tomorrow" }],
  attachments: [],
  inference_options: {},
};
const workflow: WorkflowItem = { type: "workflow", id: "wf_0001", thread_id: THREAD_ID, created_at: T, workflow: { type: "custom", tasks: [], expanded: false } };
const addingTask = { type: "custom" as const, title: "Adding “Buy milk”", icon: "plus", status_indicator: "loading" as const };
const reply = { type: "assistant_message" as const, id: "msg_reply01", thread_id: THREAD_ID, created_at: T, content: [] };
const text = (delta: string): ChatKitEvent => ({
  type: "thread.item.updated",
  item_id: reply.id,
  update: { type: "assistant_message.content_part.text_delta", content_index: 0, delta },
});
const finalText = "Added “Buy milk” (due tomorrow).";

/** threads.create "add buy milk tomorrow": the canonical sequence. */
const createTurn: ChatKitEvent[] = [
  { type: "thread.created", thread },
  { type: "thread.item.done", item: userItem },
  { type: "stream_options", stream_options: { allow_cancel: true } },
  { type: "thread.item.added", item: workflow },
  { type: "progress_update", text: "Adding “Buy milk”…", icon: "plus" },
  { type: "thread.item.updated", item_id: workflow.id, update: { type: "workflow.task.added", task_index: 0, task: addingTask } },
  {
    type: "thread.item.updated",
    item_id: workflow.id,
    update: { type: "workflow.task.updated", task_index: 0, task: { ...addingTask, status_indicator: "complete", content: "Added task #1 “Buy milk”" } },
  },
  {
    type: "thread.item.done",
    item: {
      ...workflow,
      workflow: { type: "custom", tasks: [{ ...addingTask, status_indicator: "complete", content: "Added task #1 “Buy milk”" }], expanded: false, summary: { title: "Adding “Buy milk”", icon: "check-circle" } },
    },
  },
  { type: "thread.item.added", item: reply },
  { type: "thread.item.updated", item_id: reply.id, update: { type: "assistant_message.content_part.added", content_index: 0, content: { type: "output_text", text: "", annotations: [] } } },
  text("Added "),
  text("“Buy "),
  text("milk” "),
  text("(due "),
  text("tomorrow)."),
  {
    type: "thread.item.updated",
    item_id: reply.id,
    update: { type: "assistant_message.content_part.done", content_index: 0, content: { type: "output_text", text: finalText, annotations: [] } },
  },
  { type: "thread.item.done", item: { ...reply, content: [{ type: "output_text", text: finalText, annotations: [] }] } },
  { type: "thread.updated", thread: { ...thread, title: "Add buy milk tomorrow" } },
];

const card: WidgetItem = {
  type: "widget",
  id: "wdg_card01",
  thread_id: THREAD_ID,
  created_at: T,
  copy_text: "Delete “Buy milk”?",
  widget: {
    type: "Card",
    size: "sm",
    status: { text: "Confirmation required", icon: "info" },
    children: [
      { type: "Title", value: "Delete “Buy milk”?", size: "sm" },
      { type: "Text", value: "You can undo it afterwards.", color: "secondary", size: "sm" },
    ],
    confirm: { label: "Delete", action: { type: "tasks.confirm", payload: {} } },
    cancel: { label: "Cancel", action: { type: "tasks.cancel", payload: {} } },
  },
};
const resolved: WidgetItem = {
  ...card,
  widget: {
    type: "Card",
    size: "sm",
    collapsed: true,
    status: { text: "Cancelled", icon: "empty-circle" },
    children: [
      { type: "Title", value: "Delete “Buy milk”?", size: "sm", color: "secondary" },
      { type: "Text", value: "Okay, I kept “Buy milk”. Nothing was deleted.", size: "sm" },
    ],
  },
};

describe("applyEvent: a new thread with a tool call and a streamed reply", () => {
  it("builds the thread, its items and the streamed text", () => {
    const state = applyEvents(initialChatState, createTurn);
    expect(state.thread).toEqual({ id: THREAD_ID, created_at: T, status: { type: "active" }, title: "Add buy milk tomorrow" });
    expect(state.items.map((i) => `${i.type}:${i.id}`)).toEqual(["user_message:msg_user01", "workflow:wf_0001", "assistant_message:msg_reply01"]);
    expect(assistantText(state.items[2]!)).toBe(finalText);
    expect(state.items[1]).toMatchObject({ workflow: { tasks: [{ title: "Adding “Buy milk”", status_indicator: "complete" }], summary: { title: "Adding “Buy milk”" } } });
    expect(state.progress).toBeNull();
    expect(state.allowCancel).toBe(true);
    expect(state.error).toBeNull();
    expect(state.streamingIds).toEqual([]);
  });

  it("shows each step as it arrives: the task spinning, the progress line, then text piece by piece", () => {
    const steps: ChatState[] = [];
    createTurn.reduce((s, e) => {
      const next = applyEvent(s, e);
      steps.push(next);
      return next;
    }, initialChatState);
    // After task.added: one task, loading, and the progress line.
    const taskAdded = steps[5]!;
    expect((taskAdded.items[1] as WorkflowItem).workflow.tasks).toEqual([addingTask]);
    expect(taskAdded.progress).toEqual({ text: "Adding “Buy milk”…", icon: "plus" });
    // The workflow is done: the progress line goes.
    expect(steps[7]!.progress).toBeNull();
    // The reply streams from thread.item.added until thread.item.done.
    expect(steps[8]!.streamingIds).toEqual([reply.id]);
    expect(steps[16]!.streamingIds).toEqual([]);
    // Text deltas append to the part the server opened.
    const partials = steps.slice(10, 15).map((s) => assistantText(s.items[2]!));
    expect(partials).toEqual(["Added ", "Added “Buy ", "Added “Buy milk” ", "Added “Buy milk” (due ", finalText]);
    // Earlier states are not mutated by later events.
    expect(assistantText(steps[10]!.items[2]!)).toBe("Added ");
    expect(initialChatState.items).toEqual([]);
  });

  it("returns the same state for events about unknown items, and skips hidden items", () => {
    const state = applyEvents(initialChatState, createTurn);
    expect(applyEvent(state, { type: "thread.item.updated", item_id: "msg_nope", update: { type: "assistant_message.content_part.text_delta", content_index: 0, delta: "x" } })).toBe(state);
    const hidden = { type: "sdk_hidden_context", id: "hid_1", thread_id: THREAD_ID, created_at: T, content: "cancelled" } as ThreadItem;
    expect(applyEvent(state, { type: "thread.item.done", item: hidden })).toBe(state);
  });

  it("replaces the message shown while sending with the stored one", () => {
    const local: UserMessageItem = { ...userItem, id: "local_abc", thread_id: "" };
    const sending = chatReducer(initialChatState, { type: "send", item: local });
    expect(sending.items.map((i) => i.id)).toEqual(["local_abc"]);
    expect(lastStoredUserMessage(sending.items)).toBeUndefined();
    const state = applyEvents(sending, createTurn);
    expect(state.items.map((i) => i.id)).toEqual(["msg_user01", "wf_0001", "msg_reply01"]);
    expect(lastStoredUserMessage(state.items)?.id).toBe("msg_user01");
  });
});

describe("applyEvent: a confirmation card, cancelled", () => {
  const withCard = applyEvents(applyEvents(initialChatState, createTurn), [
    { type: "thread.item.done", item: { ...userItem, id: "msg_user02", content: [{ type: "input_text", text: "delete buy milk" }] } },
    { type: "stream_options", stream_options: { allow_cancel: true } },
    { type: "thread.item.done", item: card },
  ]);

  it("adds the card with its buttons", () => {
    expect(withCard.items.at(-1)).toEqual(card);
  });

  it("thread.item.replaced swaps the card in place, after the answer that came first", () => {
    const answer = { type: "assistant_message" as const, id: "msg_reply02", thread_id: THREAD_ID, created_at: T, content: [] };
    const state = applyEvents(withCard, [
      { type: "stream_options", stream_options: { allow_cancel: false } },
      { type: "thread.item.added", item: answer },
      { type: "thread.item.updated", item_id: answer.id, update: { type: "assistant_message.content_part.text_delta", content_index: 0, delta: "Okay, I kept “Buy milk”." } },
      { type: "thread.item.done", item: { ...answer, content: [{ type: "output_text", text: "Okay, I kept “Buy milk”. Nothing was deleted.", annotations: [] }] } },
      { type: "thread.item.replaced", item: resolved },
    ]);
    expect(state.allowCancel).toBe(false);
    expect(state.items.map((i) => i.id)).toEqual(["msg_user01", "wf_0001", "msg_reply01", "msg_user02", "wdg_card01", "msg_reply02"]);
    expect(state.items[4]).toEqual(resolved);
    expect((state.items[4] as WidgetItem).widget.confirm).toBeUndefined();
    expect(assistantText(state.items[5]!)).toBe("Okay, I kept “Buy milk”. Nothing was deleted.");
    expect(chatReducer(state, { type: "turn_end" }).allowCancel).toBe(true);
  });

  it("thread.item.removed drops an item", () => {
    expect(applyEvent(withCard, { type: "thread.item.removed", item_id: card.id }).items.map((i) => i.id)).not.toContain(card.id);
  });
});

describe("errors, notices, retry and history", () => {
  it("an error event is kept with its retry flag, and a default message for stream.error", () => {
    const state = applyEvent(applyEvent(initialChatState, { type: "progress_update", text: "Working…" }), { type: "error", code: "stream.error", allow_retry: true });
    expect(state.error).toEqual({ code: "stream.error", message: expect.stringContaining("Something went wrong"), allowRetry: true });
    expect(state.progress).toBeNull();
    expect(applyEvent(initialChatState, { type: "error", code: "custom", message: "Not allowed.", allow_retry: false }).error).toEqual({ code: "custom", message: "Not allowed.", allowRetry: false });
    expect(applyEvent(initialChatState, { type: "notice", level: "warning", message: "Slow down" }).notice).toEqual({ level: "warning", message: "Slow down" });
  });

  it("retry keeps the conversation up to the retried message", () => {
    const state = applyEvents(initialChatState, createTurn);
    const retried = chatReducer({ ...state, error: { code: "stream.error", message: "x", allowRetry: true } }, { type: "retry", itemId: "msg_user01" });
    expect(retried.items.map((i) => i.id)).toEqual(["msg_user01"]);
    expect(retried.error).toBeNull();
  });

  it("a desc page becomes oldest-first items; older pages go in front without duplicates", () => {
    const items = applyEvents(initialChatState, createTurn).items;
    const page = { data: [...items].reverse(), has_more: true, after: "msg_user01" };
    expect(itemsFromDescPage(page).map((i) => i.id)).toEqual(items.map((i) => i.id));
    const older: ThreadItem[] = [{ ...userItem, id: "msg_old01" }, items[0]!];
    expect(prependItems(items, older).map((i) => i.id)).toEqual(["msg_old01", "msg_user01", "wf_0001", "msg_reply01"]);
    const opened = chatReducer(initialChatState, { type: "open", thread: { id: THREAD_ID, created_at: T, status: { type: "active" } }, items });
    expect(chatReducer(opened, { type: "older", items: older }).items).toHaveLength(4);
  });

  it("a text delta creates a missing part instead of failing", () => {
    const state = applyEvents(initialChatState, [{ type: "thread.item.added", item: reply }, text("Hi")]);
    expect(assistantText(state.items[0]!)).toBe("Hi");
  });
});

describe("messages that were not sent, and edits", () => {
  const stored = applyEvents(initialChatState, createTurn);
  const local = (id: string, text: string): UserMessageItem => ({ ...userItem, id, content: [{ type: "input_text", text }] });

  it("a failed message stays as unsent, and the next stored message settles the message in flight, not the unsent one", () => {
    const failed = chatReducer(chatReducer(stored, { type: "send", item: local("local_a", "first try") }), { type: "unsent", id: "local_a" });
    expect(failed.items.map((i) => i.id)).toEqual(["msg_user01", "wf_0001", "msg_reply01", "local_a"]);
    expect(failed.unsent).toEqual({ local_a: {} });
    expect(lastStoredUserMessage(failed.items)).toBeUndefined();
    expect(lastUserMessage(failed.items)?.id).toBe("local_a");
    expect(lastAnswer(failed.items)).toBeUndefined();

    const next = chatReducer(failed, { type: "send", item: local("local_b", "another") });
    const settled = applyEvent(next, { type: "thread.item.done", item: local("msg_user09", "another") });
    expect(settled.items.map((i) => i.id)).toEqual(["msg_user01", "wf_0001", "msg_reply01", "local_a", "msg_user09"]);
    // Retry removes the unsent copy; a new copy is sent at the end.
    const removed = chatReducer(settled, { type: "remove", id: "local_a" });
    expect(removed.unsent).toEqual({});
    expect(removed.items.map((i) => i.id)).not.toContain("local_a");
  });

  it("an open thread starts with nothing unsent", () => {
    const failed = chatReducer(chatReducer(stored, { type: "send", item: local("local_a", "x") }), { type: "unsent", id: "local_a", editOf: "msg_user01" });
    expect(failed.unsent).toEqual({ local_a: { editOf: "msg_user01" } });
    expect(chatReducer(failed, { type: "open", thread: null, items: [] }).unsent).toEqual({});
  });

  it("an edit puts the edited copy where the message was and drops what came after it", () => {
    const edited = chatReducer({ ...stored, error: { code: "network", message: "x", allowRetry: true } }, { type: "edit", itemId: "msg_user01", item: local("local_e", "add buy bread") });
    expect(edited.items.map((i) => i.id)).toEqual(["local_e"]);
    expect(edited.error).toBeNull();
    const after = applyEvents(edited, [
      { type: "thread.item.removed", item_id: "msg_user01" },
      { type: "thread.item.done", item: local("msg_user02", "add buy bread") },
    ]);
    expect(after.items.map((i) => i.id)).toEqual(["msg_user02"]);
  });

  it("lastAnswer is the answer after the last user message, or nothing", () => {
    expect(lastAnswer(stored.items)?.id).toBe("msg_reply01");
    const asked = chatReducer(stored, { type: "send", item: local("local_q", "?") });
    expect(lastAnswer(asked.items)).toBeUndefined();
  });
});
