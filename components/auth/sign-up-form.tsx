"use client";
import { Link } from "@/components/ui/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { signUpEmail } from "@/lib/auth-client";
import { authErrorMessage, collectErrors, emailError, formFields, nameError, newPasswordError, PASSWORD_MIN, type FormErrors } from "@/lib/auth-rules";
import { nextAfterSignIn } from "@/lib/redirects";
import { PasswordField } from "./password-field";

export function SignUpForm({ next }: { next: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FormErrors>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { name = "", email = "", password = "" } = formFields(event.currentTarget);
    const found = collectErrors({ name: nameError(name), email: emailError(email), password: newPasswordError(password) });
    setErrors(found);
    if (Object.keys(found).length) return;
    setPending(true);
    const { error } = await signUpEmail({ name: name.trim(), email: email.trim(), password });
    if (error) {
      setPending(false);
      const message = authErrorMessage(error);
      // Put the message next to the field it is about when there is one.
      if (error.code?.startsWith("USER_ALREADY_EXISTS") || error.code === "INVALID_EMAIL") return setErrors({ email: message });
      if (error.code?.startsWith("PASSWORD_")) return setErrors({ password: message });
      if (error.code === "INVALID_NAME") return setErrors({ name: message });
      return setErrors({ form: message });
    }
    // Checked again here: the prop came from the URL, and the form must not trust the page that rendered it.
    router.replace(nextAfterSignIn(next, window.location.origin));
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Sign up">
      {errors.form && <Alert>{errors.form}</Alert>}
      <TextField label="Name" name="name" autoComplete="name" autoFocus error={errors.name} />
      <TextField label="Email" name="email" type="email" autoComplete="email" error={errors.email} />
      <PasswordField label="Password" name="password" autoComplete="new-password" hint={`At least ${PASSWORD_MIN} characters.`} error={errors.password} />
      <Button type="submit" className="w-full" pending={pending}>
        Create account
      </Button>
      <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">
        Already have an account?{" "}
        <Link href={`/sign-in${next !== "/dashboard" ? `?next=${encodeURIComponent(next)}` : ""}`} className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
          Sign in
        </Link>
      </p>
    </form>
  );
}
