/** Shown while the task list loads: the page's shape, pulsing. */
export default function TasksLoading() {
  return (
    <div className="space-y-6" aria-busy="true">
      <p className="sr-only" role="status">
        Loading tasks…
      </p>
      <div aria-hidden className="flex flex-wrap items-end justify-between gap-3">
        <div className="space-y-2">
          <div className="h-7 w-24 animate-pulse rounded-md bg-zinc-200 dark:bg-zinc-800" />
          <div className="h-4 w-40 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
        </div>
        <div className="h-10 w-28 animate-pulse rounded-md bg-zinc-200 dark:bg-zinc-800" />
      </div>
      <div aria-hidden className="flex flex-col gap-3 xl:flex-row xl:justify-between">
        <div className="h-10 w-full animate-pulse rounded-lg bg-zinc-200 sm:w-96 dark:bg-zinc-800" />
        <div className="h-10 w-full animate-pulse rounded-md bg-zinc-200 sm:w-[32rem] dark:bg-zinc-800" />
      </div>
      <ul aria-hidden className="divide-y divide-zinc-100 overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
        {[72, 55, 83, 64, 47].map((width, i) => (
          <li key={i} className="flex items-start gap-3 px-4 py-4 sm:px-5">
            <div className="size-5 shrink-0 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
            <div className="flex-1 space-y-2">
              <div className="h-4 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" style={{ width: `${width}%` }} />
              <div className="h-3 w-24 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800/70" />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
