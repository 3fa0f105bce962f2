import { DEFAULT_ORDER, SEARCH_MAX, SORTS, STATUSES, type TaskSort, type TaskStatus } from "@/lib/tasks/constants";
import type { Task } from "@/lib/tasks/schemas";

/**
 * What the task list shows, as it lives in the URL: /tasks?status=…&q=…&sort=…&order=…&completed=shown.
 * `showCompleted` only matters under All, which lists open tasks unless it is set.
 */
export type TaskFilters = {
  status: TaskStatus;
  q: string;
  sort: TaskSort;
  order?: "asc" | "desc";
  showCompleted?: boolean;
  /** Only this list's tasks (?list=<id>); all lists when absent. */
  list?: number;
  /** Only tasks with this label (?label=<id>). */
  label?: number;
};

export const DEFAULT_FILTERS: TaskFilters = { status: "all", q: "", sort: "created" };

const SHOW_COMPLETED_PARAM = "completed";
const SHOW_COMPLETED_VALUE = "shown";

export const STATUS_LABELS: Record<TaskStatus, string> = { all: "All", active: "Active", completed: "Completed", overdue: "Overdue" };

/** How each sort reads in each direction, for the one sort control. */
export const ORDER_LABELS: Record<TaskSort, Record<"asc" | "desc", string>> = {
  created: { desc: "Newest first", asc: "Oldest first" },
  due: { asc: "Due date, soonest first", desc: "Due date, latest first" },
  priority: { desc: "Priority, high first", asc: "Priority, low first" },
  title: { asc: "Title, A to Z", desc: "Title, Z to A" },
};

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** A positive integer id from the URL, or undefined for anything else. */
function idParam(value: string | undefined): number | undefined {
  if (!value || !/^[1-9]\d{0,9}$/.test(value)) return undefined;
  const id = Number(value);
  return id <= 2_147_483_647 ? id : undefined;
}

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
    ...(first(params[SHOW_COMPLETED_PARAM]) === SHOW_COMPLETED_VALUE ? { showCompleted: true } : {}),
    ...(idParam(first(params.list)) ? { list: idParam(first(params.list)) } : {}),
    ...(idParam(first(params.label)) ? { label: idParam(first(params.label)) } : {}),
  };
}

export function effectiveOrder(filters: TaskFilters): "asc" | "desc" {
  return filters.order ?? DEFAULT_ORDER[filters.sort];
}

/** The query string for the filters, leaving out defaults so URLs stay short. */
export function filtersToSearchParams(filters: TaskFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.list) params.set("list", String(filters.list));
  if (filters.label) params.set("label", String(filters.label));
  if (filters.status !== "all") params.set("status", filters.status);
  if (filters.q.trim()) params.set("q", filters.q.trim());
  if (filters.sort !== "created") params.set("sort", filters.sort);
  if (filters.order && filters.order !== DEFAULT_ORDER[filters.sort]) params.set("order", filters.order);
  if (filters.showCompleted) params.set(SHOW_COMPLETED_PARAM, SHOW_COMPLETED_VALUE);
  return params;
}

/** The query for GET /api/tasks: the status the list holds (All without completed is Active). */
export function filtersToApiParams(filters: TaskFilters): URLSearchParams {
  const params = new URLSearchParams({ status: listedStatus(filters), sort: filters.sort, order: effectiveOrder(filters) });
  if (filters.q.trim()) params.set("q", filters.q.trim());
  if (filters.list) params.set("list", String(filters.list));
  if (filters.label) params.set("label", String(filters.label));
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

/** What the list actually holds: All without completed tasks is the open ones. */
export function listedStatus(filters: TaskFilters): TaskStatus {
  return filters.status === "all" && !filters.showCompleted ? "active" : filters.status;
}

/** Completed tasks are left out of All right now (the toggle shows them). */
export function hidesCompleted(filters: TaskFilters): boolean {
  return filters.status === "all" && !filters.showCompleted;
}

export function isFiltered(filters: TaskFilters): boolean {
  return filters.status !== "all" || filters.q.trim() !== "" || !!filters.list || !!filters.label;
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
