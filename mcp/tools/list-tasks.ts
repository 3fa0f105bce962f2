import "server-only";
import { z } from "zod";
import { listTasks } from "@/lib/tasks";
import { labelNamed } from "@/lib/labels";
import { LABEL_NAME_MAX } from "@/lib/labels/schemas";
import { listNamed } from "@/lib/lists";
import { LIST_NAME_MAX } from "@/lib/lists/schemas";
import { PAGE_LIMIT_MAX, SORTS, STATUSES, SEARCH_MAX } from "@/lib/tasks/schemas";
import { defineTool } from "./define";
import { describeTask } from "./format";
import { withNames } from "./placement";
import { namedTaskSchema } from "./schemas";

const STATUS_WORDS = { all: "", active: "open ", completed: "completed ", overdue: "overdue " } as const;

export const listTasksTool = defineTool({
  name: "list_tasks",
  title: "List tasks",
  description:
    "List the user's tasks, newest first by default. Use status to filter (active = not done yet, overdue = open and past due), search to find tasks by words in the title or description, list and label to see one list or label (by name).",
  inputSchema: z.strictObject({
    status: z.enum(STATUSES).optional().describe("all (default), active, completed or overdue."),
    search: z.string().trim().max(SEARCH_MAX).optional().describe("Words to look for in titles and descriptions."),
    sort: z.enum(SORTS).optional().describe("created (default), due, priority or title."),
    order: z.enum(["asc", "desc"]).optional().describe("Sort direction; each sort has a sensible default."),
    limit: z.number().int().min(1).max(PAGE_LIMIT_MAX).optional().describe(`How many tasks to return (default 20, at most ${PAGE_LIMIT_MAX}).`),
    cursor: z.string().max(500).optional().describe("nextCursor from a previous call, to get the next page."),
    list: z.string().trim().min(1).max(LIST_NAME_MAX).optional().describe("Only tasks in this list, by name, e.g. “Groceries”."),
    label: z.string().trim().min(1).max(LABEL_NAME_MAX).optional().describe("Only tasks with this label, by name, e.g. “urgent”."),
  }),
  outputSchema: z.object({ tasks: z.array(namedTaskSchema), nextCursor: z.string().nullable() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  effect: { kind: "read" },
  async run(ctx, args) {
    const { search, limit, list, label, ...rest } = args;
    const listId = list === undefined ? undefined : (await listNamed(ctx.userId, list)).id;
    const labelId = label === undefined ? undefined : (await labelNamed(ctx.userId, label)).id;
    const found = await listTasks(ctx.userId, { ...rest, q: search, limit: limit ?? 20, today: ctx.today(), list: listId, label: labelId });
    const page = { ...found, tasks: await withNames(ctx.userId, found.tasks) };
    const kind = STATUS_WORDS[args.status ?? "all"];
    const matching = (search ? ` matching “${search}”` : "") + (list ? ` in ${list}` : "") + (label ? ` labelled ${label}` : "");
    const summary = page.tasks.length
      ? [`${page.tasks.length} ${kind}task${page.tasks.length === 1 ? "" : "s"}${matching}:`, ...page.tasks.map((t) => `- ${describeTask(t)}`)]
          .concat(page.nextCursor ? ["More tasks exist; pass nextCursor to see them."] : [])
          .join("\n")
      : `No ${kind}tasks${matching}.`;
    return { summary, data: page };
  },
});
