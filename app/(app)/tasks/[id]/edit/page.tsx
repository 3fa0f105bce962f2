import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TaskEditActions } from "@/components/tasks/task-edit-actions";
import { TaskForm } from "@/components/tasks/task-form";
import { TaskPageHeader } from "@/components/tasks/task-page-header";
import { Card } from "@/components/ui/card";
import { listLabels } from "@/lib/labels";
import { listLists } from "@/lib/lists";
import { requireUser } from "@/lib/session";
import { userTimeZone, userToday } from "@/lib/timezone-server";
import { findOwnTask } from "./find-task";

export const metadata: Metadata = { title: "Edit task" };

type Props = { params: Promise<{ id: string }> };

export default async function EditTaskPage({ params }: Props) {
  const user = await requireUser();
  const task = await findOwnTask(user.id, (await params).id);
  if (!task) notFound();
  const [lists, labels, today] = await Promise.all([listLists(user.id, { archived: "include" }), listLabels(user.id), userToday()]);

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <TaskPageHeader title="Edit task" />
      <Card>
        <TaskForm task={task} lists={lists} labels={labels} today={today} />
      </Card>
      <Card>
        <h2 className="sr-only">Status and deletion</h2>
        <TaskEditActions task={task} timeZone={await userTimeZone()} />
      </Card>
    </div>
  );
}
