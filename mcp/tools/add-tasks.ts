import "server-only";
import { z } from "zod";
import { ADD_MAX, addTasks } from "@/lib/tasks";
import { taskSchema } from "@/lib/tasks/schemas";
import { defineTool } from "./define";
import { describeTask } from "./format";
import { toolFields } from "./schemas";

export const addTasksTool = defineTool({
  name: "add_tasks",
  title: "Add tasks",
  description: `Create several tasks at once (1–${ADD_MAX}), e.g. from “add milk, eggs and bread”. All are added, or none if one is invalid.`,
  inputSchema: z.strictObject({
    tasks: z
      .array(
        z.strictObject({
          title: toolFields.title,
          description: toolFields.description.optional(),
          priority: toolFields.priority.optional(),
          dueDate: toolFields.dueDate.optional(),
        }),
      )
      .min(1, "Give at least one task.")
      .max(ADD_MAX, `At most ${ADD_MAX} tasks at once.`)
      .describe(`The tasks to create, 1–${ADD_MAX}.`),
  }),
  outputSchema: z.object({ tasks: z.array(taskSchema), changeSetId: z.string() }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  effect: { kind: "add" },
  async run(ctx, args) {
    const { tasks, changeSetId } = await addTasks(ctx.userId, args.tasks, ctx.source);
    return { summary: [`Added ${tasks.length} task${tasks.length === 1 ? "" : "s"}:`, ...tasks.map((t) => `- ${describeTask(t)}`)].join("\n"), data: { tasks, changeSetId } };
  },
});
