import "server-only";
import { z } from "zod";
import { deleteList, listNamed } from "@/lib/lists";
import { LIST_NAME_MAX } from "@/lib/lists/schemas";
import { defineTool } from "./define";
import { listSchema } from "./lists-format";

export const deleteListTool = defineTool({
  name: "delete_list",
  title: "Delete list",
  description:
    "Delete one of the user's lists, named by its name. Its tasks move to the Inbox (tasks: move, the default) or are deleted (tasks: delete; undo_last_change brings them back, into the Inbox). Confirm with the user first. The Inbox cannot be deleted.",
  inputSchema: z.strictObject({
    list: z.string().trim().min(1).max(LIST_NAME_MAX).describe("The name of the list to delete."),
    tasks: z.enum(["move", "delete"]).optional().describe("move (default): its tasks go to the Inbox; delete: they are deleted too."),
  }),
  outputSchema: z.object({ list: listSchema, moved: z.number().int(), deleted: z.number().int(), changeSetId: z.string().nullable() }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false },
  // Always asked in the chat, like any delete; it names no task ids.
  effect: { kind: "change", confirm: "always", taskIds: () => [] },
  async run(ctx, args) {
    const list = await listNamed(ctx.userId, args.list);
    const data = await deleteList(ctx.userId, list.id, { tasks: args.tasks ?? "move" }, ctx.source);
    const what =
      data.deleted > 0
        ? ` and its ${data.deleted} task${data.deleted === 1 ? "" : "s"}`
        : data.moved > 0
          ? `; its ${data.moved} task${data.moved === 1 ? "" : "s"} moved to the Inbox`
          : "";
    return { summary: `Deleted the list “${data.list.name}”${what}.`, data };
  },
});
