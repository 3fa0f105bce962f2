import { z } from "zod";

// Shared by the forms (instant feedback) and mirrored by Better Auth's own server checks.
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

const email = z.string().trim().min(1, "Enter your email.").pipe(z.email("Enter a valid email address."));
const password = z
  .string()
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`);
export const displayName = z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters.");

export const signUpSchema = z.object({ name: displayName, email, password });
export const signInSchema = z.object({ email, password: z.string().min(1, "Enter your password.") });
export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password."),
    newPassword: password,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords do not match." });

export type FormErrors = Partial<Record<string, string>>;

export function formErrors(error: z.ZodError): FormErrors {
  const out: FormErrors = {};
  for (const issue of error.issues) out[String(issue.path[0] ?? "form")] ??= issue.message;
  return out;
}

/** Better Auth's error codes, in words a user can act on. */
export function authErrorMessage(error: { code?: string; message?: string; status?: number } | null | undefined): string {
  switch (error?.code) {
    case "INVALID_EMAIL_OR_PASSWORD":
      return "That email and password do not match. Check them and try again.";
    case "USER_ALREADY_EXISTS":
    case "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL":
      return "An account with this email already exists. Sign in instead.";
    case "INVALID_EMAIL":
    case "VALIDATION_ERROR":
      if (error.code === "VALIDATION_ERROR" && !/email/i.test(error.message ?? "")) break;
      return "Enter a valid email address.";
    case "PASSWORD_TOO_SHORT":
      return `Use at least ${PASSWORD_MIN} characters.`;
    case "PASSWORD_TOO_LONG":
      return `Use at most ${PASSWORD_MAX} characters.`;
    case "INVALID_PASSWORD":
      return "Your current password is not right.";
  }
  if (error?.status === 429) return "Too many attempts. Wait a few seconds and try again.";
  return error?.message || "Something went wrong. Try again.";
}
