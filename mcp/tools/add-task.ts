import "server-only";
import { z } from "zod";
import { addTasks } from "@/lib/tasks";
import { defineTool } from "./define";
import { describeTask } from "./format";
import { taskOutput, toolFields } from "./schemas";

export const addTaskTool = defineTool({
  name: "add_task",
  title: "Add task",
  description: "Create a new task for the user. Returns the created task with its id. To add several tasks, use add_tasks.",
  inputSchema: z.strictObject({
    title: toolFields.title,
    description: toolFields.description.optional(),
    priority: toolFields.priority.optional(),
    dueDate: toolFields.dueDate.optional(),
  }),
  outputSchema: taskOutput,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  effect: { kind: "add" },
  async run(ctx, args) {
    const { tasks: [task], changeSetId } = await addTasks(ctx.userId, [args], ctx.source);
    return { summary: `Added ${describeTask(task!)}.`, data: { task: task!, changeSetId } };
  },
});
