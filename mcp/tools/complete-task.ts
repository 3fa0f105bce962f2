import "server-only";
import { z } from "zod";
import { changeTask } from "@/lib/tasks";
import { defineTool, idsInArgs } from "./define";
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
  effect: { kind: "change", confirm: "several", taskIds: idsInArgs },
  async run(ctx, args) {
    const { task, changeSetId } = await changeTask(ctx.userId, args.id, { completed: args.completed ?? true }, ctx.source);
    return { summary: `Marked ${describeTask(task)} as ${task.completed ? "done" : "not done"}.`, data: { task, changeSetId } };
  },
});
