import { TOOL } from "@/mcp/tools";

const count = (list: unknown) => {
  const n = Array.isArray(list) ? list.length : 0;
  return n === 1 ? "1 task" : `${n} tasks`;
};

/** What a tool call is doing, in words, for the progress line and the workflow task. */
export function toolActivityLabel(name: string, args: Record<string, unknown>): { title: string; icon: string } {
  const title = typeof args.title === "string" ? `“${args.title}”` : null;
  const id = typeof args.id === "number" ? `task #${args.id}` : "a task";
  switch (name) {
    case TOOL.add_task:
      return { title: `Adding ${title ?? "a task"}`, icon: "plus" };
    case TOOL.list_tasks:
      return { title: typeof args.search === "string" ? `Searching your tasks for “${args.search}”` : "Looking at your tasks", icon: "search" };
    case TOOL.complete_task:
      return { title: args.completed === false ? `Reopening ${id}` : `Completing ${id}`, icon: "check-circle" };
    case TOOL.update_task:
      return { title: title ? `Renaming ${id} to ${title}` : `Updating ${id}`, icon: "write" };
    case TOOL.delete_task:
      return { title: `Deleting ${id}`, icon: "empty-circle" };
    case TOOL.add_tasks:
      return { title: `Adding ${count(args.tasks)}`, icon: "plus" };
    case TOOL.complete_tasks:
      return { title: `${args.completed === false ? "Reopening" : "Completing"} ${count(args.ids)}`, icon: "check-circle" };
    case TOOL.update_tasks:
      return { title: `Updating ${count(args.ids)}`, icon: "write" };
    case TOOL.delete_tasks:
      return { title: `Deleting ${count(args.ids)}`, icon: "empty-circle" };
    case TOOL.undo_last_change:
      return { title: "Undoing your last change", icon: "reload" };
    default:
      return { title: `Running ${name}`, icon: "bolt" };
  }
}
