import "server-only";
import { sendMail } from "./transport";

/** How long a reset link works. Better Auth's default too; said in the email. */
export const RESET_TOKEN_SECONDS = 60 * 60;

/**
 * The page a reset email links to: /reset-password?token=… on the origin Better Auth was
 * configured with (its own `url` is built from its baseURL, never from the request). A
 * `redirectTo` in the request plays no part, so the link cannot point anywhere else.
 */
export function resetPageLink(betterAuthUrl: string, token: string): string {
  const link = new URL("/reset-password", new URL(betterAuthUrl).origin);
  link.searchParams.set("token", token);
  return link.href;
}

export function passwordResetMail(to: { email: string; name?: string | null }, link: string) {
  const hello = to.name?.trim() ? `Hello ${to.name.trim()},` : "Hello,";
  const minutes = Math.round(RESET_TOKEN_SECONDS / 60);
  const text = [
    hello,
    "",
    "Someone (we hope you) asked to reset the password of your Tasktalk account. Open this link to choose a new one:",
    "",
    link,
    "",
    `The link works once, for ${minutes} minutes. Setting a new password signs you out on every other device.`,
    "If you did not ask for this, ignore this email: your password stays as it is.",
  ].join("\n");
  const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = `<p>${escape(hello)}</p>
<p>Someone (we hope you) asked to reset the password of your Tasktalk account.</p>
<p><a href="${escape(link)}">Choose a new password</a></p>
<p>The link works once, for ${minutes} minutes. Setting a new password signs you out on every other device.<br>
If you did not ask for this, ignore this email: your password stays as it is.</p>`;
  return { to: to.email, subject: "Reset your Tasktalk password", text, html };
}

const isLocal = (link: string) => ["localhost", "127.0.0.1", "[::1]"].includes(new URL(link).hostname);

/**
 * Better Auth's `sendResetPassword`. Without SMTP_URL the link goes to the server log instead,
 * so a local `npm run dev` can reset a password, but only for a local origin: anywhere else a
 * logged link would be a working credential in the logs.
 */
export async function sendPasswordResetEmail(user: { email: string; name?: string | null }, betterAuthUrl: string, token: string): Promise<void> {
  const link = resetPageLink(betterAuthUrl, token);
  const delivery = await sendMail(passwordResetMail(user, link));
  if (delivery.sent) return;
  if (process.env.NODE_ENV !== "production" || isLocal(link)) console.info(`[mail] SMTP_URL is not set. Password reset link for ${user.email}: ${link}`);
  else console.error("[mail] A password reset was requested but SMTP_URL is not set: no email was sent.");
}
