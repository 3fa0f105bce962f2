"use client";
import { useId } from "react";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { selectClass } from "@/components/ui/field";
import { ArrowDownIcon, ArrowUpIcon } from "@/components/ui/icons";
import { SORTS, type TaskSort } from "@/lib/tasks/schemas";
import { ORDER_LABELS, SORT_LABELS } from "./filters";

type Props = {
  sort: TaskSort;
  order: "asc" | "desc";
  onChange: (change: { sort: TaskSort; order?: "asc" | "desc" }) => void;
  className?: string;
};

/** "Sort by" select and a button that reverses the order. A new sort starts in its natural order. */
export function SortControls({ sort, order, onChange, className }: Props) {
  const id = useId();
  const reversed = order === "asc" ? "desc" : "asc";
  return (
    <div className={cn("flex items-center gap-2", className)}>
      <label htmlFor={id} className="text-sm whitespace-nowrap text-zinc-600 dark:text-zinc-400">
        Sort by
      </label>
      <select
        id={id}
        value={sort}
        onChange={(e) => onChange({ sort: e.target.value as TaskSort })}
        className={cn(selectClass, "h-10 w-full min-w-0 flex-1 py-0 sm:w-36 sm:flex-none")}
      >
        {SORTS.map((s) => (
          <option key={s} value={s}>
            {SORT_LABELS[s]}
          </option>
        ))}
      </select>
      <button
        type="button"
        onClick={() => onChange({ sort, order: reversed })}
        title={`Reverse: ${ORDER_LABELS[sort][reversed]}`}
        className={buttonClass("secondary", "md", "shrink-0 px-3 whitespace-nowrap")}
      >
        {order === "asc" ? <ArrowUpIcon /> : <ArrowDownIcon />}
        <span className="sr-only">Order: </span>
        {ORDER_LABELS[sort][order]}
      </button>
    </div>
  );
}
