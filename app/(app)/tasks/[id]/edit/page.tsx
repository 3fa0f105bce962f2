import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TaskEditActions } from "@/components/tasks/task-edit-actions";
import { TaskForm } from "@/components/tasks/task-form";
import { TaskPageHeader } from "@/components/tasks/task-page-header";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/session";
import { userTimeZone } from "@/lib/timezone-server";
import { findOwnTask } from "./find-task";

export const metadata: Metadata = { title: "Edit task" };

type Props = { params: Promise<{ id: string }> };

export default async function EditTaskPage({ params }: Props) {
  const user = await requireUser();
  const task = await findOwnTask(user.id, (await params).id);
  if (!task) notFound();

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <TaskPageHeader title="Edit task" />
      <Card>
        <TaskForm task={task} />
      </Card>
      <Card>
        <h2 className="sr-only">Status and deletion</h2>
        <TaskEditActions task={task} timeZone={await userTimeZone()} />
      </Card>
    </div>
  );
}
