import { z } from "zod";
import { deleteTask } from "@/lib/tasks";
import { defineTool } from "./define";
import { describeTask } from "./format";
import { taskOutput, toolFields } from "./schemas";

export const deleteTaskTool = defineTool({
  name: "delete_task",
  title: "Delete task",
  description: "Permanently delete a task. This cannot be undone, so the user is asked to confirm.",
  inputSchema: z.strictObject({ id: toolFields.id }),
  outputSchema: taskOutput,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
  async run(ctx, args) {
    const task = await deleteTask(ctx.userId, args.id);
    return { summary: `Deleted ${describeTask(task)}.`, data: { task } };
  },
});
