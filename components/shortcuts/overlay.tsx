"use client";
import QuickAddDialog from "@/components/quick-add/quick-add-dialog";
import CommandPalette from "./command-palette";
import ShortcutsHelp from "./shortcuts-help";

export type OverlayKind = "quick-add" | "help" | "palette";

/** The dialogs the shortcuts open, as one chunk fetched the first time any of them opens. */
export default function Overlay({ kind, onClose }: { kind: OverlayKind; onClose: () => void }) {
  if (kind === "quick-add") return <QuickAddDialog onClose={onClose} />;
  if (kind === "help") return <ShortcutsHelp onClose={onClose} />;
  return <CommandPalette onClose={onClose} />;
}
