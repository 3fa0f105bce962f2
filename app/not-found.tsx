import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-md px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">The page you asked for does not exist, or it is not yours.</p>
      <Link href="/" className={buttonClass("primary", "md", "mt-6")}>
        Go home
      </Link>
    </main>
  );
}
