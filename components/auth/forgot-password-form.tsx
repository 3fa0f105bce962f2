"use client";
import { Link } from "@/components/ui/link";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { requestPasswordReset } from "@/lib/auth-client";
import { authErrorMessage, emailError, formFields } from "@/lib/auth-rules";

const linkClass = "font-medium text-indigo-600 hover:underline dark:text-indigo-400";

/**
 * Asks for a reset link. The answer is the same whether or not an account exists for the
 * address (the server answers the same too), so the page cannot be used to find accounts.
 */
export function ForgotPasswordForm() {
  const [error, setError] = useState<{ email?: string; form?: string }>({});
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const sentNotice = useRef<HTMLDivElement>(null);

  // The form is replaced by the answer: move focus there, so it is read out and Tab starts from it.
  useEffect(() => {
    if (sentTo) sentNotice.current?.focus();
  }, [sentTo]);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = (formFields(event.currentTarget).email ?? "").trim();
    const invalid = emailError(email);
    if (invalid) return setError({ email: invalid });
    setError({});
    setPending(true);
    const result = await requestPasswordReset({ email });
    setPending(false);
    if (result.error) return setError(result.error.status === 400 ? { email: authErrorMessage(result.error) } : { form: authErrorMessage(result.error) });
    setSentTo(email);
  }

  if (sentTo)
    return (
      <div ref={sentNotice} tabIndex={-1} className="space-y-4 focus:outline-none">
        <Alert tone="success">
          If an account exists for <strong className="break-all">{sentTo}</strong>, we sent it a link to reset the password. The link works for one hour.
        </Alert>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Nothing after a few minutes? Check your spam folder, or{" "}
          <button type="button" className={`${linkClass} rounded-sm`} onClick={() => setSentTo(null)}>
            try another address
          </button>
          .
        </p>
        <p className="text-center text-sm">
          <Link href="/sign-in" className={linkClass}>
            Back to sign in
          </Link>
        </p>
      </div>
    );

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Reset password">
      {error.form && <Alert>{error.form}</Alert>}
      <TextField label="Email" name="email" type="email" autoComplete="email" autoFocus error={error.email} />
      <Button type="submit" className="w-full" pending={pending}>
        Send reset link
      </Button>
      <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">
        Remembered it?{" "}
        <Link href="/sign-in" className={linkClass}>
          Sign in
        </Link>
      </p>
    </form>
  );
}
