import type { PendingApproval } from "@/lib/agent/run";
import type { UndoPreview } from "@/lib/tasks";
import { TOOL } from "@/mcp/tools";
import { CANCEL_ACTION, CONFIRM_ACTION, UNDO_ACTION, type WidgetRoot, type WorkflowItem, type WorkflowTask } from "./schemas";

/**
 * What a pending call would do, in words: the call, and the tasks it names with their titles
 * (null when not found); for an undo, what undoing would do instead.
 */
export type ApprovalSubject = { approval: PendingApproval; tasks: Array<{ id: number; title: string | null }>; undo?: UndoPreview };

type Verb = [string, string];
const DELETE: Verb = ["Delete", "deleted"];
const COMPLETE: Verb = ["Complete", "completed"];
const REOPEN: Verb = ["Reopen", "reopened"];
const CHANGE: Verb = ["Change", "changed"];

function verbOf(approval: PendingApproval): Verb {
  switch (approval.name) {
    case TOOL.delete_task:
    case TOOL.delete_tasks:
    case TOOL.delete_list:
      return DELETE;
    case TOOL.complete_task:
    case TOOL.complete_tasks:
      return approval.arguments.completed === false ? REOPEN : COMPLETE;
    default:
      return CHANGE;
  }
}

const isDelete = (approval: PendingApproval) => verbOf(approval) === DELETE;

function label(task: { id: number; title: string | null }): string {
  return task.title !== null ? `“${task.title}”` : `task #${task.id}`;
}

/** The question the card asks: "Delete “Buy milk”?", "Delete 3 tasks?" or "Undo: added “Buy milk”?". */
/** A list deletion names the list, and what becomes of its tasks. */
function listDeletion(approval: PendingApproval): { question: string; consequence: string } | null {
  if (approval.name !== TOOL.delete_list || typeof approval.arguments.list !== "string") return null;
  const list = approval.arguments.list;
  return {
    question: `Delete the list “${list}”?`,
    consequence: approval.arguments.tasks === "delete" ? "Its tasks will be deleted too. Undo brings them back, into the Inbox." : "Its tasks will move to the Inbox.",
  };
}

export function confirmationQuestion(subjects: ApprovalSubject[]): string {
  const [only] = subjects;
  if (subjects.length === 1 && only!.undo) return `Undo: ${only!.undo.summary}?`;
  const lists = subjects.map((s) => listDeletion(s.approval)).filter((l) => l !== null);
  if (lists.length && subjects.length === 1) return lists[0]!.question;
  if (lists.length) return `Make ${subjects.length} changes, including deleting ${lists.map((l) => l.question.slice("Delete ".length, -1)).join(" and ")}?`;
  const verbs = new Set(subjects.map((s) => verbOf(s.approval)));
  const tasks = subjects.flatMap((s) => s.tasks);
  const verb = verbs.size === 1 ? [...verbs][0]![0] : null;
  if (tasks.length === 1) return `${verb ?? "Change"} ${label(tasks[0]!)}?`;
  // Ids the card could not read (a model that sent them as text) still get a question.
  if (!tasks.length) return verb ? `${verb} these tasks?` : `Make ${subjects.length} changes?`;
  return verb ? `${verb} ${tasks.length} tasks?` : `Make ${subjects.length} changes to ${tasks.length} tasks?`;
}

/** What an undo will do that the user should know before saying yes. */
function undoConsequence(undo: UndoPreview): string {
  const removed = undo.removes.length === 1 ? `“${undo.removes[0]}” will be deleted.` : undo.removes.length ? `${undo.removes.length} tasks will be deleted.` : "";
  const reverted = undo.touches - undo.removes.length;
  const back = reverted > 1 ? `${reverted} tasks will go back to how they were.` : reverted === 1 ? "1 task will go back to how it was." : "";
  return [removed, back].filter(Boolean).join(" ");
}

/** A card waiting for the user's answer: its lines, then Cancel and the confirm button. */
function pendingCard(question: string, lines: unknown[], confirmLabel: string): { widget: WidgetRoot; copyText: string } {
  return {
    copyText: question,
    widget: {
      type: "Card",
      size: "sm",
      status: { text: "Confirmation required", icon: "info" },
      children: [{ type: "Title", value: question, size: "sm" }, ...lines],
      confirm: { label: confirmLabel, action: { type: CONFIRM_ACTION, payload: {} } },
      cancel: { label: "Cancel", action: { type: CANCEL_ACTION, payload: {} } },
    },
  };
}

export function confirmationCard(subjects: ApprovalSubject[]): { widget: WidgetRoot; copyText: string } {
  const question = confirmationQuestion(subjects);
  const undo = subjects.length === 1 ? subjects[0]!.undo : undefined;
  if (undo) return pendingCard(question, [{ type: "Text", value: undoConsequence(undo), color: "secondary", size: "sm" }], undo.removes.length ? "Undo and delete" : "Undo");
  const list = subjects.length === 1 ? listDeletion(subjects[0]!.approval) : null;
  if (list) return pendingCard(question, [{ type: "Text", value: list.consequence, color: "secondary", size: "sm" }], "Delete list");
  const tasks = subjects.flatMap((s) => s.tasks);
  const lines: unknown[] = [];
  if (tasks.length > 1) lines.push({ type: "Text", value: tasks.map((t) => `• ${label(t)}`).join("\n"), size: "sm" });
  lines.push({ type: "Text", value: tasks.length > 1 ? "Several tasks will change at once. You can undo it afterwards." : "You can undo it afterwards.", color: "secondary", size: "sm" });
  return pendingCard(question, lines, subjects.some((s) => isDelete(s.approval)) ? "Delete" : "Confirm");
}

/**
 * The card after a decision: the question, the outcome, and, when the change went through, an
 * Undo button that names the change sets it made (the server reads them from the stored card).
 */
export function resolvedCard(question: string, decision: "approve" | "reject", outcome: string, undo: string[] = []): WidgetRoot {
  return {
    type: "Card",
    size: "sm",
    collapsed: true,
    status: decision === "approve" ? { text: "Confirmed", icon: "check-circle" } : { text: "Cancelled", icon: "empty-circle" },
    children: [
      { type: "Title", value: question, size: "sm", color: "secondary" },
      { type: "Text", value: outcome, size: "sm" },
    ],
    ...(undo.length ? { confirm: { label: "Undo", action: { type: UNDO_ACTION, payload: { changeSetIds: undo } } } } : {}),
  };
}

/** The card once its change is undone: no button, and the status says so. */
export function undoneCard(widget: WidgetRoot, summary: string): WidgetRoot {
  const { confirm: _undo, ...rest } = widget;
  void _undo;
  return { ...rest, status: { text: "Undone", icon: "reload" }, children: [...((widget.children as unknown[]) ?? []).slice(0, 1), { type: "Text", value: summary, size: "sm" }] };
}

/** The change sets a resolved card's Undo button stands for, read from the stored card (never from the request). */
export function undoTargets(widget: WidgetRoot): string[] {
  const action = (widget.confirm as { action?: { type?: unknown; payload?: { changeSetIds?: unknown } } } | undefined)?.action;
  if (action?.type !== UNDO_ACTION || !Array.isArray(action.payload?.changeSetIds)) return [];
  return action.payload.changeSetIds.filter((id): id is string => typeof id === "string");
}

/** What a workflow task says while its call waits for the card. */
export const AWAITING_CONFIRMATION = "Waiting for your confirmation.";

/**
 * The card's workflow once the card is answered: each task that was waiting says what
 * happened instead. Null when no task was waiting (nothing to store or stream).
 */
export function resolvedWorkflow(workflow: WorkflowItem, decision: "approve" | "reject", outcome: string): { item: WorkflowItem; updated: Array<{ index: number; task: WorkflowTask }> } | null {
  const updated: Array<{ index: number; task: WorkflowTask }> = [];
  const tasks = workflow.workflow.tasks.map((t, index) => {
    if (t.content !== AWAITING_CONFIRMATION) return t;
    const task: WorkflowTask = decision === "approve" ? { ...t, status_indicator: "complete", content: outcome } : { ...t, status_indicator: "none", content: outcome };
    updated.push({ index, task });
    return task;
  });
  return updated.length ? { item: { ...workflow, workflow: { ...workflow.workflow, tasks } }, updated } : null;
}

/** The question text stored on a card, read back when it is resolved. */
export function cardQuestion(widget: WidgetRoot): string {
  const children = (widget.children as Array<{ type: string; value?: string }> | undefined) ?? [];
  return children.find((c) => c.type === "Title")?.value ?? "Confirm?";
}

const YES = /^(y|yes|yep|yeah|yup|sure|ok|okay|confirm|confirmed|do it|go ahead|delete it|please do|yes please|approve|absolutely)[.!]*$/i;
const NO = /^(n|no|nope|nah|cancel|stop|don'?t|do not|keep it|never ?mind|abort|no thanks|reject)[.!]*$/i;

/** A typed answer to a pending card. */
export function typedDecision(text: string): "approve" | "reject" | null {
  const t = text.trim();
  if (YES.test(t)) return "approve";
  if (NO.test(t)) return "reject";
  return null;
}
