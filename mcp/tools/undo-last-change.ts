import "server-only";
import { z } from "zod";
import { changeSetIdSchema, undoChange } from "@/lib/tasks";
import { taskSchema } from "@/lib/tasks/schemas";
import { defineTool } from "./define";
import { describeTask } from "./format";

export const undoLastChangeTool = defineTool({
  name: "undo_last_change",
  title: "Undo last change",
  description:
    "Undo the user's most recent change to their tasks (from the chat, the app or another client): deleted tasks come back with the same id, added ones are removed, edits are reverted. Pass changeSetId to undo one particular change. It refuses, and says why, when a task has changed since; undoing twice changes nothing. Confirm with the user first when the undo would delete tasks (undoing an add) or change several.",
  inputSchema: z.strictObject({
    changeSetId: changeSetIdSchema.optional().describe("A changeSetId returned by an earlier change; leave it out to undo the most recent change."),
  }),
  outputSchema: z.object({ changeSetId: z.string(), summary: z.string(), restored: z.array(taskSchema), removed: z.array(taskSchema), alreadyUndone: z.boolean() }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
  effect: { kind: "undo" },
  async run(ctx, args) {
    const undone = await undoChange(ctx.userId, args.changeSetId);
    const lines = [undone.summary, ...undone.restored.map((t) => `- restored ${describeTask(t)}`), ...undone.removed.map((t) => `- removed ${describeTask(t)}`)];
    return { summary: lines.join("\n"), data: undone };
  },
});
