import { fetchJson } from "@/lib/client/fetch-json";
import type { Label } from "@/lib/labels/schemas";
import type { List } from "@/lib/lists/schemas";

export type { Label, List };
export type ListDeleted = { list: List; moved: number; deleted: number; changeSetId: string | null };

/** Client-side calls to /api/lists and /api/labels (server components call lib/lists, lib/labels). */
export const listsApi = {
  create: (name: string) => fetchJson<{ list: List }>("/api/lists", { method: "POST", body: { name } }),
  update: (id: number, patch: { name?: string; archived?: boolean }) => fetchJson<{ list: List }>(`/api/lists/${id}`, { method: "PATCH", body: patch }),
  reorder: (ids: number[]) => fetchJson<{ lists: List[] }>("/api/lists/reorder", { method: "POST", body: { ids } }),
  remove: (id: number, tasks: "move" | "delete") => fetchJson<ListDeleted>(`/api/lists/${id}?tasks=${tasks}`, { method: "DELETE" }),
};

export const labelsApi = {
  create: (name: string) => fetchJson<{ label: Label }>("/api/labels", { method: "POST", body: { name } }),
  rename: (id: number, name: string) => fetchJson<{ label: Label }>(`/api/labels/${id}`, { method: "PATCH", body: { name } }),
  remove: (id: number) => fetchJson<{ label: Label }>(`/api/labels/${id}`, { method: "DELETE" }),
};
