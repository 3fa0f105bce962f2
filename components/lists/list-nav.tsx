import { Link } from "@/components/ui/link";
import { cn } from "@/components/ui/cn";
import { tasksHref, type TaskFilters } from "@/components/tasks/filters";
import type { Label, List } from "./api";

type Props = { lists: readonly List[]; labels: readonly Label[]; filters: TaskFilters };

const itemClass = (current: boolean) =>
  cn(
    "flex min-h-9 items-center justify-between gap-2 rounded-md px-2.5 py-1.5 text-sm wrap-anywhere",
    current
      ? "bg-indigo-50 font-semibold text-indigo-800 dark:bg-indigo-950/60 dark:text-indigo-200"
      : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800",
  );

/** The open count; "open" is for screen readers, so the link reads "Inbox 3 open" and starts with what it shows. */
function Count({ n }: { n: number }) {
  return (
    <span className="shrink-0 text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
      {n}
      <span className="sr-only"> open</span>
    </span>
  );
}

/** The lists (with open counts) and labels as links that filter /tasks, and the way to add a list. */
function ListNavContent({ lists, labels, filters }: Props) {
  // Switching lists keeps the label filter and the status/sort; a new list starts at the first page.
  const base: TaskFilters = { ...filters };
  return (
    <div className="space-y-5">
      <nav aria-label="Lists">
        <h2 className="px-2.5 text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400">Lists</h2>
        <ul className="mt-1.5 space-y-0.5">
          <li>
            <Link href={tasksHref({ ...base, list: undefined })} aria-current={!filters.list ? "page" : undefined} className={itemClass(!filters.list)}>
              All lists
            </Link>
          </li>
          {lists.map((list) => (
            <li key={list.id}>
              <Link
                href={tasksHref({ ...base, list: list.id })}
                aria-current={filters.list === list.id ? "page" : undefined}
                className={itemClass(filters.list === list.id)}
              >
                <span className="min-w-0">{list.name}</span>
                <Count n={list.openCount} />
              </Link>
            </li>
          ))}
        </ul>
        {/* A link rather than an input here: the page's first-load JS is at its budget. */}
        <Link href="/lists#new-list" className="mt-1 flex min-h-9 items-center rounded-md px-2.5 text-sm font-medium text-indigo-700 hover:bg-zinc-100 dark:text-indigo-300 dark:hover:bg-zinc-800">
          + New list
        </Link>
      </nav>
      <nav aria-label="Labels">
        <h2 className="px-2.5 text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400">Labels</h2>
        {labels.length === 0 ? (
          <p className="mt-1.5 px-2.5 text-sm text-zinc-600 dark:text-zinc-400">No labels yet.</p>
        ) : (
          <ul className="mt-1.5 space-y-0.5">
            {labels.map((label) => {
              const current = filters.label === label.id;
              return (
                <li key={label.id}>
                  {/* The current label's link clears it, so the filter can be left from where it was set. */}
                  <Link
                    href={tasksHref({ ...base, label: current ? undefined : label.id })}
                    aria-current={current ? "page" : undefined}
                    className={itemClass(current)}
                  >
                    <span className="min-w-0">#{label.name}</span>
                    <Count n={label.openCount} />
                  </Link>
                </li>
              );
            })}
          </ul>
        )}
      </nav>
      <Link href="/lists" className="block rounded px-2.5 text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
        Manage lists and labels
      </Link>
    </div>
  );
}

/**
 * The list switcher: a sidebar on wide screens, a disclosure (closed by default) on phones. Plain
 * links and a <details>, so it costs no JavaScript.
 */
export function ListNav(props: Props) {
  const list = props.lists.find((l) => l.id === props.filters.list);
  const label = props.labels.find((l) => l.id === props.filters.label);
  return (
    <>
      <details className="rounded-xl border border-zinc-200 bg-white shadow-sm lg:hidden dark:border-zinc-800 dark:bg-zinc-900">
        <summary className="flex min-h-11 cursor-pointer items-center px-4 text-sm font-medium">
          <span className="wrap-anywhere">
            List: {list?.name ?? "All lists"}
            {label && <> · Label: #{label.name}</>}
          </span>
        </summary>
        <div className="border-t border-zinc-200 p-3 dark:border-zinc-800">
          <ListNavContent {...props} />
        </div>
      </details>
      <div className="hidden lg:block">
        <ListNavContent {...props} />
      </div>
    </>
  );
}
