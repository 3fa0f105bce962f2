"use client";
import { useId } from "react";

type Props = { checked: boolean; count: number; onChange: (checked: boolean) => void };

/** "Show completed (3)" under All: completed tasks are hidden there until this is on (kept in the URL). */
export function ShowCompletedToggle({ checked, count, onChange }: Props) {
  const id = useId();
  return (
    <div className="flex h-10 shrink-0 items-center gap-2">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        className="size-4 cursor-pointer rounded accent-indigo-600 dark:accent-indigo-500"
      />
      <label htmlFor={id} className="cursor-pointer text-sm whitespace-nowrap text-zinc-700 dark:text-zinc-300">
        Show completed <span className="text-zinc-600 tabular-nums dark:text-zinc-400">({count})</span>
      </label>
    </div>
  );
}
