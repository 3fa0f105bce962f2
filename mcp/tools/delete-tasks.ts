import "server-only";
import { z } from "zod";
import { removeTasks } from "@/lib/tasks";
import { defineTool, idsInArgs } from "./define";
import { describeBatch } from "./format";
import { batchIds, batchOutput } from "./schemas";

export const deleteTasksTool = defineTool({
  name: "delete_tasks",
  title: "Delete tasks",
  description: "Delete several tasks. Confirm with the user first. Reports each task's result; undo_last_change can bring them back.",
  inputSchema: z.strictObject({ ids: batchIds }),
  outputSchema: batchOutput,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
  effect: { kind: "change", confirm: "always", taskIds: idsInArgs },
  async run(ctx, args) {
    const data = await removeTasks(ctx.userId, { ids: args.ids }, ctx.source, { atomic: false });
    return { summary: describeBatch("Deleted", data.results), data };
  },
});
