import { cn } from "@/components/ui/cn";
import type { TaskPriority } from "@/lib/tasks/schemas";

const styles: Record<TaskPriority, { label: string; badge: string; dot: string }> = {
  high: {
    label: "High",
    badge: "bg-red-50 text-red-700 ring-red-600/20 dark:bg-red-500/10 dark:text-red-300 dark:ring-red-400/30",
    dot: "bg-red-500",
  },
  medium: {
    label: "Medium",
    badge: "bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-400/30",
    dot: "bg-amber-500",
  },
  low: {
    label: "Low",
    badge: "bg-zinc-100 text-zinc-600 ring-zinc-500/20 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-600/40",
    dot: "bg-zinc-400",
  },
};

export function PriorityBadge({ priority, className }: { priority: TaskPriority; className?: string }) {
  const s = styles[priority];
  return (
    <span
      className={cn("inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset", s.badge, className)}
    >
      <span aria-hidden className={cn("size-1.5 rounded-full", s.dot)} />
      {s.label}
      <span className="sr-only"> priority</span>
    </span>
  );
}
