import type { Metadata } from "next";
import { InvalidResetLink, ResetPasswordForm } from "@/components/auth/reset-password-form";
import { Card } from "@/components/ui/card";
import { resetTokenUsable } from "@/lib/auth";

// The token is in this page's URL: never send it to another site in a Referer.
export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  // Checked before the form is shown, so a used or expired link says so at once rather than after
  // the user typed a new password twice. The reset itself checks again (and consumes the token).
  const usable = typeof token === "string" && (await resetTokenUsable(token));
  return (
    <Card>
      <h1 className="mb-1 text-xl font-semibold">Choose a new password</h1>
      <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">You will be signed out everywhere else, and then sign in with the new password.</p>
      {usable ? <ResetPasswordForm token={token} /> : <InvalidResetLink />}
    </Card>
  );
}
