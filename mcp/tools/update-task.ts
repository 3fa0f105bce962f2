import "server-only";
import { z } from "zod";
import { changeTask } from "@/lib/tasks";
import { defineTool, idsInArgs } from "./define";
import { describeTask } from "./format";
import { keepingOnlyUsedLabels, knownNames, resolvePlacement, withNames } from "./placement";
import { taskOutput, taskChanges, toolFields } from "./schemas";

export const updateTaskTool = defineTool({
  name: "update_task",
  title: "Update task",
  description:
    "Change a task's title, description, priority, due date, done state, list (by name), labels (names; replaces them) or repeat rule (in words; “never” stops it). Send only the fields to change; dueDate null removes the due date.",
  inputSchema: z.strictObject({ id: toolFields.id, ...taskChanges }),
  outputSchema: taskOutput,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  effect: { kind: "change", confirm: "several", taskIds: idsInArgs },
  async run(ctx, { id, list, labels, repeat, ...changes }) {
    const known = knownNames();
    const placement = await resolvePlacement(ctx.userId, { list, labels, repeat }, known);
    const changed = await keepingOnlyUsedLabels(ctx.userId, known, () => changeTask(ctx.userId, id, { ...changes, ...placement }, ctx.source, { today: ctx.today() }));
    const [task, next] = await withNames(ctx.userId, changed.next ? [changed.task, changed.next] : [changed.task]);
    const also = next ? ` Next occurrence added: ${describeTask(next)}.` : "";
    return { summary: `Updated ${describeTask(task!)}.${also}`, data: { task: task!, changeSetId: changed.changeSetId, ...(next ? { next } : {}) } };
  },
});
