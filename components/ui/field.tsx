import { useId } from "react";
import { cn } from "./cn";

/** The look of every text-like control, without a width. */
export const controlClass =
  "block rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm text-zinc-900 shadow-sm placeholder:text-zinc-400 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 aria-[invalid=true]:border-red-500 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100";

export const inputClass = cn("w-full", controlClass);

const labelClass = "block text-sm font-medium text-zinc-700 dark:text-zinc-300";

type Described = { label: string; error?: string; hint?: string };

/** Ids and aria attributes shared by every labelled control: the error wins over the hint. */
function useField(id: string | undefined, error?: string, hint?: string) {
  const autoId = useId();
  const inputId = id ?? autoId;
  const describedBy = error ? `${inputId}-error` : hint ? `${inputId}-hint` : undefined;
  return { inputId, aria: { "aria-invalid": error ? true : undefined, "aria-describedby": describedBy } } as const;
}

function FieldMessage({ inputId, error, hint }: { inputId: string; error?: string; hint?: string }) {
  if (error)
    return (
      <p id={`${inputId}-error`} className="text-sm text-red-600 dark:text-red-400">
        {error}
      </p>
    );
  if (hint)
    return (
      <p id={`${inputId}-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">
        {hint}
      </p>
    );
  return null;
}

type FieldProps = React.InputHTMLAttributes<HTMLInputElement> & Described;

/** A labelled input whose error is announced and tied to it with aria-describedby. */
export function TextField({ label, error, hint, className, id, ...rest }: FieldProps) {
  const { inputId, aria } = useField(id, error, hint);
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={inputId} className={labelClass}>
        {label}
      </label>
      <input id={inputId} className={inputClass} {...aria} {...rest} />
      <FieldMessage inputId={inputId} error={error} hint={hint} />
    </div>
  );
}

type TextareaFieldProps = React.TextareaHTMLAttributes<HTMLTextAreaElement> & Described;

/** A labelled, vertically resizable textarea; same error and hint wiring as TextField. */
export function TextareaField({ label, error, hint, className, id, rows = 4, ...rest }: TextareaFieldProps) {
  const { inputId, aria } = useField(id, error, hint);
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={inputId} className={labelClass}>
        {label}
      </label>
      <textarea id={inputId} rows={rows} className={cn(inputClass, "min-h-20 resize-y")} {...aria} {...rest} />
      <FieldMessage inputId={inputId} error={error} hint={hint} />
    </div>
  );
}

/** A native select; give it a width (SelectField makes it full width). */
export const selectClass = cn(controlClass, "cursor-pointer pr-8");

type SelectFieldProps = React.SelectHTMLAttributes<HTMLSelectElement> & Described;

/** A labelled native select; pass <option>s as children. */
export function SelectField({ label, error, hint, className, id, children, ...rest }: SelectFieldProps) {
  const { inputId, aria } = useField(id, error, hint);
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={inputId} className={labelClass}>
        {label}
      </label>
      <select id={inputId} className={cn(selectClass, "w-full")} {...aria} {...rest}>
        {children}
      </select>
      <FieldMessage inputId={inputId} error={error} hint={hint} />
    </div>
  );
}
