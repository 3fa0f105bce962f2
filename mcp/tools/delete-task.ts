import "server-only";
import { z } from "zod";
import { removeTask } from "@/lib/tasks";
import { defineTool, idsInArgs } from "./define";
import { describeTask } from "./format";
import { taskOutput, toolFields } from "./schemas";

export const deleteTaskTool = defineTool({
  name: "delete_task",
  title: "Delete task",
  description: "Delete a task. Confirm with the user first; undo_last_change can bring it back.",
  inputSchema: z.strictObject({ id: toolFields.id }),
  outputSchema: taskOutput,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
  effect: { kind: "change", confirm: "always", taskIds: idsInArgs },
  async run(ctx, args) {
    const { task, changeSetId } = await removeTask(ctx.userId, args.id, ctx.source);
    return { summary: `Deleted ${describeTask(task)}.`, data: { task, changeSetId } };
  },
});
