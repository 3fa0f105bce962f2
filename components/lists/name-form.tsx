"use client";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import { errorMessage } from "@/lib/client/fetch-json";

type Props = {
  /** The input's accessible name, e.g. "New list name". */
  label: string;
  placeholder: string;
  submitLabel: string;
  maxLength: number;
  initial?: string;
  /** Saves the name; a thrown ApiError's message is shown under the input. */
  onSave: (name: string) => Promise<void>;
  onCancel?: () => void;
  autoFocus?: boolean;
  /** An id for the input, so a link (/lists#new-list) can lead to it. */
  inputId?: string;
};

/** One name input and its button: adding or renaming a list or a label. Empty is refused here, the rest by the API. */
export function NameForm({ label, placeholder, submitLabel, maxLength, initial = "", onSave, onCancel, autoFocus, inputId: givenId }: Props) {
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const autoId = useId();
  const inputId = givenId ?? autoId;
  const errorId = useId();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = event.currentTarget.elements.namedItem("name") as HTMLInputElement;
    if (!name.trim()) {
      setError("Type a name first.");
      input.focus();
      return;
    }
    setPending(true);
    setError(null);
    try {
      await onSave(name.trim());
      setName("");
    } catch (err) {
      setError(errorMessage(err));
      input.focus();
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="mt-2">
      <div className="flex gap-2">
        <label htmlFor={inputId} className="sr-only">
          {label}
        </label>
        <input
          id={inputId}
          name="name"
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === "Escape" && onCancel) {
              e.preventDefault();
              onCancel();
            }
          }}
          maxLength={maxLength}
          placeholder={placeholder}
          autoComplete="off"
          autoFocus={autoFocus}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className={cn(inputClass, "h-9 min-w-0 flex-1 text-sm")}
        />
        <Button type="submit" size="sm" variant="secondary" pending={pending}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button size="sm" variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
      {error && (
        <p id={errorId} role="alert" className="mt-1 text-xs text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </form>
  );
}
