"use client";
import { Link } from "@/components/ui/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { resetPassword } from "@/lib/auth-client";
import { authErrorMessage, collectErrors, formFields, newPasswordError, PASSWORD_MIN, PASSWORDS_DIFFER, type FormErrors } from "@/lib/auth-rules";
import { PasswordField } from "./password-field";

/** Sets the new password for the token in the link, then sends the user to sign in with it. */
export function ResetPasswordForm({ token }: { token: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FormErrors>({});
  const [expired, setExpired] = useState(false);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { newPassword = "", confirmPassword = "" } = formFields(event.currentTarget);
    const found = collectErrors({
      newPassword: newPasswordError(newPassword),
      confirmPassword: newPassword === confirmPassword ? undefined : PASSWORDS_DIFFER,
    });
    setErrors(found);
    if (Object.keys(found).length) return;
    setPending(true);
    const { error } = await resetPassword({ token, newPassword });
    if (error) {
      setPending(false);
      if (error.code === "INVALID_TOKEN" || error.code === "USER_NOT_FOUND") return setExpired(true);
      return setErrors(error.code?.startsWith("PASSWORD_") ? { newPassword: authErrorMessage(error) } : { form: authErrorMessage(error) });
    }
    router.replace("/sign-in?reset=done");
  }

  if (expired) return <InvalidResetLink />;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Choose a new password">
      {errors.form && <Alert>{errors.form}</Alert>}
      <PasswordField label="New password" name="newPassword" autoComplete="new-password" autoFocus hint={`At least ${PASSWORD_MIN} characters.`} error={errors.newPassword} />
      <PasswordField label="Confirm new password" name="confirmPassword" autoComplete="new-password" error={errors.confirmPassword} />
      <Button type="submit" className="w-full" pending={pending}>
        Set new password
      </Button>
    </form>
  );
}

/** What a used, expired or made-up link shows: what happened and the way to a new one. */
export function InvalidResetLink() {
  return (
    <div className="space-y-4">
      <Alert>This reset link is not valid any more: it was used already, or it expired.</Alert>
      <p className="text-sm">
        <Link href="/forgot-password" className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
          Ask for a new link
        </Link>
      </p>
    </div>
  );
}
