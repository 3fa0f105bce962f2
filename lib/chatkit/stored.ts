import { protocol, type AgentInputItem } from "@openai/agents";
import { z } from "zod";
import type {
  AssistantMessageItem,
  ClientToolCallItem,
  HiddenContextItem,
  ThreadItem,
  UserMessageItem,
  WidgetItem,
  WorkflowItem,
} from "./schemas";

/**
 * What the chat tables hold, checked on the way out (decision record 10). The database is a
 * boundary like a request body: a row may predate the code reading it, or be damaged, so every
 * stored item, agent item and paused run is parsed here rather than cast.
 *
 * Item payloads (`messages.payload`) carry `schema_version`. Today's unversioned rows are
 * version 0 and are upgraded to the current version as they are read; a reader never sees the
 * field (the client gets a ChatKit item, nothing more).
 */

export const ITEM_SCHEMA_VERSION = 1;

/** A stored row that cannot be read as what it should be. Readers log it and leave the row out. */
export class StoredDataError extends Error {
  constructor(
    readonly what: string,
    readonly id: string | undefined,
    readonly reason: string,
  ) {
    super(`stored ${what}${id ? ` ${id}` : ""} is unreadable: ${reason}`);
    this.name = "StoredDataError";
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
    .join("; ");
}

/** One line per unreadable row, so a damaged thread shows up in the logs but still opens. */
export function logStoredDataError(error: StoredDataError): void {
  console.error(`${error.message} (left out)`);
}

// ---- item kinds (the current version) --------------------------------------------------------
// Loose objects: a field a newer writer adds passes through unchanged rather than being dropped.
// The types are schemas.ts's; the assertions at the end of this section keep the two in step.

const base = { id: z.string().min(1), thread_id: z.string().min(1), created_at: z.string().min(1) };

const outputText = z.object({ type: z.literal("output_text"), text: z.string(), annotations: z.array(z.unknown()) }).loose();
const workflowTask = z
  .object({
    type: z.literal("custom"),
    title: z.string().optional(),
    icon: z.string().optional(),
    content: z.string().optional(),
    status_indicator: z.enum(["none", "loading", "complete"]),
  })
  .loose();

const userMessage = z
  .object({
    ...base,
    type: z.literal("user_message"),
    content: z.array(
      z.discriminatedUnion("type", [
        z.object({ type: z.literal("input_text"), text: z.string() }).loose(),
        z.object({ type: z.literal("input_tag"), id: z.string(), text: z.string(), data: z.record(z.string(), z.unknown()).optional(), interactive: z.boolean().optional() }).loose(),
      ]),
    ),
    attachments: z.array(z.unknown()),
    quoted_text: z.string().optional(),
    inference_options: z.record(z.string(), z.unknown()),
  })
  .loose();

const assistantMessage = z.object({ ...base, type: z.literal("assistant_message"), content: z.array(outputText) }).loose();

const widget = z
  .object({
    ...base,
    type: z.literal("widget"),
    widget: z.object({ type: z.enum(["Card", "ListView", "Basic"]) }).loose(),
    copy_text: z.string().optional(),
  })
  .loose();

const workflow = z
  .object({
    ...base,
    type: z.literal("workflow"),
    workflow: z
      .object({
        type: z.enum(["custom", "reasoning"]),
        tasks: z.array(workflowTask),
        summary: z.union([z.object({ title: z.string(), icon: z.string().optional() }).loose(), z.object({ duration: z.number() }).loose()]).optional(),
        expanded: z.boolean(),
      })
      .loose(),
  })
  .loose();

const hiddenContext = z.object({ ...base, type: z.enum(["hidden_context_item", "sdk_hidden_context"]), content: z.unknown() }).loose();

const clientToolCall = z
  .object({ ...base, type: z.literal("client_tool_call"), status: z.enum(["pending", "completed"]), call_id: z.string(), name: z.string(), arguments: z.unknown(), output: z.unknown().optional() })
  .loose();

/** One schema per kind, by the `type` a row stores (also the `messages.type` column). */
export const storedItemSchemas = {
  user_message: userMessage,
  assistant_message: assistantMessage,
  widget,
  workflow,
  hidden_context_item: hiddenContext,
  sdk_hidden_context: hiddenContext,
  client_tool_call: clientToolCall,
} as const;

export type StoredItemKind = keyof typeof storedItemSchemas;
type ItemOf<K extends StoredItemKind> = Extract<ThreadItem, { type: K }>;

// Each schema's output must be the schemas.ts type, and each schemas.ts item must pass its schema.
void ((item: UserMessageItem): z.input<typeof userMessage> => item);
void ((item: z.infer<typeof userMessage>): UserMessageItem => item);
void ((item: AssistantMessageItem): z.input<typeof assistantMessage> => item);
void ((item: z.infer<typeof assistantMessage>): AssistantMessageItem => item);
void ((item: WidgetItem): z.input<typeof widget> => item);
void ((item: z.infer<typeof widget>): WidgetItem => item);
void ((item: WorkflowItem): z.input<typeof workflow> => item);
void ((item: z.infer<typeof workflow>): WorkflowItem => item);
void ((item: HiddenContextItem): z.input<typeof hiddenContext> => item);
void ((item: z.infer<typeof hiddenContext>): HiddenContextItem => item);
void ((item: ClientToolCallItem): z.input<typeof clientToolCall> => item);
void ((item: z.infer<typeof clientToolCall>): ClientToolCallItem => item);

// ---- version 0 → 1 ---------------------------------------------------------------------------------

/**
 * Version 0 is every payload written before `schema_version` existed. Its shapes are the
 * current ones, but nothing checked them on write, so the upgrade fills in the list and
 * record fields ChatKit requires where an old writer left them out, then stamps the version.
 */
function upgradeV0(payload: Record<string, unknown>): Record<string, unknown> {
  const item: Record<string, unknown> = { ...payload };
  switch (item.type) {
    case "user_message":
      item.attachments ??= [];
      item.inference_options ??= {};
      break;
    case "assistant_message":
      if (Array.isArray(item.content)) item.content = item.content.map((part) => (isRecord(part) ? { ...part, annotations: part.annotations ?? [] } : part));
      break;
    case "workflow":
      if (isRecord(item.workflow)) item.workflow = { ...item.workflow, expanded: item.workflow.expanded ?? false };
      break;
  }
  item.schema_version = 1;
  return item;
}

/** Upgrades by version, one step at a time: version n's function returns version n + 1. */
const UPGRADES: Record<number, (payload: Record<string, unknown>) => Record<string, unknown>> = { 0: upgradeV0 };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// ---- read and write ----------------------------------------------------------------------------------

/** The payload to store for an item: the item and the version it is written in. */
export function toStoredPayload(item: ThreadItem): Record<string, unknown> {
  return { ...item, schema_version: ITEM_SCHEMA_VERSION };
}

/**
 * Reads a stored payload as a ThreadItem: upgrades an older version, then checks it against its
 * kind's schema. Throws StoredDataError for anything else, including a version newer than this
 * code knows (written by a newer deploy; better left out than misread).
 */
export function parseStoredItem(payload: unknown, id?: string): ThreadItem {
  if (!isRecord(payload)) throw new StoredDataError("item", id, "the payload is not an object");
  // The row's id (the column) names the row in a log line even when the payload's id is the damage.
  const itemId = id ?? (typeof payload.id === "string" ? payload.id : undefined);
  let version = payload.schema_version ?? 0;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 0) throw new StoredDataError("item", itemId, `bad schema_version ${JSON.stringify(version)}`);
  if (version > ITEM_SCHEMA_VERSION) throw new StoredDataError("item", itemId, `schema_version ${version} is newer than this server's ${ITEM_SCHEMA_VERSION}`);
  let current = payload;
  while (version < ITEM_SCHEMA_VERSION) {
    current = UPGRADES[version]!(current);
    version += 1;
  }
  const kind = current.type;
  if (typeof kind !== "string" || !Object.hasOwn(storedItemSchemas, kind)) throw new StoredDataError("item", itemId, `unknown item type ${JSON.stringify(kind)}`);
  const result = storedItemSchemas[kind as StoredItemKind].safeParse(current);
  if (!result.success) throw new StoredDataError(kind, itemId, describeIssues(result.error));
  const { schema_version: _version, ...item } = result.data as ThreadItem & { schema_version?: unknown };
  return item;
}

/** parseStoredItem for a row that must be one kind (a card, a workflow, a user message). */
export function parseStoredItemOf<K extends StoredItemKind>(kind: K, payload: unknown, id?: string): ItemOf<K> {
  const item = parseStoredItem(payload, id);
  if (item.type !== kind) throw new StoredDataError(kind, id ?? item.id, `it is a ${item.type}`);
  return item as ItemOf<K>;
}

/** Like parseStoredItemOf, but an unreadable row is logged and read as missing. */
export function readStoredItemOf<K extends StoredItemKind>(kind: K, payload: unknown, id?: string): ItemOf<K> | undefined {
  try {
    return parseStoredItemOf(kind, payload, id);
  } catch (error) {
    if (!(error instanceof StoredDataError)) throw error;
    logStoredDataError(error);
    return undefined;
  }
}

/** Reads a page of rows; unreadable ones are logged and left out, so one bad row does not hide a thread. */
export function readStoredItems(rows: Array<{ id: string; payload: unknown }>): ThreadItem[] {
  const items: ThreadItem[] = [];
  for (const row of rows) {
    try {
      items.push(parseStoredItem(row.payload, row.id));
    } catch (error) {
      if (!(error instanceof StoredDataError)) throw error;
      logStoredDataError(error);
    }
  }
  return items;
}

// ---- agent items --------------------------------------------------------------------------------------

/**
 * `messages.agent_items`: the Agents SDK's input items, in the SDK's own format, so they are
 * checked against the SDK's own schema (protocol.ModelItem) rather than a copy of it. They are
 * written with the row's payload and share its schema_version; version 0 needs no change.
 */
// The SDK's schema and its AgentInputItem type describe the same items.
void ((item: z.infer<typeof protocol.ModelItem>): AgentInputItem => item);

/**
 * ModelItem is a plain union of 19 schemas, tried in turn: checking a turn's 40 history rows with
 * it took ~4 ms. The kinds a chat stores are checked against their own member instead, picked by
 * `type` (a message's is optional); any other kind still goes through the whole union.
 */
const agentItemByType: Record<string, z.ZodType> = {
  message: protocol.MessageItem,
  function_call: protocol.FunctionCallItem,
  function_call_result: protocol.FunctionCallResultItem,
  reasoning: protocol.ReasoningItem,
  hosted_tool_call: protocol.HostedToolCallItem,
};

export function parseAgentItems(value: unknown, id?: string): AgentInputItem[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw new StoredDataError("agent items", id, "not a list");
  value.forEach((item: unknown, index) => {
    const type = isRecord(item) ? (item.type ?? "message") : undefined;
    const schema = (typeof type === "string" && Object.hasOwn(agentItemByType, type) ? agentItemByType[type] : undefined) ?? protocol.ModelItem;
    const result = schema.safeParse(item);
    if (!result.success) throw new StoredDataError("agent items", id, `item ${index}: ${describeIssues(result.error)}`);
  });
  // Checked only: the parse would strip keys the SDK's schema does not name, and the stored items go on unchanged.
  return value as AgentInputItem[];
}

/** A thread's history rows, oldest first; a row with unreadable agent items is logged and left out. */
export function readAgentHistory(rows: Array<{ id?: string; agentItems: unknown }>): AgentInputItem[] {
  return rows.flatMap((row) => {
    try {
      return parseAgentItems(row.agentItems, row.id);
    } catch (error) {
      if (!(error instanceof StoredDataError)) throw error;
      logStoredDataError(error);
      return [];
    }
  });
}

// ---- paused runs ----------------------------------------------------------------------------------------

/**
 * What a paused run (`paused_runs`) needs to be resumed. `state` is the SDK's serialized
 * RunState, opaque here (RunState.fromString checks it on resume); `priorItemCount` is how many
 * history items the run started with, so the resumed turn stores only what it added. The other
 * columns (thread, owner, time) are plain SQL types that Drizzle already reads typed.
 */
const pausedRun = z.object({
  widgetItemId: z.string().min(1),
  state: z.string().min(2).refine((s) => s.trimStart().startsWith("{"), "the state is not a serialized RunState"),
  priorItemCount: z.number().int().min(0),
});

export type PausedRun = z.infer<typeof pausedRun>;

/**
 * Version 0 paused runs were stored before the `prior_item_count` column (it is null for them):
 * their count is in the SDK's serialized context, where the run put it.
 */
function priorItemCountFromState(state: unknown): unknown {
  if (typeof state !== "string") return undefined;
  try {
    const parsed: unknown = JSON.parse(state);
    const context = isRecord(parsed) && isRecord(parsed.context) && isRecord(parsed.context.context) ? parsed.context.context : undefined;
    return context?.priorItemCount ?? 0;
  } catch {
    return undefined;
  }
}

type PausedRunRow = { conversationId?: string; widgetItemId: unknown; state: unknown; priorItemCount: unknown };

export function parsePausedRun(row: PausedRunRow): PausedRun {
  const upgraded = row.priorItemCount === null || row.priorItemCount === undefined ? { ...row, priorItemCount: priorItemCountFromState(row.state) } : row;
  const result = pausedRun.safeParse(upgraded);
  if (!result.success) throw new StoredDataError("paused run", row.conversationId, describeIssues(result.error));
  return result.data;
}

/** A paused run that cannot be read is logged and treated as absent: its card can no longer be answered, the thread goes on. */
export function readPausedRun(row: PausedRunRow | undefined): PausedRun | undefined {
  if (!row) return undefined;
  try {
    return parsePausedRun(row);
  } catch (error) {
    if (!(error instanceof StoredDataError)) throw error;
    logStoredDataError(error);
    return undefined;
  }
}
