import { z } from "zod";
import { createTask } from "@/lib/tasks";
import { defineTool } from "./define";
import { describeTask } from "./format";
import { taskOutput, toolFields } from "./schemas";

export const addTaskTool = defineTool({
  name: "add_task",
  title: "Add task",
  description: "Create a new task for the user. Returns the created task with its id.",
  inputSchema: z.strictObject({
    title: toolFields.title,
    description: toolFields.description.optional(),
    priority: toolFields.priority.optional(),
    dueDate: toolFields.dueDate.optional(),
  }),
  outputSchema: taskOutput,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  async run(ctx, args) {
    const task = await createTask(ctx.userId, args);
    return { summary: `Added ${describeTask(task)}.`, data: { task } };
  },
});
