"use client";
import { useId } from "react";
import { cn } from "@/components/ui/cn";
import { selectClass } from "@/components/ui/field";
import { DEFAULT_ORDER, SORTS, type TaskSort } from "@/lib/tasks/constants";
import { ORDER_LABELS } from "./filters";

type Order = "asc" | "desc";

type Props = {
  sort: TaskSort;
  order: Order;
  onChange: (change: { sort: TaskSort; order: Order }) => void;
  className?: string;
};

/** Each sort in its natural direction first, then reversed: "Newest first", "Oldest first", … */
const OPTIONS = SORTS.flatMap((sort) => {
  const natural: Order = DEFAULT_ORDER[sort];
  const directions: Order[] = [natural, natural === "asc" ? "desc" : "asc"];
  return directions.map((order) => ({ value: `${sort}:${order}`, sort, order, label: ORDER_LABELS[sort][order] }));
});

/** One "Sort" select that picks the field and the direction together. */
export function SortControls({ sort, order, onChange, className }: Props) {
  const id = useId();
  return (
    <div className={cn("flex items-center gap-2", className)}>
      <label htmlFor={id} className="text-sm whitespace-nowrap text-zinc-600 dark:text-zinc-400">
        Sort
      </label>
      <select
        id={id}
        value={`${sort}:${order}`}
        onChange={(e) => {
          const option = OPTIONS.find((o) => o.value === e.target.value);
          if (option) onChange({ sort: option.sort, order: option.order });
        }}
        className={cn(selectClass, "h-10 w-full min-w-0 flex-1 py-0 sm:w-52 sm:flex-none")}
      >
        {OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
