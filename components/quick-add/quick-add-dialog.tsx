"use client";
import { Dialog } from "@/components/ui/dialog";
import { QuickAdd } from "./quick-add";

/** Quick add over any page (the `q` shortcut); loaded on first use. */
export default function QuickAddDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog open onClose={onClose} title="Quick add" description="Type a task with its date, #list, @labels, p1–p3 and a repeat. Enter adds it." className="max-w-xl">
      <QuickAdd autoFocus />
    </Dialog>
  );
}
