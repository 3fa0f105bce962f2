import "server-only";
import { z } from "zod";
import { changeTasks } from "@/lib/tasks";
import { defineTool, idsInArgs } from "./define";
import { describeBatch, namedResults } from "./format";
import { keepingOnlyUsedLabels, knownNames, resolvePlacement } from "./placement";
import { batchIds, batchOutput, taskChanges } from "./schemas";

export const updateTasksTool = defineTool({
  name: "update_tasks",
  title: "Update tasks",
  description:
    "Make the same change to several tasks, e.g. move them all to a date or a list, label them, or set their priority. Send only the fields to change. Reports each task's result. Confirm with the user before changing more than one task.",
  inputSchema: z.strictObject({
    ids: batchIds,
    changes: z.strictObject(taskChanges).describe("The fields to set on every task."),
  }),
  outputSchema: batchOutput,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  effect: { kind: "change", confirm: "several", taskIds: idsInArgs },
  async run(ctx, args) {
    const { list, labels, repeat, ...changes } = args.changes;
    const known = knownNames();
    const placement = await resolvePlacement(ctx.userId, { list, labels, repeat }, known);
    const changed = await keepingOnlyUsedLabels(
      ctx.userId,
      known,
      () => changeTasks(ctx.userId, { ids: args.ids }, { ...changes, ...placement }, ctx.source, { atomic: false, today: ctx.today() }),
      (batch) => batch.results.some((r) => !r.ok),
    );
    const data = { ...changed, results: await namedResults(ctx.userId, changed.results) };
    return { summary: describeBatch("Updated", data.results), data };
  },
});
