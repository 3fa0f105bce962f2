import type { CreateTaskInput, Task, TaskPage, UpdateTaskInput } from "@/lib/tasks/schemas";
import type { Undone } from "@/lib/tasks/undo";
import { ApiError, errorMessage, fetchJson } from "@/lib/client/fetch-json";

export { ApiError, errorMessage };

/** What a change answers: the task as it now is (as it was, for a delete) and the change set that undoes it. */
export type TaskChanged = { task: Task; changeSetId: string };
/** Completing a repeating task also answers with `next`: the occurrence it added, in the same change set. */
export type TaskUpdated = TaskChanged & { next?: Task | null };
export type TasksChanged = { tasks: Task[]; changeSetId: string };
export type BulkAction = "complete" | "uncomplete" | "delete";
export type { Undone };

/** Client-side calls to /api/tasks. Server components call lib/tasks directly instead. */
export const tasksApi = {
  list: (params: URLSearchParams) => fetchJson<TaskPage>(`/api/tasks?${params}`),
  create: (input: CreateTaskInput) => fetchJson<TaskChanged>("/api/tasks", { method: "POST", body: input }),
  update: (id: number, patch: UpdateTaskInput) => fetchJson<TaskUpdated>(`/api/tasks/${id}`, { method: "PATCH", body: patch }),
  remove: (id: number) => fetchJson<TaskChanged>(`/api/tasks/${id}`, { method: "DELETE" }),
  bulk: (action: BulkAction, ids: number[]) => fetchJson<TasksChanged>("/api/tasks/bulk", { method: "POST", body: { action, ids } }),
  /** Puts back what a change set did; a 409 ApiError (with the server's reason) when a task has changed since, 404 when it is unknown. */
  undo: (changeSetId: string) => fetchJson<Undone>(`/api/changes/${encodeURIComponent(changeSetId)}/undo`, { method: "POST" }),
};
