"use client";
import { useId, useLayoutEffect, useRef, useState } from "react";
import { inputClass } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";

type Props = Omit<React.InputHTMLAttributes<HTMLInputElement>, "type"> & { label: string; error?: string; hint?: string };

/**
 * A labelled password input with a show/hide toggle inside it. The toggle is a toggle button
 * (`aria-pressed`) whose name comes from its content, not an aria-label, so
 * `getByLabel("Password")` still finds only the input. Pressing it with the mouse leaves focus
 * and the caret in the input; the caret and selection survive the type change.
 */
export function PasswordField({ label, error, hint, className, id, ...rest }: Props) {
  const autoId = useId();
  const inputId = id ?? autoId;
  const input = useRef<HTMLInputElement>(null);
  const selection = useRef<[number | null, number | null] | null>(null);
  const [visible, setVisible] = useState(false);
  const describedBy = error ? `${inputId}-error` : hint ? `${inputId}-hint` : undefined;

  // Some browsers move the caret to the end when an input's type changes: put it back.
  useLayoutEffect(() => {
    const el = input.current;
    const saved = selection.current;
    selection.current = null;
    if (el && saved && document.activeElement === el) el.setSelectionRange(saved[0], saved[1]);
  }, [visible]);

  function toggle() {
    const el = input.current;
    if (el) selection.current = [el.selectionStart, el.selectionEnd];
    setVisible((v) => !v);
  }

  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={inputId} className="block text-sm font-medium text-zinc-700 dark:text-zinc-300">
        {label}
      </label>
      <div className="relative">
        <input
          ref={input}
          id={inputId}
          type={visible ? "text" : "password"}
          className={cn(inputClass, "pr-11")}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          // Visible passwords must not be offered to spell checkers or autocorrect.
          spellCheck={false}
          autoCapitalize="none"
          autoCorrect="off"
          {...rest}
        />
        <button
          type="button"
          aria-pressed={visible}
          aria-controls={inputId}
          title={visible ? "Hide password" : "Show password"}
          onMouseDown={(event) => event.preventDefault()}
          onClick={toggle}
          className="absolute inset-y-0 right-0 flex w-10 items-center justify-center rounded-r-md text-zinc-500 hover:text-zinc-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:text-zinc-400 dark:hover:text-zinc-100"
        >
          <EyeIcon crossed={visible} />
          <span className="sr-only">Show password</span>
        </button>
      </div>
      {error ? (
        <p id={`${inputId}-error`} className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : hint ? (
        <p id={`${inputId}-hint`} className="text-xs text-zinc-600 dark:text-zinc-400">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

function EyeIcon({ crossed }: { crossed: boolean }) {
  return (
    <svg aria-hidden focusable="false" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" className="size-5">
      <path d="M1.5 10S4.5 4 10 4s8.5 6 8.5 6-3 6-8.5 6-8.5-6-8.5-6z" />
      <circle cx="10" cy="10" r="2.5" />
      {crossed && <path d="M3 3l14 14" />}
    </svg>
  );
}
