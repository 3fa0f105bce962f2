import { DEFAULT_ORDER, SEARCH_MAX, SORTS, STATUSES, type Task, type TaskSort, type TaskStatus } from "@/lib/tasks/schemas";

/** What the task list shows, as it lives in the URL: /tasks?status=…&q=…&sort=…&order=… */
export type TaskFilters = { status: TaskStatus; q: string; sort: TaskSort; order?: "asc" | "desc" };

export const DEFAULT_FILTERS: TaskFilters = { status: "all", q: "", sort: "created" };

/** Mirrors the service's default direction of each sort, to show which way the list runs. */

export const STATUS_LABELS: Record<TaskStatus, string> = { all: "All", active: "Active", completed: "Completed", overdue: "Overdue" };

export const SORT_LABELS: Record<TaskSort, string> = { created: "Newest", due: "Due date", priority: "Priority", title: "Title" };

/** How each sort reads in each direction, for the order toggle. */
export const ORDER_LABELS: Record<TaskSort, Record<"asc" | "desc", string>> = {
  created: { desc: "Newest first", asc: "Oldest first" },
  due: { asc: "Soonest first", desc: "Latest first" },
  priority: { desc: "High first", asc: "Low first" },
  title: { asc: "A to Z", desc: "Z to A" },
};

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function oneOf<T extends string>(values: readonly T[], value: string | undefined): T | undefined {
  return values.find((v) => v === value);
}

/** Reads the filters from a page's searchParams; anything invalid falls back to the default. */
export function parseTaskFilters(params: SearchParams): TaskFilters {
  const order = oneOf(["asc", "desc"] as const, first(params.order));
  return {
    status: oneOf(STATUSES, first(params.status)) ?? DEFAULT_FILTERS.status,
    q: (first(params.q) ?? "").trim().slice(0, SEARCH_MAX),
    sort: oneOf(SORTS, first(params.sort)) ?? DEFAULT_FILTERS.sort,
    ...(order ? { order } : {}),
  };
}

export function effectiveOrder(filters: TaskFilters): "asc" | "desc" {
  return filters.order ?? DEFAULT_ORDER[filters.sort];
}

/** The query string for the filters, leaving out defaults so URLs stay short. */
export function filtersToSearchParams(filters: TaskFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status !== "all") params.set("status", filters.status);
  if (filters.q.trim()) params.set("q", filters.q.trim());
  if (filters.sort !== "created") params.set("sort", filters.sort);
  if (filters.order && filters.order !== DEFAULT_ORDER[filters.sort]) params.set("order", filters.order);
  return params;
}

export function tasksHref(filters: TaskFilters): string {
  const query = filtersToSearchParams(filters).toString();
  return query ? `/tasks?${query}` : "/tasks";
}

/** A stable identity for a set of filters. */
export function filtersKey(filters: TaskFilters): string {
  return filtersToSearchParams(filters).toString();
}

export function isFiltered(filters: TaskFilters): boolean {
  return filters.status !== "all" || filters.q.trim() !== "";
}

/** Whether a task belongs under a status tab; used to drop rows that a change moved elsewhere. */
export function matchesStatus(task: Task, status: TaskStatus, today: string): boolean {
  switch (status) {
    case "all":
      return true;
    case "active":
      return !task.completed;
    case "completed":
      return task.completed;
    case "overdue":
      return !task.completed && task.dueDate !== null && task.dueDate < today;
  }
}
