import "server-only";
import { z } from "zod";
import { changeTasks } from "@/lib/tasks";
import { defineTool, idsInArgs } from "./define";
import { describeBatch, namedResults } from "./format";
import { batchIds, batchOutput } from "./schemas";

export const completeTasksTool = defineTool({
  name: "complete_tasks",
  title: "Complete tasks",
  description: "Mark several tasks as done (or not done, with completed: false). Reports each task's result; a missing id does not stop the others. Confirm with the user before changing more than one task.",
  inputSchema: z.strictObject({
    ids: batchIds,
    completed: z.boolean().optional().describe("true (default) marks them done; false reopens them."),
  }),
  outputSchema: batchOutput,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  effect: { kind: "change", confirm: "several", taskIds: idsInArgs },
  async run(ctx, args) {
    const completed = args.completed ?? true;
    const changed = await changeTasks(ctx.userId, { ids: args.ids }, { completed }, ctx.source, { atomic: false, today: ctx.today() });
    const data = { ...changed, results: await namedResults(ctx.userId, changed.results) };
    return { summary: describeBatch(completed ? "Completed" : "Reopened", data.results), data };
  },
});
