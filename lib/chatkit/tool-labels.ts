import { TOOL } from "@/mcp/tools";

const count = (list: unknown) => {
  const n = Array.isArray(list) ? list.length : 0;
  return n === 1 ? "1 task" : `${n} tasks`;
};

const quoted = (title: unknown) => (typeof title === "string" ? `“${title}”` : null);

/**
 * What a tool call is doing, in words, for the progress line and the workflow task while it
 * runs. Only the arguments are known then, and an id means nothing to a person, so a task the
 * call names by id is "a task" until the call's result gives its title (toolDoneLabel).
 */
export function toolActivityLabel(name: string, args: Record<string, unknown>): { title: string; icon: string } {
  const title = quoted(args.title);
  switch (name) {
    case TOOL.add_task:
      return { title: `Adding ${title ?? "a task"}`, icon: "plus" };
    case TOOL.list_tasks:
      return { title: typeof args.search === "string" ? `Searching your tasks for “${args.search}”` : "Looking at your tasks", icon: "search" };
    case TOOL.complete_task:
      return { title: args.completed === false ? "Reopening a task" : "Completing a task", icon: "check-circle" };
    case TOOL.update_task:
      return { title: title ? `Renaming a task to ${title}` : "Updating a task", icon: "write" };
    case TOOL.delete_task:
      return { title: "Deleting a task", icon: "empty-circle" };
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
    case TOOL.list_lists:
      return { title: "Looking at your lists", icon: "search" };
    case TOOL.list_labels:
      return { title: "Looking at your labels", icon: "search" };
    case TOOL.create_list:
      return { title: `Creating the list ${quoted(args.name) ?? ""}`.trim(), icon: "plus" };
    case TOOL.rename_list:
      return { title: `Renaming the list ${quoted(args.list) ?? ""}`.trim(), icon: "write" };
    case TOOL.delete_list:
      return { title: `Deleting the list ${quoted(args.list) ?? ""}`.trim(), icon: "empty-circle" };
    default:
      return { title: `Running ${name}`, icon: "bolt" };
  }
}

type Data = { task?: { title?: unknown; completed?: unknown }; tasks?: unknown[]; results?: Array<{ ok?: unknown }>; summary?: unknown };

const listName = (data: unknown) => quoted((data as { list?: { name?: unknown } }).list?.name);

const changed = (data: Data) => (Array.isArray(data.results) ? data.results.filter((r) => r?.ok === true).length : 0);
const tasks = (n: number) => (n === 1 ? "1 task" : `${n} tasks`);

/**
 * What a finished call did, in the past tense and with the task's title from its result
 * ("Completed “Buy milk”"). Null when the result says nothing usable (a failure): the row then
 * keeps its running label and shows the tool's message.
 */
export function toolDoneLabel(name: string, args: Record<string, unknown>, data: unknown): string | null {
  if (!data || typeof data !== "object" || "isError" in data) return null;
  const d = data as Data;
  const title = quoted(d.task?.title);
  switch (name) {
    case TOOL.add_task:
      return title && `Added ${title}`;
    case TOOL.list_tasks:
      return typeof args.search === "string" ? `Searched your tasks for “${args.search}”` : "Looked at your tasks";
    case TOOL.complete_task:
      return title && (d.task?.completed === false ? `Reopened ${title}` : `Completed ${title}`);
    case TOOL.update_task:
      return title && (typeof args.title === "string" ? `Renamed a task to ${title}` : `Updated ${title}`);
    case TOOL.delete_task:
      return title && `Deleted ${title}`;
    case TOOL.add_tasks:
      return Array.isArray(d.tasks) ? `Added ${tasks(d.tasks.length)}` : null;
    case TOOL.complete_tasks:
      return `${args.completed === false ? "Reopened" : "Completed"} ${tasks(changed(d))}`;
    case TOOL.update_tasks:
      return `Updated ${tasks(changed(d))}`;
    case TOOL.delete_tasks:
      return `Deleted ${tasks(changed(d))}`;
    case TOOL.undo_last_change:
      return "Undid your last change";
    case TOOL.list_lists:
      return "Looked at your lists";
    case TOOL.list_labels:
      return "Looked at your labels";
    case TOOL.create_list:
      return listName(data) && `Created the list ${listName(data)}`;
    case TOOL.rename_list:
      return listName(data) && `Renamed a list to ${listName(data)}`;
    case TOOL.delete_list:
      return listName(data) && `Deleted the list ${listName(data)}`;
    default:
      return null;
  }
}
