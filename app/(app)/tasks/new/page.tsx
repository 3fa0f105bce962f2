import type { Metadata } from "next";
import { TaskForm } from "@/components/tasks/task-form";
import { TaskPageHeader } from "@/components/tasks/task-page-header";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/session";

export const metadata: Metadata = { title: "New task" };

export default async function NewTaskPage() {
  await requireUser();
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <TaskPageHeader title="New task" />
      <Card>
        <TaskForm />
      </Card>
    </div>
  );
}
