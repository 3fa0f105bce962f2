import type { Metadata } from "next";
import { TaskForm } from "@/components/tasks/task-form";
import { TaskPageHeader } from "@/components/tasks/task-page-header";
import { Card } from "@/components/ui/card";
import { listLabels } from "@/lib/labels";
import { listLists } from "@/lib/lists";
import { requireUser } from "@/lib/session";
import { userToday } from "@/lib/timezone-server";

export const metadata: Metadata = { title: "New task" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function NewTaskPage({ searchParams }: Props) {
  const user = await requireUser();
  const [lists, labels, today, params] = await Promise.all([listLists(user.id), listLabels(user.id), userToday(), searchParams]);
  // ?list=<id> (the list page's New task link) preselects that list when it is one of the user's.
  const wanted = Number(Array.isArray(params.list) ? params.list[0] : params.list);
  const defaultListId = lists.find((l) => l.id === wanted)?.id;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <TaskPageHeader title="New task" />
      <Card>
        <TaskForm lists={lists} labels={labels} today={today} defaultListId={defaultListId} />
      </Card>
    </div>
  );
}
