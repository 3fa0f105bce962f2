import type { Metadata } from "next";
import Link from "next/link";
import { TaskForm } from "@/components/tasks/task-form";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/session";

export const metadata: Metadata = { title: "New task" };

export default async function NewTaskPage() {
  await requireUser();
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <Link href="/tasks" className="text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400">
          ← All tasks
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">New task</h1>
      </div>
      <Card>
        <TaskForm />
      </Card>
    </div>
  );
}
