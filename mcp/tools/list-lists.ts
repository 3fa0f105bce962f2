import "server-only";
import { z } from "zod";
import { listLists } from "@/lib/lists";
import { defineTool } from "./define";
import { describeList, listSchema } from "./lists-format";

export const listListsTool = defineTool({
  name: "list_lists",
  title: "List lists",
  description: "List the user's task lists (the Inbox first, then in their order) with how many open tasks each holds. Tasks are put in a list by its name.",
  inputSchema: z.strictObject({
    includeArchived: z.boolean().optional().describe("true also lists archived lists."),
  }),
  outputSchema: z.object({ lists: z.array(listSchema) }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  effect: { kind: "read" },
  async run(ctx, args) {
    const lists = await listLists(ctx.userId, { archived: args.includeArchived ? "include" : "exclude" });
    return { summary: [`${lists.length} list${lists.length === 1 ? "" : "s"}:`, ...lists.map((l) => `- ${describeList(l)}`)].join("\n"), data: { lists } };
  },
});
