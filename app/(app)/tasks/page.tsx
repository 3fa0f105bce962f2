import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/session";

export const metadata: Metadata = { title: "Tasks" };

export default async function TasksPage() {
  await requireUser();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Tasks</h1>
      <Card>
        <p className="text-zinc-600 dark:text-zinc-400">No tasks yet.</p>
      </Card>
    </div>
  );
}
