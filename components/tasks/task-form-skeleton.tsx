/** The shape of the task form while its page loads. */
export function TaskFormSkeleton() {
  const bar = "animate-pulse rounded-md bg-zinc-200 dark:bg-zinc-800";
  return (
    <div className="mx-auto max-w-2xl space-y-6" aria-busy="true">
      <p className="sr-only" role="status">
        Loading…
      </p>
      <div aria-hidden className="space-y-3">
        <div className={`h-4 w-20 ${bar}`} />
        <div className={`h-7 w-36 ${bar}`} />
      </div>
      <div aria-hidden className="space-y-5 rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        {[10, 24, 10].map((h, i) => (
          <div key={i} className="space-y-2">
            <div className={`h-4 w-24 ${bar}`} />
            <div className={bar} style={{ height: `${h * 4}px` }} />
          </div>
        ))}
        <div className="flex justify-end gap-2 pt-2">
          <div className={`h-10 w-20 ${bar}`} />
          <div className={`h-10 w-28 ${bar}`} />
        </div>
      </div>
    </div>
  );
}
