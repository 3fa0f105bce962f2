import { Link } from "@/components/ui/link";

export function Logo({ href = "/" }: { href?: string }) {
  return (
    <Link href={href} className="inline-flex items-center gap-2 text-lg font-semibold tracking-tight">
      <span aria-hidden className="grid size-7 place-items-center rounded-lg bg-indigo-600 text-sm text-white">
        ✓
      </span>
      Tasktalk
    </Link>
  );
}
