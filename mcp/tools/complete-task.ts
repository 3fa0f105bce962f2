import "server-only";
import { z } from "zod";
import { changeTask } from "@/lib/tasks";
import { defineTool, idsInArgs } from "./define";
import { describeTask } from "./format";
import { withNames } from "./placement";
import { taskOutput, toolFields } from "./schemas";

export const completeTaskTool = defineTool({
  name: "complete_task",
  title: "Complete task",
  description: "Mark a task as done, or as not done again with completed: false. Completing a repeating task also adds its next occurrence (returned as next); one undo reverts both.",
  inputSchema: z.strictObject({
    id: toolFields.id,
    completed: z.boolean().optional().describe("true (default) marks it done; false reopens it."),
  }),
  outputSchema: taskOutput,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  effect: { kind: "change", confirm: "several", taskIds: idsInArgs },
  async run(ctx, args) {
    const changed = await changeTask(ctx.userId, args.id, { completed: args.completed ?? true }, ctx.source, { today: ctx.today() });
    const [task, next] = await withNames(ctx.userId, changed.next ? [changed.task, changed.next] : [changed.task]);
    const also = next ? ` It repeats, so the next one was added: ${describeTask(next)}.` : "";
    return { summary: `Marked ${describeTask(task!)} as ${task!.completed ? "done" : "not done"}.${also}`, data: { task: task!, changeSetId: changed.changeSetId, ...(next ? { next } : {}) } };
  },
});
