import { Link } from "@/components/ui/link";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** An unknown, malformed or someone else's task id: the same answer for all three. */
export default function TaskNotFound() {
  return (
    <Card className="mx-auto max-w-lg text-center">
      <h1 className="text-lg font-semibold">Task not found</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">It may have been deleted, or the link is wrong.</p>
      <Link href="/tasks" className={buttonClass("primary", "md", "mt-6")}>
        Back to tasks
      </Link>
    </Card>
  );
}
