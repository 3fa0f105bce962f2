import type { CreateTaskInput, Task, TaskPage, UpdateTaskInput } from "@/lib/tasks/schemas";
import type { Undone } from "@/lib/tasks/undo";

/** An error from the tasks API, with the per-field messages of a 400 when there are any. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

async function request<T>(url: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      ...init,
      headers: { accept: "application/json", ...(init.body ? { "content-type": "application/json" } : {}) },
      cache: "no-store",
    });
  } catch {
    throw new ApiError("Could not reach the server. Check your connection and try again.", 0);
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (body ?? {}) as { message?: unknown; fields?: unknown };
    const message =
      res.status === 401 ? "Your session has ended. Sign in again to continue." : typeof err.message === "string" ? err.message : `The request failed (${res.status}).`;
    const fields = err.fields && typeof err.fields === "object" ? (err.fields as Record<string, string>) : {};
    throw new ApiError(message, res.status, fields);
  }
  return body as T;
}

const json = (data: unknown) => JSON.stringify(data);

/** What a change answers: the task as it now is (as it was, for a delete) and the change set that undoes it. */
export type TaskChanged = { task: Task; changeSetId: string };
export type TasksChanged = { tasks: Task[]; changeSetId: string };
export type BulkAction = "complete" | "uncomplete" | "delete";
export type { Undone };

/** Client-side calls to /api/tasks. Server components call lib/tasks directly instead. */
export const tasksApi = {
  list: (params: URLSearchParams) => request<TaskPage>(`/api/tasks?${params}`),
  create: (input: CreateTaskInput) => request<TaskChanged>("/api/tasks", { method: "POST", body: json(input) }),
  update: (id: number, patch: UpdateTaskInput) => request<TaskChanged>(`/api/tasks/${id}`, { method: "PATCH", body: json(patch) }),
  remove: (id: number) => request<TaskChanged>(`/api/tasks/${id}`, { method: "DELETE" }),
  bulk: (action: BulkAction, ids: number[]) => request<TasksChanged>("/api/tasks/bulk", { method: "POST", body: json({ action, ids }) }),
  /** Puts back what a change set did; a 409 ApiError (with the server's reason) when a task has changed since, 404 when it is unknown. */
  undo: (changeSetId: string) => request<Undone>(`/api/changes/${encodeURIComponent(changeSetId)}/undo`, { method: "POST" }),
};

export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : "Something went wrong. Try again.";
}
