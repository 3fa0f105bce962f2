"use client";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { ChatAction, WidgetItem } from "@/lib/chatkit/schemas";
import { Markdown } from "./markdown";

type Node = { type?: unknown; value?: unknown; label?: unknown; children?: unknown; color?: unknown };
type FooterButton = { label: string; action: ChatAction };

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const nodes = (v: unknown): Node[] => (Array.isArray(v) ? v.filter((n): n is Node => !!n && typeof n === "object") : []);

function footerButton(v: unknown): FooterButton | null {
  const b = v as { label?: unknown; action?: { type?: unknown; payload?: unknown } } | null | undefined;
  if (!b || typeof b.label !== "string" || !b.action || typeof b.action.type !== "string") return null;
  return { label: b.label, action: { type: b.action.type, payload: b.action.payload ?? {} } };
}

/** The parts of a widget tree this client draws: titles, text, captions, markdown, badges; containers by their children. */
function WidgetNodes({ children }: { children: Node[] }) {
  return (
    <>
      {children.map((node, i) => {
        const value = str(node.value);
        const secondary = node.color === "secondary" || node.color === "tertiary";
        switch (node.type) {
          case "Title":
            return (
              <p key={i} className={cn("font-semibold wrap-anywhere", secondary ? "text-zinc-600 dark:text-zinc-400" : "text-zinc-900 dark:text-zinc-100")}>
                {value}
              </p>
            );
          case "Text":
          case "Caption":
          case "Label":
            return (
              <p key={i} className={cn("text-sm whitespace-pre-line wrap-anywhere", secondary || node.type === "Caption" ? "text-zinc-500 dark:text-zinc-400" : "text-zinc-700 dark:text-zinc-300")}>
                {value}
              </p>
            );
          case "Markdown":
            return value ? <Markdown key={i} text={value} className="space-y-2 text-sm" /> : null;
          case "Badge":
            return str(node.label) ? (
              <span key={i} className="inline-flex w-fit rounded-full bg-zinc-100 px-2 py-0.5 text-xs font-medium text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
                {str(node.label)}
              </span>
            ) : null;
          case "Divider":
            return <hr key={i} className="border-zinc-200 dark:border-zinc-800" />;
          default:
            return nodes(node.children).length ? (
              <div key={i} className="space-y-1">
                <WidgetNodes>{nodes(node.children)}</WidgetNodes>
              </div>
            ) : null;
        }
      })}
    </>
  );
}

type Props = {
  item: WidgetItem;
  /** Another request is in flight: the buttons wait. */
  disabled: boolean;
  /** The action of the button that was pressed and is being sent. */
  sending: string | null;
  onAction: (item: WidgetItem, action: ChatAction) => void;
};

/**
 * A widget item, mainly the confirmation card: its question, its status line, and the
 * Confirm/Cancel footer as real buttons that send `threads.custom_action`. A resolved card
 * says how it ended; a confirmed one keeps an Undo button until it is used.
 */
export function WidgetCard({ item, disabled, sending, onAction }: Props) {
  const widget = item.widget as Node & { status?: { text?: unknown }; confirm?: unknown; cancel?: unknown; type: string };
  const status = str(widget.status?.text);
  const confirm = footerButton(widget.confirm);
  const cancel = footerButton(widget.cancel);
  // A confirmed card keeps one button, Undo; it is still a resolved card.
  const resolved = status === "Confirmed" || status === "Cancelled" || status === "Undone" || (!confirm && !cancel);
  const question = nodes(widget.children).find((n) => n.type === "Title");
  const tone =
    status === "Confirmed"
      ? "bg-emerald-50 text-emerald-700 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-400/30"
      : status === "Cancelled" || status === "Undone"
        ? "bg-zinc-100 text-zinc-600 ring-zinc-500/20 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-600/40"
        : "bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-400/30";
  const danger = confirm && /delete|remove/i.test(confirm.label);

  return (
    <section
      aria-label={str(question?.value) ?? "Card"}
      data-testid="chat-card"
      data-status={status}
      className={cn(
        "w-full max-w-md rounded-xl border bg-white p-4 shadow-sm dark:bg-zinc-900",
        resolved ? "border-zinc-200 dark:border-zinc-800" : "border-amber-300 dark:border-amber-500/40",
      )}
    >
      {status && (
        <p className={cn("mb-2 inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", tone)}>
          <span aria-hidden>{status === "Confirmed" ? "✓" : status === "Cancelled" ? "✕" : status === "Undone" ? "↶" : "!"}</span>
          {status}
        </p>
      )}
      <div className="space-y-1">
        <WidgetNodes>{nodes(widget.children)}</WidgetNodes>
      </div>
      {(confirm || cancel) && (
        <div className="mt-4 flex flex-wrap justify-end gap-2">
          {cancel && (
            <Button variant="secondary" size="sm" disabled={disabled} pending={sending === cancel.action.type} onClick={() => onAction(item, cancel.action)}>
              {cancel.label}
            </Button>
          )}
          {confirm && (
            <Button
              variant={resolved ? "secondary" : danger ? "danger" : "primary"}
              size="sm"
              disabled={disabled}
              pending={sending === confirm.action.type}
              onClick={() => onAction(item, confirm.action)}
            >
              {confirm.label}
            </Button>
          )}
        </div>
      )}
    </section>
  );
}
