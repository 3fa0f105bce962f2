import { z } from "zod";
import { setTaskCompleted } from "@/lib/tasks";
import { defineTool } from "./define";
import { describeTask } from "./format";
import { taskOutput, toolFields } from "./schemas";

export const completeTaskTool = defineTool({
  name: "complete_task",
  title: "Complete task",
  description: "Mark a task as done, or as not done again with completed: false.",
  inputSchema: z.strictObject({
    id: toolFields.id,
    completed: z.boolean().optional().describe("true (default) marks it done; false reopens it."),
  }),
  outputSchema: taskOutput,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  async run(ctx, args) {
    const task = await setTaskCompleted(ctx.userId, args.id, args.completed ?? true);
    return { summary: `Marked ${describeTask(task)} as ${task.completed ? "done" : "not done"}.`, data: { task } };
  },
});
