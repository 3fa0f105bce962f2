import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/session";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireUser();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Welcome, {user.name}</h1>
      <Card>
        <p className="text-zinc-600 dark:text-zinc-400">Your tasks and chat will show up here.</p>
        <div className="mt-4 flex flex-wrap gap-2">
          <Link href="/tasks" className={buttonClass("primary")}>
            Go to tasks
          </Link>
          <Link href="/chat" className={buttonClass("secondary")}>
            Open chat
          </Link>
        </div>
      </Card>
    </div>
  );
}
