import "server-only";
import { z } from "zod";
import { ADD_MAX, addTasks } from "@/lib/tasks";
import { defineTool } from "./define";
import { describeTask } from "./format";
import { addedWithNames, keepingOnlyUsedLabels, knownNames, placementFields, resolvePlacement } from "./placement";
import { namedTaskSchema, toolFields } from "./schemas";

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
          list: placementFields.list.optional(),
          labels: placementFields.labels.optional(),
          repeat: placementFields.repeat.optional(),
        }),
      )
      .min(1, "Give at least one task.")
      .max(ADD_MAX, `At most ${ADD_MAX} tasks at once.`)
      .describe(`The tasks to create, 1–${ADD_MAX}.`),
  }),
  outputSchema: z.object({ tasks: z.array(namedTaskSchema), changeSetId: z.string() }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  effect: { kind: "add" },
  async run(ctx, args) {
    const known = knownNames();
    // Every task's list and repeat first, labels after: an unknown list or an unreadable repeat
    // anywhere in the batch then fails the call before it has created any new label.
    const items: Array<Record<string, unknown>> = [];
    for (const { list, labels: _labels, repeat, ...fields } of args.tasks) items.push({ ...fields, ...(await resolvePlacement(ctx.userId, { list, repeat }, known)) });
    for (const [i, { labels }] of args.tasks.entries()) if (labels !== undefined) Object.assign(items[i]!, await resolvePlacement(ctx.userId, { labels }, known));
    const added = await keepingOnlyUsedLabels(ctx.userId, known, () => addTasks(ctx.userId, items, ctx.source, { today: ctx.today() }));
    const { changeSetId } = added;
    const tasks = addedWithNames(added.tasks, known);
    return { summary: [`Added ${tasks.length} task${tasks.length === 1 ? "" : "s"}:`, ...tasks.map((t) => `- ${describeTask(t)}`)].join("\n"), data: { tasks, changeSetId } };
  },
});
