import { Logo } from "./logo";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";
import { ThemeToggle } from "./theme-toggle";

export function AppHeader({ userName }: { userName: string }) {
  return (
    <header className="sticky top-0 z-20 border-b border-zinc-200 bg-white/80 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/80">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2 sm:px-6">
        <Logo href="/dashboard" />
        <NavLinks className="order-last -mx-2 w-full overflow-x-auto sm:order-none sm:mx-0 sm:w-auto" />
        <div className="ml-auto flex items-center gap-1">
          <span className="hidden max-w-40 truncate text-sm text-zinc-600 md:inline dark:text-zinc-400" data-testid="current-user">
            {userName}
          </span>
          <ThemeToggle />
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
