/**
 * The auth forms' rules and messages, with no zod: the browser loads this file, and zod would add
 * ~30 KiB to every auth page. The server's checks (Better Auth's own, and lib/auth-schemas.ts in
 * its hooks) are the real ones; these give instant feedback with the same words.
 */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const NAME_MAX = 100;

export type FormErrors = Partial<Record<string, string>>;

// The shape the browser's own <input type="email"> accepts (HTML spec), so both agree.
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;

export function emailError(value: string): string | undefined {
  const email = value.trim();
  if (!email) return "Enter your email.";
  if (email.length > 254 || !EMAIL.test(email)) return "Enter a valid email address.";
}

export function newPasswordError(value: string): string | undefined {
  if (value.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (value.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
}

export function nameError(value: string): string | undefined {
  const name = value.trim();
  if (!name) return "Enter your name.";
  if (name.length > NAME_MAX) return `Use at most ${NAME_MAX} characters.`;
}

export const PASSWORDS_DIFFER = "The passwords do not match.";

/** The first message per field, dropping fields without one. */
export function collectErrors(checks: Record<string, string | undefined>): FormErrors {
  return Object.fromEntries(Object.entries(checks).filter(([, message]) => message));
}

/** A form's text fields by name (FormData values are strings for text inputs). */
export function formFields(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new FormData(form)) if (typeof value === "string") out[key] = value;
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
    case "INVALID_TOKEN":
      return "This reset link is not valid any more: it was used already, or it expired.";
  }
  if (error?.status === 429) return error.message && error.code ? error.message : "Too many attempts. Wait a minute and try again.";
  return error?.message || "Something went wrong. Try again.";
}
