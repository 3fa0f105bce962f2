import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card } from "@/components/ui/card";
import { nextAfterSignIn } from "@/lib/redirects";
import { getCurrentUser } from "@/lib/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[]; reset?: string | string[] }> }) {
  const { next: raw, reset } = await searchParams;
  const next = nextAfterSignIn(raw);
  if (await getCurrentUser()) redirect(next);
  return (
    <Card>
      <h1 className="mb-1 text-xl font-semibold">Welcome back</h1>
      <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">Sign in to see your tasks.</p>
      <SignInForm next={next} notice={reset === "done" ? "Your password was changed. Sign in with the new one." : undefined} />
    </Card>
  );
}
