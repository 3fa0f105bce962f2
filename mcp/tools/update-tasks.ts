import "server-only";
import { z } from "zod";
import { changeTasks } from "@/lib/tasks";
import { defineTool, idsInArgs } from "./define";
import { describeBatch } from "./format";
import { batchIds, batchOutput, taskChanges } from "./schemas";

export const updateTasksTool = defineTool({
  name: "update_tasks",
  title: "Update tasks",
  description:
    "Make the same change to several tasks, e.g. move them all to a date or set their priority. Send only the fields to change. Reports each task's result. Confirm with the user before changing more than one task.",
  inputSchema: z.strictObject({
    ids: batchIds,
    changes: z.strictObject(taskChanges).describe("The fields to set on every task."),
  }),
  outputSchema: batchOutput,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  effect: { kind: "change", confirm: "several", taskIds: idsInArgs },
  async run(ctx, args) {
    const data = await changeTasks(ctx.userId, { ids: args.ids }, args.changes, ctx.source, { atomic: false });
    return { summary: describeBatch("Updated", data.results), data };
  },
});
