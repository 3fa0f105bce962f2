import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { ManageLabels } from "@/components/labels/manage-labels";
import { ManageLists } from "@/components/lists/manage-lists";
import { Card } from "@/components/ui/card";
import { listLabels } from "@/lib/labels";
import { listLists } from "@/lib/lists";
import { requireUser } from "@/lib/session";

export const metadata: Metadata = { title: "Lists and labels" };

/** Managing lists (archived ones included) and labels, in one place. */
export default async function ListsPage() {
  const user = await requireUser();
  const [lists, labels] = await Promise.all([listLists(user.id, { archived: "include" }), listLabels(user.id)]);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <Link href="/tasks" className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
          ← Back to tasks
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">Lists and labels</h1>
      </div>
      <Card>
        <h2 className="text-lg font-semibold">Lists</h2>
        <ManageLists lists={lists} />
      </Card>
      <Card>
        <h2 className="text-lg font-semibold">Labels</h2>
        <ManageLabels labels={labels} />
      </Card>
    </div>
  );
}
