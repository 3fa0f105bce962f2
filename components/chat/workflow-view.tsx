import { Spinner } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { WorkflowItem, WorkflowTask } from "@/lib/chatkit/schemas";

function TaskState({ task }: { task: WorkflowTask }) {
  if (task.status_indicator === "loading") return <Spinner className="size-3.5 text-indigo-500" />;
  if (task.status_indicator === "complete")
    return (
      <svg aria-hidden viewBox="0 0 16 16" className="size-3.5 shrink-0 text-emerald-600 dark:text-emerald-400" fill="none" stroke="currentColor" strokeWidth="2">
        <path d="M3.5 8.5l3 3 6-7" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
    );
  return <span aria-hidden className="mx-1 size-1.5 shrink-0 rounded-full bg-zinc-400" />;
}

const stateText = { loading: "in progress", complete: "done", none: "waiting" } as const;

/** What the assistant did with its tools: one line per call, with a spinner until it is done. */
export function WorkflowView({ item }: { item: WorkflowItem }) {
  const { tasks } = item.workflow;
  if (!tasks.length) return null;
  return (
    <ul aria-label="Assistant activity" data-testid="chat-workflow" className="space-y-1 rounded-lg border border-zinc-200 bg-zinc-50/80 px-3 py-2 text-sm dark:border-zinc-800 dark:bg-zinc-900/60">
      {tasks.map((task, i) => (
        <li key={i} className="flex items-start gap-2" data-state={task.status_indicator}>
          <span className="mt-0.5 grid h-4 w-4 shrink-0 place-items-center">
            <TaskState task={task} />
          </span>
          <div className="min-w-0">
            <p className={cn("wrap-anywhere", task.status_indicator === "loading" ? "text-zinc-900 dark:text-zinc-100" : "text-zinc-600 dark:text-zinc-400")}>
              {task.title ?? "Working"}
              <span className="sr-only"> ({stateText[task.status_indicator]})</span>
            </p>
            {task.status_indicator === "none" && task.content && <p className="text-xs text-zinc-500 dark:text-zinc-400">{task.content}</p>}
          </div>
        </li>
      ))}
    </ul>
  );
}
