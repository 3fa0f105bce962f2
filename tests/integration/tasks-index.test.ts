import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { listTasks, listTasksQuery } from "@/lib/tasks";
import { listTasksSchema } from "@/lib/tasks/schemas";
import { signUpUser } from "../helpers/auth";

const TASKS = 10_000;
let userId: string;

type PlanNode = { "Node Type": string; "Index Name"?: string; Plans?: PlanNode[] };
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

async function plan(input: Record<string, unknown>) {
  const query = listTasksQuery(userId, listTasksSchema.parse({ today: "2030-06-15", ...input })).getSQL();
  const { rows } = await db.execute<{ "QUERY PLAN": [{ Plan: PlanNode; "Execution Time": number }] }>(
    sql`explain (analyze, format json) ${query}`,
  );
  const [explained] = rows[0]!["QUERY PLAN"];
  return { all: nodes(explained.Plan), ms: explained["Execution Time"] };
}

beforeAll(async () => {
  userId = (await signUpUser("index")).id;
  const other = (await signUpUser("index-other")).id;
  // Fixture data in bulk: 10,000 tasks for the user (a quarter done, most with due dates) and 2,000 for someone else.
  await db.execute(sql`
    insert into tasks (user_id, title, description, priority, due_date, completed, completed_at)
    select ${userId}, 'Task ' || g, case when g % 7 = 0 then 'notes about groceries ' || g end,
           (array['low','medium','high'])[1 + g % 3]::task_priority,
           case when g % 5 = 0 then null else date '2030-01-01' + (g % 365) end,
           g % 4 = 0, case when g % 4 = 0 then now() end
    from generate_series(1, ${TASKS}) g`);
  await db.execute(sql`insert into tasks (user_id, title) select ${other}, 'Other ' || g from generate_series(1, 2000) g`);
  await db.execute(sql`analyze tasks`);
}, 120_000);

describe(`listing from ${TASKS} tasks, a page of 50`, () => {
  it.each([
    [{ status: "active", sort: "due" }, "tasks_user_completed_due_idx"],
    [{ status: "overdue", sort: "due" }, "tasks_user_completed_due_idx"],
    [{ status: "completed", sort: "due" }, "tasks_user_completed_due_idx"],
    [{ status: "all", sort: "created" }, "tasks_user_created_idx"],
    [{ status: "active", sort: "created" }, "tasks_user_created_idx"],
  ])("%o is served by an index", async (input, index) => {
    const { all, ms } = await plan({ ...input, limit: 50 });
    const used = all.filter((n) => n["Index Name"]).map((n) => `${n["Node Type"]} on ${n["Index Name"]}`);
    console.log(`[plan] ${JSON.stringify(input)}: ${used.join(", ") || "no index"}; ${all.map((n) => n["Node Type"]).join(" > ")}; ${ms.toFixed(2)} ms`);
    expect(all.some((n) => n["Node Type"] === "Seq Scan")).toBe(false);
    expect(all.map((n) => n["Index Name"])).toContain(index);
  });

  it("returns full pages and a cursor that reaches the next page", async () => {
    const first = await listTasks(userId, { status: "active", sort: "due", limit: 50, today: "2030-06-15" });
    expect(first.tasks).toHaveLength(50);
    const second = await listTasks(userId, { status: "active", sort: "due", limit: 50, cursor: first.nextCursor!, today: "2030-06-15" });
    expect(second.tasks).toHaveLength(50);
    expect(second.tasks[0]!.dueDate! >= first.tasks.at(-1)!.dueDate!).toBe(true);
    const overlap = second.tasks.filter((t) => first.tasks.some((f) => f.id === t.id));
    expect(overlap).toEqual([]);
  });
});
