import { cn } from "@/components/ui/cn";

type Tone = "overdue" | "today" | "soon" | "later";

const DAY_MS = 86_400_000;

// Fixed locale and UTC, so the server and the browser render the same text.
const weekday = new Intl.DateTimeFormat("en-US", { weekday: "long", timeZone: "UTC" });
const shortDate = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const shortDateYear = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
const fullDate = new Intl.DateTimeFormat("en-US", { dateStyle: "full", timeZone: "UTC" });

const utc = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);

/** "Overdue · Mar 3", "Today", "Tomorrow", "Friday" or "Mar 20" for a YYYY-MM-DD due date seen on `today`. */
export function describeDue(dueDate: string, today: string, completed = false): { text: string; tone: Tone; full: string } {
  const due = utc(dueDate);
  const days = Math.round((due.getTime() - utc(today).getTime()) / DAY_MS);
  const date = dueDate.slice(0, 4) === today.slice(0, 4) ? shortDate.format(due) : shortDateYear.format(due);
  const full = fullDate.format(due);
  if (days < 0) return completed ? { text: date, tone: "later", full } : { text: `Overdue · ${date}`, tone: "overdue", full };
  if (days === 0) return { text: "Today", tone: completed ? "later" : "today", full };
  if (days === 1) return { text: "Tomorrow", tone: completed ? "later" : "soon", full };
  if (days < 7) return { text: weekday.format(due), tone: completed ? "later" : "soon", full };
  return { text: date, tone: "later", full };
}

const tones: Record<Tone, string> = {
  overdue: "font-medium text-red-600 dark:text-red-400",
  today: "font-medium text-amber-700 dark:text-amber-400",
  soon: "text-zinc-700 dark:text-zinc-300",
  later: "text-zinc-500 dark:text-zinc-400",
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
