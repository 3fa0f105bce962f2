import { Link } from "@/components/ui/link";
import { Logo } from "@/components/layout/logo";
import { MAIN_CONTENT_ID } from "@/components/layout/skip-link";
import { ThemeToggle } from "@/components/layout/theme-toggle";
import { buttonClass } from "@/components/ui/button";

// Plain links: a signed-out visitor who follows one is sent to sign-in by proxy.ts, then back.
const SECTIONS = [
  { href: "/tasks", label: "Tasks", hint: "Your list" },
  { href: "/chat", label: "Chat", hint: "Talk to your tasks" },
  { href: "/dashboard", label: "Dashboard", hint: "Today at a glance" },
] as const;

/** Any URL nothing else answers. It renders outside the signed-in shell, so it brings its own header. */
export default function NotFound() {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="mx-auto flex w-full max-w-5xl items-center justify-between px-4 py-4 sm:px-6">
        <Logo />
        <ThemeToggle />
      </header>
      <main id={MAIN_CONTENT_ID} tabIndex={-1} className="mx-auto w-full max-w-md flex-1 px-4 pt-12 pb-24 text-center sm:pt-24">
        <p className="text-sm font-semibold text-indigo-600 dark:text-indigo-400">404</p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight sm:text-3xl">Page not found</h1>
        <p className="mt-2 text-zinc-600 dark:text-zinc-400">The page you asked for does not exist, or it is not yours.</p>
        <Link href="/" className={buttonClass("primary", "md", "mt-6")}>
          Go home
        </Link>
        <nav aria-label="Sections" className="mt-10">
          <ul className="grid gap-2 sm:grid-cols-3">
            {SECTIONS.map((section) => (
              <li key={section.href}>
                <Link
                  href={section.href}
                  className="block rounded-lg border border-zinc-200 bg-white px-4 py-3 text-left transition-colors hover:border-indigo-300 hover:bg-indigo-50 sm:text-center dark:border-zinc-800 dark:bg-zinc-900 dark:hover:border-indigo-700 dark:hover:bg-zinc-800"
                >
                  <span className="block font-medium">{section.label}</span>
                  <span className="block text-xs text-zinc-600 dark:text-zinc-400">{section.hint}</span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </main>
    </div>
  );
}
