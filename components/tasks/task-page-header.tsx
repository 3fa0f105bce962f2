import { Link } from "@/components/ui/link";

/** The header of the task form pages: a way back to the list, and the page's title. */
export function TaskPageHeader({ title }: { title: string }) {
  return (
    <div>
      <Link href="/tasks" className="text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400">
        ← All tasks
      </Link>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">{title}</h1>
    </div>
  );
}
