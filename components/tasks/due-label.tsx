import { cn } from "@/components/ui/cn";
import { daysBetween, formatFullDate, formatRelativeDate } from "@/lib/dates";

type Tone = "overdue" | "today" | "soon" | "later";

/** "Overdue · Mar 3", "Today", "Tomorrow", "Friday" or "Mar 20" for a YYYY-MM-DD due date seen on `today`. */
export function describeDue(dueDate: string, today: string, completed = false): { text: string; tone: Tone; full: string } {
  const days = daysBetween(today, dueDate);
  const text = formatRelativeDate(dueDate, today);
  const full = formatFullDate(dueDate);
  if (completed) return { text, tone: "later", full };
  if (days < 0) return { text: `Overdue · ${text}`, tone: "overdue", full };
  if (days === 0) return { text, tone: "today", full };
  if (days < 7) return { text, tone: "soon", full };
  return { text, tone: "later", full };
}

const tones: Record<Tone, string> = {
  overdue: "font-medium text-red-600 dark:text-red-400",
  today: "font-medium text-amber-700 dark:text-amber-400",
  soon: "text-zinc-700 dark:text-zinc-300",
  later: "text-zinc-600 dark:text-zinc-400",
};

/** The due date of a task, worded relative to the viewer's today; red when overdue. */
export function DueLabel({ dueDate, today, completed, className }: { dueDate: string; today: string; completed?: boolean; className?: string }) {
  const { text, tone, full } = describeDue(dueDate, today, completed);
  return (
    <span className={cn("inline-flex items-center gap-1 text-xs whitespace-nowrap", tones[tone], className)} data-tone={tone}>
      <svg aria-hidden viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" className="size-3.5 shrink-0">
        <rect x="2" y="3" width="12" height="11" rx="2" />
        <path d="M2 6.5h12M5.5 1.5v3M10.5 1.5v3" strokeLinecap="round" />
      </svg>
      <span className="sr-only">Due: </span>
      <time dateTime={dueDate} title={full}>
        {text}
      </time>
    </span>
  );
}
