"use client";
import { Dialog } from "@/components/ui/dialog";
import { SHORTCUTS } from "./keys";

const kbdClass =
  "rounded border border-zinc-300 bg-zinc-50 px-1.5 py-0.5 font-mono text-xs text-zinc-800 dark:border-zinc-600 dark:bg-zinc-800 dark:text-zinc-200";

/** The `?` dialog: every keyboard shortcut. Loaded on first use. */
export default function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  return (
    <Dialog open onClose={onClose} title="Keyboard shortcuts" description="Keys work anywhere except while you type in a field.">
      <dl className="space-y-2 text-sm">
        {SHORTCUTS.map((s) => (
          <div key={s.does} className="flex items-center justify-between gap-4">
            <dt className="flex shrink-0 gap-1">
              {s.keys.map((k, i) => (
                <kbd key={i} className={kbdClass}>
                  {k}
                </kbd>
              ))}
            </dt>
            <dd className="text-right text-zinc-700 dark:text-zinc-300">{s.does}</dd>
          </div>
        ))}
      </dl>
      <button
        type="button"
        data-autofocus
        onClick={onClose}
        className="mt-6 w-full rounded-md border border-zinc-300 px-3 py-2 text-sm font-medium hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        Close
      </button>
    </Dialog>
  );
}
