import "server-only";
import { z } from "zod";
import { createList } from "@/lib/lists";
import { LIST_NAME_MAX } from "@/lib/lists/schemas";
import { defineTool } from "./define";
import { describeList, listSchema } from "./lists-format";

export const createListTool = defineTool({
  name: "create_list",
  title: "Create list",
  description: "Create a task list, e.g. “Groceries”. Names are unique per user (case-insensitive); “Inbox” is taken by the built-in list.",
  inputSchema: z.strictObject({ name: z.string().max(LIST_NAME_MAX).describe(`The list's name, 1–${LIST_NAME_MAX} characters.`) }),
  outputSchema: z.object({ list: listSchema }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  effect: { kind: "organize" },
  async run(ctx, args) {
    const list = await createList(ctx.userId, { name: args.name });
    return { summary: `Created the list ${describeList(list)}.`, data: { list } };
  },
});
