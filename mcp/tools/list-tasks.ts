import "server-only";
import { z } from "zod";
import { listTasks } from "@/lib/tasks";
import { PAGE_LIMIT_MAX, SORTS, STATUSES, SEARCH_MAX, taskSchema } from "@/lib/tasks/schemas";
import { defineTool } from "./define";
import { describeTask } from "./format";

const STATUS_WORDS = { all: "", active: "open ", completed: "completed ", overdue: "overdue " } as const;

export const listTasksTool = defineTool({
  name: "list_tasks",
  title: "List tasks",
  description:
    "List the user's tasks, newest first by default. Use status to filter (active = not done yet, overdue = open and past due), search to find tasks by words in the title or description.",
  inputSchema: z.strictObject({
    status: z.enum(STATUSES).optional().describe("all (default), active, completed or overdue."),
    search: z.string().trim().max(SEARCH_MAX).optional().describe("Words to look for in titles and descriptions."),
    sort: z.enum(SORTS).optional().describe("created (default), due, priority or title."),
    order: z.enum(["asc", "desc"]).optional().describe("Sort direction; each sort has a sensible default."),
    limit: z.number().int().min(1).max(PAGE_LIMIT_MAX).optional().describe(`How many tasks to return (default 20, at most ${PAGE_LIMIT_MAX}).`),
    cursor: z.string().max(500).optional().describe("nextCursor from a previous call, to get the next page."),
  }),
  outputSchema: z.object({ tasks: z.array(taskSchema), nextCursor: z.string().nullable() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  effect: { kind: "read" },
  async run(ctx, args) {
    const { search, limit, ...rest } = args;
    const page = await listTasks(ctx.userId, { ...rest, q: search, limit: limit ?? 20, today: ctx.today() });
    const kind = STATUS_WORDS[args.status ?? "all"];
    const matching = search ? ` matching “${search}”` : "";
    const summary = page.tasks.length
      ? [`${page.tasks.length} ${kind}task${page.tasks.length === 1 ? "" : "s"}${matching}:`, ...page.tasks.map((t) => `- ${describeTask(t)}`)]
          .concat(page.nextCursor ? ["More tasks exist; pass nextCursor to see them."] : [])
          .join("\n")
      : `No ${kind}tasks${matching}.`;
    return { summary, data: page };
  },
});
