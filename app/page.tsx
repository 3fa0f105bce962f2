import { Link } from "@/components/ui/link";
import { redirect } from "next/navigation";
import { Logo } from "@/components/layout/logo";
import { MAIN_CONTENT_ID } from "@/components/layout/skip-link";
import { ThemeToggle } from "@/components/layout/theme-toggle";
import { buttonClass } from "@/components/ui/button";
import { getCurrentUser } from "@/lib/session";

const FEATURES = [
  { title: "Say it, it's done", body: "“Remind me to call mum on Friday” becomes a task with a due date." },
  { title: "A classic list too", body: "Filter, search, sort and tick off tasks in a fast, keyboard-friendly list." },
  { title: "Your data, your tools", body: "Every change lives in Postgres. Bring your own model, or use the built-in offline one." },
];

export default async function LandingPage() {
  if (await getCurrentUser()) redirect("/dashboard");
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="mx-auto flex w-full max-w-5xl items-center justify-between px-4 py-4 sm:px-6">
        <Logo />
        <div className="flex items-center gap-2">
          <ThemeToggle />
          <Link href="/sign-in" className={buttonClass("ghost", "sm")}>
            Sign in
          </Link>
        </div>
      </header>
      <main id={MAIN_CONTENT_ID} tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 pt-16 pb-24 sm:px-6">
        <h1 className="max-w-2xl text-4xl font-bold tracking-tight sm:text-5xl">A todo app you can talk to.</h1>
        <p className="mt-4 max-w-xl text-lg text-zinc-600 dark:text-zinc-400">
          Tasktalk keeps your tasks in one list and lets you manage them by typing what you mean.
        </p>
        <div className="mt-8 flex flex-wrap gap-3">
          <Link href="/sign-up" className={buttonClass("primary", "lg")}>
            Get started
          </Link>
          <Link href="/sign-in" className={buttonClass("secondary", "lg")}>
            I have an account
          </Link>
        </div>
        <ul className="mt-16 grid gap-4 sm:grid-cols-3">
          {FEATURES.map((f) => (
            <li key={f.title} className="rounded-xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
              <h2 className="font-semibold">{f.title}</h2>
              <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{f.body}</p>
            </li>
          ))}
        </ul>
      </main>
    </div>
  );
}
