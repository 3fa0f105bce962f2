"use client";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { PasswordField } from "@/components/auth/password-field";
import { changePassword } from "@/lib/auth-client";
import { authErrorMessage, collectErrors, formFields, newPasswordError, PASSWORD_MIN, PASSWORDS_DIFFER, type FormErrors } from "@/lib/auth-rules";

export function ChangePasswordForm() {
  const [errors, setErrors] = useState<FormErrors>({});
  const [saved, setSaved] = useState(false);
  const [pending, setPending] = useState(false);
  const signOutId = useId();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setSaved(false);
    const { currentPassword = "", newPassword = "", confirmPassword = "" } = formFields(form);
    const found = collectErrors({
      currentPassword: currentPassword ? undefined : "Enter your current password.",
      newPassword: newPasswordError(newPassword),
      confirmPassword: newPassword === confirmPassword ? undefined : PASSWORDS_DIFFER,
    });
    setErrors(found);
    if (Object.keys(found).length) return;
    setPending(true);
    const { error } = await changePassword({
      currentPassword,
      newPassword,
      // Better Auth's hook then revokes the API keys too (lib/api-keys/password-change.ts).
      revokeOtherSessions: new FormData(form).get("revokeOtherSessions") === "on",
    });
    setPending(false);
    if (error) {
      const message = authErrorMessage(error);
      return setErrors(error.code === "INVALID_PASSWORD" ? { currentPassword: message } : { form: message });
    }
    form.reset();
    setSaved(true);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Change password">
      {errors.form && <Alert>{errors.form}</Alert>}
      <PasswordField label="Current password" name="currentPassword" autoComplete="current-password" error={errors.currentPassword} />
      <PasswordField label="New password" name="newPassword" autoComplete="new-password" hint={`At least ${PASSWORD_MIN} characters.`} error={errors.newPassword} />
      <PasswordField label="Confirm new password" name="confirmPassword" autoComplete="new-password" error={errors.confirmPassword} />
      <div className="flex items-start gap-2">
        <input id={signOutId} type="checkbox" name="revokeOtherSessions" defaultChecked aria-describedby={`${signOutId}-hint`} className="mt-1 size-4 accent-indigo-600" />
        <div className="text-sm">
          <label htmlFor={signOutId} className="font-medium">
            Sign out other devices and revoke all API keys
          </label>
          <p id={`${signOutId}-hint`} className="text-zinc-600 dark:text-zinc-400">
            Every other session ends, and MCP clients using one of your keys stop working until you give them a new key.
          </p>
        </div>
      </div>
      {saved && <Alert tone="success">Your password was changed.</Alert>}
      <Button type="submit" pending={pending}>
        Change password
      </Button>
    </form>
  );
}
