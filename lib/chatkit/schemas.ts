import { z } from "zod";
import { boundedJson, boundedRecord } from "@/lib/json-bounds";

/**
 * ChatKit's wire protocol (see docs/chatkit-protocol in shared docs): the requests we accept
 * and the items and events we send. Shared by the server and the built-in client, so the
 * protocol is written once. Nothing here imports server code.
 */

export const MAX_MESSAGE_CHARS = 4000;
export const MAX_TITLE_CHARS = 200;
export const PAGE_LIMIT_MAX = 100;

// Ids are opaque to the client: any string that names none of the user's threads or items is a
// 404 (the reference's answer), whatever its shape. Only a length bound is checked here.
export const MAX_ID_CHARS = 200;
const threadId = z.string({ error: "thread_id must be a string." }).min(1, "thread_id is empty.").max(MAX_ID_CHARS, "thread_id is too long.");
const itemId = z.string({ error: "item_id must be a string." }).min(1, "item_id is empty.").max(MAX_ID_CHARS, "item_id is too long.");

const inputText = z.object({ type: z.literal("input_text"), text: z.string() });
const inputTag = z.object({ type: z.literal("input_tag"), id: z.string().max(200), text: z.string().max(500), data: boundedRecord().nullish() }).loose();

export const userMessageInputSchema = z
  .object({
    content: z.array(z.discriminatedUnion("type", [inputText, inputTag]), { error: "input.content must be a list of text parts." }).min(1).max(20),
    attachments: z.array(z.string()).max(0, "Attachments are not supported.").nullish(),
    quoted_text: z.string().max(MAX_MESSAGE_CHARS).nullish(),
    inference_options: boundedRecord().nullish(),
  })
  .loose()
  .superRefine((input, ctx) => {
    const text = input.content.map((p) => p.text).join("").trim();
    if (!text) ctx.addIssue({ code: "custom", path: ["content"], message: "The message is empty." });
    if (text.length > MAX_MESSAGE_CHARS) ctx.addIssue({ code: "custom", path: ["content"], message: `The message is longer than ${MAX_MESSAGE_CHARS} characters.` });
  });

// Every optional param is `.nullish()`: the reference (pydantic) reads `null` as absent, and a
// ChatKit client may send it.
const pageParams = {
  limit: z.number().int().min(1).max(PAGE_LIMIT_MAX).nullish(),
  order: z.enum(["asc", "desc"]).nullish(),
  after: z.string().max(MAX_ID_CHARS).nullish(),
};

export const actionSchema = z.object({ type: z.string().min(1).max(100), payload: boundedJson().nullish() }).loose();

/** Not ChatKit's: the built-in client's Edit, in our own namespace so it can never clash with a future ChatKit type. */
export const EDIT_USER_MESSAGE = "tasktalk.threads.edit_user_message";

const req = <T extends string, P extends z.ZodType>(type: T, params: P) =>
  z.object({ type: z.literal(type), params, metadata: boundedRecord().nullish() });

export const streamingRequestSchema = z.discriminatedUnion("type", [
  req("threads.create", z.object({ input: userMessageInputSchema }).loose()),
  req("threads.add_user_message", z.object({ thread_id: threadId, input: userMessageInputSchema }).loose()),
  req("threads.custom_action", z.object({ thread_id: threadId, item_id: itemId.nullish(), action: actionSchema }).loose()),
  req("threads.retry_after_item", z.object({ thread_id: threadId, item_id: itemId }).loose()),
  req("threads.add_client_tool_output", z.object({ thread_id: threadId, result: boundedJson() }).loose()),
  // Our own op (decision 00NN): the user's message replaced by `input`, everything after it removed, the turn run again.
  req(EDIT_USER_MESSAGE, z.object({ thread_id: threadId, item_id: itemId, input: userMessageInputSchema }).loose()),
]);

export const jsonRequestSchema = z.discriminatedUnion("type", [
  req("threads.get_by_id", z.object({ thread_id: threadId }).loose()),
  req("threads.list", z.object(pageParams).loose().nullish().transform((p) => p ?? {})),
  req("threads.update", z.object({ thread_id: threadId, title: z.string().trim().min(1, "The title cannot be empty.").max(MAX_TITLE_CHARS) }).loose()),
  req("threads.delete", z.object({ thread_id: threadId }).loose()),
  req("items.list", z.object({ thread_id: threadId, ...pageParams }).loose()),
  req("items.feedback", z.object({ thread_id: threadId, item_ids: z.array(itemId).min(1).max(50), kind: z.enum(["positive", "negative"]) }).loose()),
  req("threads.sync_custom_action", z.object({ thread_id: threadId, item_id: itemId.nullish(), action: actionSchema }).loose()),
]);

export const STREAMING_TYPES = streamingRequestSchema.options.map((o) => o.shape.type.value);
export const JSON_TYPES = jsonRequestSchema.options.map((o) => o.shape.type.value);
/** Known ChatKit request types this server deliberately does not offer; the composer hides them. */
export const UNSUPPORTED_TYPES: Record<string, string> = {
  "attachments.create": "Attachments are not supported.",
  "attachments.delete": "Attachments are not supported.",
  "input.transcribe": "Dictation is not supported.",
  "threads.add_structured_input": "Structured input is not supported.",
};

export type StreamingRequest = z.infer<typeof streamingRequestSchema>;
export type JsonRequest = z.infer<typeof jsonRequestSchema>;
export type UserMessageInput = z.infer<typeof userMessageInputSchema>;
export type ChatAction = z.infer<typeof actionSchema>;

// ---- what we send ------------------------------------------------------------------------

export type ThreadStatus = { type: "active" } | { type: "locked" | "closed"; reason?: string };
export type Page<T> = { data: T[]; has_more: boolean; after?: string };
export type Thread = { id: string; title?: string; created_at: string; status: ThreadStatus; items: Page<ThreadItem> };

type ItemBase = { id: string; thread_id: string; created_at: string };
export type OutputText = { type: "output_text"; text: string; annotations: unknown[] };
export type WorkflowTask = { type: "custom"; title?: string; icon?: string; content?: string; status_indicator: "none" | "loading" | "complete" };
export type Workflow = { type: "custom" | "reasoning"; tasks: WorkflowTask[]; summary?: { title: string; icon?: string } | { duration: number }; expanded: boolean };
export type WidgetRoot = { type: "Card" | "ListView" | "Basic"; [key: string]: unknown };

export type UserMessageItem = ItemBase & {
  type: "user_message";
  content: Array<{ type: "input_text"; text: string } | { type: "input_tag"; id: string; text: string; data?: Record<string, unknown>; interactive?: boolean }>;
  attachments: unknown[];
  quoted_text?: string;
  inference_options: Record<string, unknown>;
};
export type AssistantMessageItem = ItemBase & { type: "assistant_message"; content: OutputText[] };
export type WidgetItem = ItemBase & { type: "widget"; widget: WidgetRoot; copy_text?: string };
export type WorkflowItem = ItemBase & { type: "workflow"; workflow: Workflow };
export type HiddenContextItem = ItemBase & { type: "hidden_context_item" | "sdk_hidden_context"; content: unknown };
export type ClientToolCallItem = ItemBase & { type: "client_tool_call"; status: "pending" | "completed"; call_id: string; name: string; arguments: unknown; output?: unknown };
export type ThreadItem = UserMessageItem | AssistantMessageItem | WidgetItem | WorkflowItem | HiddenContextItem | ClientToolCallItem;

export type ThreadItemUpdate =
  | { type: "assistant_message.content_part.added"; content_index: number; content: OutputText }
  | { type: "assistant_message.content_part.text_delta"; content_index: number; delta: string }
  | { type: "assistant_message.content_part.done"; content_index: number; content: OutputText }
  | { type: "workflow.task.added"; task_index: number; task: WorkflowTask }
  | { type: "workflow.task.updated"; task_index: number; task: WorkflowTask };

export type ChatKitEvent =
  | { type: "thread.created"; thread: Thread }
  | { type: "thread.updated"; thread: Thread }
  | { type: "thread.item.added"; item: ThreadItem }
  | { type: "thread.item.updated"; item_id: string; update: ThreadItemUpdate }
  | { type: "thread.item.done"; item: ThreadItem }
  | { type: "thread.item.replaced"; item: ThreadItem }
  | { type: "thread.item.removed"; item_id: string }
  | { type: "stream_options"; stream_options: { allow_cancel: boolean } }
  | { type: "progress_update"; text: string; icon?: string }
  | { type: "notice"; level: "info" | "warning" | "danger"; message: string; title?: string }
  | { type: "error"; code: "stream.error" | "custom"; message?: string; allow_retry: boolean };

/** Action types the confirmation card's buttons send. */
export const CONFIRM_ACTION = "tasks.confirm";
export const CANCEL_ACTION = "tasks.cancel";
export const UNDO_ACTION = "tasks.undo";
