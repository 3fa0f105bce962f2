"use client";
import { lazy, Suspense, useId, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import { PlusIcon } from "@/components/ui/icons";

// The chips, the server's reading and adding are fetched on first use (focus or typing): only the input is first-load JS.
const QuickAddEngine = lazy(() => import("./quick-add-engine"));

const TEXT_MAX = 500;

/**
 * One line that becomes a task: "Pay rent every month on the 1st #home p1". The server reads it
 * as you type (POST /api/tasks/parse) and each thing it found shows as a chip; removing a chip
 * puts its words back into the title. Enter adds the task and keeps focus for the next one.
 */
export function QuickAdd({ autoFocus = false, onAdded }: { autoFocus?: boolean; onAdded?: () => void }) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  const [engaged, setEngaged] = useState(autoFocus);
  const [submits, setSubmits] = useState(0);

  return (
    <div className="space-y-2">
      <form
        className="flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          setEngaged(true);
          setSubmits((n) => n + 1);
        }}
      >
        <label htmlFor={id} className="sr-only">
          Quick add a task
        </label>
        <input
          ref={inputRef}
          id={id}
          value={text}
          maxLength={TEXT_MAX}
          autoFocus={autoFocus}
          data-autofocus={autoFocus || undefined}
          onFocus={() => setEngaged(true)}
          onChange={(e) => setText(e.target.value)}
          placeholder="Add a task… e.g. Pay rent every month on the 1st #home p1"
          autoComplete="off"
          aria-describedby={`${id}-preview`}
          className={cn(inputClass, "h-10 min-w-0 flex-1")}
        />
        <button type="submit" disabled={!text.trim()} className={buttonClass("primary", "md", "shrink-0 px-3")}>
          <PlusIcon />
          Add
        </button>
      </form>
      <div id={`${id}-preview`} className="min-h-11 space-y-2">
        {engaged && (
          <Suspense fallback={null}>
            <QuickAddEngine text={text} setText={setText} focusInput={() => inputRef.current?.focus()} submits={submits} onAdded={onAdded} />
          </Suspense>
        )}
      </div>
    </div>
  );
}
