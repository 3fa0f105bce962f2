import "server-only";
import { z } from "zod";
import { addTasks } from "@/lib/tasks";
import { defineTool } from "./define";
import { describeTask } from "./format";
import { addedWithNames, keepingOnlyUsedLabels, knownNames, placementFields, resolvePlacement } from "./placement";
import { taskOutput, toolFields } from "./schemas";

export const addTaskTool = defineTool({
  name: "add_task",
  title: "Add task",
  description:
    "Create a new task for the user, optionally in a list (by name), with labels and a repeat rule in words. Returns the created task with its id. To add several tasks, use add_tasks.",
  inputSchema: z.strictObject({
    title: toolFields.title,
    description: toolFields.description.optional(),
    priority: toolFields.priority.optional(),
    dueDate: toolFields.dueDate.optional(),
    list: placementFields.list.optional(),
    labels: placementFields.labels.optional(),
    repeat: placementFields.repeat.optional(),
  }),
  outputSchema: taskOutput,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  effect: { kind: "add" },
  async run(ctx, args) {
    const { list, labels, repeat, ...fields } = args;
    const known = knownNames();
    const placement = await resolvePlacement(ctx.userId, { list, labels, repeat }, known);
    const { tasks: [added], changeSetId } = await keepingOnlyUsedLabels(ctx.userId, known, () => addTasks(ctx.userId, [{ ...fields, ...placement }], ctx.source, { today: ctx.today() }));
    const [task] = addedWithNames([added!], known);
    return { summary: `Added ${describeTask(task!)}.`, data: { task: task!, changeSetId } };
  },
});
