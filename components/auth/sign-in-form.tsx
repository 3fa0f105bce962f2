"use client";
import { Link } from "@/components/ui/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { signInEmail } from "@/lib/auth-client";
import { authErrorMessage, collectErrors, emailError, formFields, type FormErrors } from "@/lib/auth-rules";
import { nextAfterSignIn } from "@/lib/redirects";
import { PasswordField } from "./password-field";

const linkClass = "font-medium text-indigo-600 hover:underline dark:text-indigo-400";

export function SignInForm({ next, notice }: { next: string; notice?: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FormErrors>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { email = "", password = "" } = formFields(event.currentTarget);
    const found = collectErrors({ email: emailError(email), password: password ? undefined : "Enter your password." });
    setErrors(found);
    if (Object.keys(found).length) return;
    setPending(true);
    const { error } = await signInEmail({ email: email.trim(), password });
    if (error) {
      setPending(false);
      return setErrors({ form: authErrorMessage(error) });
    }
    // Checked again here: the prop came from the URL, and the form must not trust the page that rendered it.
    router.replace(nextAfterSignIn(next, window.location.origin));
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Sign in">
      {errors.form ? <Alert>{errors.form}</Alert> : notice ? <Alert tone="success">{notice}</Alert> : null}
      <TextField label="Email" name="email" type="email" autoComplete="email" autoFocus error={errors.email} />
      <div className="space-y-1">
        <PasswordField label="Password" name="password" autoComplete="current-password" error={errors.password} />
        <p className="text-right text-sm">
          <Link href="/forgot-password" className={linkClass}>
            Forgot password?
          </Link>
        </p>
      </div>
      <Button type="submit" className="w-full" pending={pending}>
        Sign in
      </Button>
      <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">
        No account?{" "}
        <Link href={`/sign-up${next !== "/dashboard" ? `?next=${encodeURIComponent(next)}` : ""}`} className={linkClass}>
          Sign up
        </Link>
      </p>
    </form>
  );
}
