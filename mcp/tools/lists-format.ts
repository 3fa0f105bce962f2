import "server-only";
import { z } from "zod";
import type { List } from "@/lib/lists/schemas";

export const listSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  position: z.number().int(),
  isInbox: z.boolean(),
  archived: z.boolean(),
  openCount: z.number().int().describe("How many open tasks it holds"),
});

export const labelSchema = z.object({ id: z.number().int(), name: z.string(), openCount: z.number().int().describe("How many open tasks carry it") });

const tasks = (n: number) => `${n} open task${n === 1 ? "" : "s"}`;

/** One line per list: “Groceries” (3 open tasks, archived). */
export function describeList(list: List): string {
  const notes = [tasks(list.openCount), ...(list.isInbox ? ["the built-in Inbox"] : []), ...(list.archived ? ["archived"] : [])];
  return `“${list.name}” (${notes.join(", ")})`;
}

export { tasks as openTasks };
