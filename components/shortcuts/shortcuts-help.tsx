"use client";
import { Dialog } from "@/components/ui/dialog";
import { GO_TO } from "./keys";

export const SHORTCUTS: Array<{ keys: string[]; does: string }> = [
  { keys: ["q"], does: "Quick add a task" },
  { keys: ["/"], does: "Search tasks (on Tasks), else open the command palette" },
  { keys: ["Ctrl", "K"], does: "Open the command palette (⌘ K on a Mac)" },
  ...Object.entries(GO_TO).map(([key, to]) => ({ keys: ["g", key], does: `Go to ${to.name}` })),
  { keys: ["?"], does: "Show these shortcuts" },
  { keys: ["Esc"], does: "Close a dialog" },
];

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
