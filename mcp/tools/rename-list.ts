import "server-only";
import { z } from "zod";
import { listNamed, updateList } from "@/lib/lists";
import { LIST_NAME_MAX } from "@/lib/lists/schemas";
import { defineTool } from "./define";
import { describeList, listSchema } from "./lists-format";

export const renameListTool = defineTool({
  name: "rename_list",
  title: "Rename list",
  description: "Rename one of the user's lists, named by its current name. The Inbox cannot be renamed.",
  inputSchema: z.strictObject({
    list: z.string().trim().min(1).max(LIST_NAME_MAX).describe("The list's current name."),
    name: z.string().max(LIST_NAME_MAX).describe("Its new name."),
  }),
  outputSchema: z.object({ list: listSchema }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  effect: { kind: "organize" },
  async run(ctx, args) {
    const current = await listNamed(ctx.userId, args.list);
    const list = await updateList(ctx.userId, current.id, { name: args.name });
    return { summary: `Renamed “${current.name}” to ${describeList(list)}.`, data: { list } };
  },
});
