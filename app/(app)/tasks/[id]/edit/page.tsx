import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TaskEditActions } from "@/components/tasks/task-edit-actions";
import { TaskForm } from "@/components/tasks/task-form";
import { TaskPageHeader } from "@/components/tasks/task-page-header";
import { Card } from "@/components/ui/card";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { requireUser } from "@/lib/session";
import { getTask, taskIdParamSchema, type Task } from "@/lib/tasks";
import { userTimeZone } from "@/lib/timezone-server";

export const metadata: Metadata = { title: "Edit task" };

type Props = { params: Promise<{ id: string }> };

/** The user's task, or null for a malformed, missing or someone else's id (all look the same). */
async function findTask(userId: string, rawId: string): Promise<Task | null> {
  const id = taskIdParamSchema.safeParse(rawId);
  if (!id.success) return null;
  try {
    return await getTask(userId, id.data);
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ValidationError) return null;
    throw error;
  }
}

export default async function EditTaskPage({ params }: Props) {
  const user = await requireUser();
  const task = await findTask(user.id, (await params).id);
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
