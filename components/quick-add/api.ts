import { ApiError, fetchJson } from "@/lib/client/fetch-json";
import type { QuickAddParse, QuickAddToken } from "@/lib/quick-add/parse";
import { titleWithout } from "@/lib/quick-add/title";
import type { CreateTaskInput } from "@/lib/tasks/schemas";

export type { QuickAddParse, QuickAddToken };

export const parseLine = (text: string, signal?: AbortSignal) => fetchJson<QuickAddParse>("/api/tasks/parse", { method: "POST", body: { text }, signal });

/** A chip's identity that survives typing elsewhere in the line: removing "tomorrow" keeps it removed. */
export const tokenKey = (t: Pick<QuickAddToken, "kind" | "text">) => `${t.kind}:${t.text.toLowerCase()}`;

type LabelRef = { id?: number; name: string };

/** A new label's id: made now, or found if it was made meanwhile (409). */
async function labelId(label: LabelRef): Promise<number> {
  if (label.id) return label.id;
  try {
    return (await fetchJson<{ label: { id: number } }>("/api/labels", { method: "POST", body: { name: label.name } })).label.id;
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 409)) throw err;
    const { labels } = await fetchJson<{ labels: Array<{ id: number; name: string }> }>("/api/labels");
    const found = labels.find((l) => l.name.toLowerCase() === label.name.toLowerCase());
    if (!found) throw err;
    return found.id;
  }
}

/** The task the line makes, leaving out what the user removed (those words go back into the title). */
export async function taskFromLine(text: string, parsed: QuickAddParse, removed: ReadonlySet<string>): Promise<CreateTaskInput> {
  const kept = parsed.tokens.filter((t) => !removed.has(tokenKey(t)));
  const has = (kind: QuickAddToken["kind"]) => kept.some((t) => t.kind === kind);
  const keptLabels = new Set(kept.filter((t) => t.kind === "label").map((t) => t.name?.toLowerCase()));
  const labels = parsed.labels.filter((l) => keptLabels.has(l.name.toLowerCase()));
  const input: CreateTaskInput = { title: titleWithout(text, kept) };
  if (has("date") && parsed.dueDate) input.dueDate = parsed.dueDate;
  if (has("priority") && parsed.priority) input.priority = parsed.priority;
  if (has("list") && parsed.list) input.listId = parsed.list.id;
  if (has("repeat") && parsed.recurrence) input.recurrence = parsed.recurrence;
  if (labels.length) input.labelIds = await Promise.all(labels.map(labelId));
  return input;
}
