import type { PendingApproval } from "@/lib/agent/run";
import { TOOL } from "@/mcp/tools";
import { CANCEL_ACTION, CONFIRM_ACTION, type WidgetRoot, type WorkflowItem, type WorkflowTask } from "./schemas";

/** What a pending call would do, in words, with the task's title. */
export type ApprovalSubject = { approval: PendingApproval; title: string | null };

const VERBS: Record<string, [string, string]> = {
  [TOOL.delete_task]: ["Delete", "deleted"],
  [TOOL.complete_task]: ["Complete", "completed"],
  [TOOL.update_task]: ["Change", "changed"],
};

function label(subject: ApprovalSubject): string {
  return subject.title ? `“${subject.title}”` : `task #${String(subject.approval.arguments.id ?? "?")}`;
}

/** The question the card asks: "Delete “Buy milk”?" or "Delete 3 tasks?". */
export function confirmationQuestion(subjects: ApprovalSubject[]): string {
  const name = subjects[0]?.approval.name ?? "";
  const verb = VERBS[name]?.[0] ?? "Run";
  const sameTool = subjects.every((s) => s.approval.name === name);
  if (subjects.length === 1) return `${verb} ${label(subjects[0]!)}?`;
  return sameTool ? `${verb} ${subjects.length} tasks?` : `Make ${subjects.length} changes?`;
}

export function confirmationCard(subjects: ApprovalSubject[]): { widget: WidgetRoot; copyText: string } {
  const question = confirmationQuestion(subjects);
  const destructive = subjects.some((s) => s.approval.name === TOOL.delete_task);
  const children: unknown[] = [{ type: "Title", value: question, size: "sm" }];
  if (subjects.length > 1) children.push({ type: "Text", value: subjects.map((s) => `• ${label(s)}`).join("\n"), size: "sm" });
  children.push({ type: "Text", value: destructive ? "This cannot be undone." : "Several tasks will change at once.", color: "secondary", size: "sm" });
  return {
    copyText: question,
    widget: {
      type: "Card",
      size: "sm",
      status: { text: "Confirmation required", icon: "info" },
      children,
      confirm: { label: destructive ? "Delete" : "Confirm", action: { type: CONFIRM_ACTION, payload: {} } },
      cancel: { label: "Cancel", action: { type: CANCEL_ACTION, payload: {} } },
    },
  };
}

/** The card after a decision: the question, the outcome, no buttons. */
export function resolvedCard(question: string, decision: "approve" | "reject", outcome: string): WidgetRoot {
  return {
    type: "Card",
    size: "sm",
    collapsed: true,
    status: decision === "approve" ? { text: "Confirmed", icon: "check-circle" } : { text: "Cancelled", icon: "empty-circle" },
    children: [
      { type: "Title", value: question, size: "sm", color: "secondary" },
      { type: "Text", value: outcome, size: "sm" },
    ],
  };
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
