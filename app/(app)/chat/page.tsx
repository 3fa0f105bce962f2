import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/session";

export const metadata: Metadata = { title: "Chat" };

export default async function ChatPage() {
  await requireUser();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Chat</h1>
      <Card>
        <p className="text-zinc-600 dark:text-zinc-400">The assistant is not available yet.</p>
      </Card>
    </div>
  );
}
