/**
 * The task rules' plain values, without zod, so client components can import them without
 * pulling the validation library into the browser bundle (schemas.ts re-exports them).
 */
export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 2000;
export const SEARCH_MAX = 200;
export const PAGE_LIMIT_MAX = 100;
export const PAGE_LIMIT_DEFAULT = 50;
/**
 * Tasks in /tasks's server-rendered first page; "Load more" brings the rest 50 at a time. Every
 * row is about 20 elements to lay out and hydrate on a phone (decision 25).
 */
export const TASKS_FIRST_PAGE = 25;
export const BULK_MAX = 100;

export const PRIORITIES = ["low", "medium", "high"] as const;
export const STATUSES = ["all", "active", "completed", "overdue"] as const;
export const SORTS = ["created", "due", "priority", "title"] as const;
/** Each sort's natural direction: newest, soonest, most important, A to Z. */
export const DEFAULT_ORDER = { created: "desc", due: "asc", priority: "desc", title: "asc" } as const satisfies Record<(typeof SORTS)[number], "asc" | "desc">;

export type TaskPriority = (typeof PRIORITIES)[number];
export type TaskStatus = (typeof STATUSES)[number];
export type TaskSort = (typeof SORTS)[number];
