import { z } from "zod";
import { updateTask } from "@/lib/tasks";
import { defineTool } from "./define";
import { describeTask } from "./format";
import { taskOutput, toolFields } from "./schemas";

export const updateTaskTool = defineTool({
  name: "update_task",
  title: "Update task",
  description:
    "Change a task's title, description, priority, due date or done state. Send only the fields to change; dueDate null removes the due date.",
  inputSchema: z.strictObject({
    id: toolFields.id,
    title: toolFields.title.optional(),
    description: toolFields.description.nullable().optional(),
    priority: toolFields.priority.optional(),
    dueDate: toolFields.dueDate.nullable().optional(),
    completed: z.boolean().optional().describe("true marks it done, false reopens it."),
  }),
  outputSchema: taskOutput,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  async run(ctx, { id, ...changes }) {
    const task = await updateTask(ctx.userId, id, changes);
    return { summary: `Updated ${describeTask(task)}.`, data: { task } };
  },
});
