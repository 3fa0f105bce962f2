import "server-only";
import { z } from "zod";
import { changeTask } from "@/lib/tasks";
import { defineTool, idsInArgs } from "./define";
import { describeTask } from "./format";
import { taskOutput, taskChanges, toolFields } from "./schemas";

export const updateTaskTool = defineTool({
  name: "update_task",
  title: "Update task",
  description:
    "Change a task's title, description, priority, due date or done state. Send only the fields to change; dueDate null removes the due date.",
  inputSchema: z.strictObject({ id: toolFields.id, ...taskChanges }),
  outputSchema: taskOutput,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  effect: { kind: "change", confirm: "several", taskIds: idsInArgs },
  async run(ctx, { id, ...changes }) {
    const { task, changeSetId } = await changeTask(ctx.userId, id, changes, ctx.source);
    return { summary: `Updated ${describeTask(task)}.`, data: { task, changeSetId } };
  },
});
