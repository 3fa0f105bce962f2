"use client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { List } from "./api";

type Props = {
  list: List | null;
  pending: "move" | "delete" | null;
  error?: string;
  onConfirm: (tasks: "move" | "delete") => void;
  onCancel: () => void;
};

/** Deleting a list asks what becomes of its tasks: moved to the Inbox, or deleted with it. Cancel is focused first. */
export function DeleteListDialog({ list, pending, error, onConfirm, onCancel }: Props) {
  const open = list?.openCount ?? 0;
  return (
    <Dialog
      open={list !== null}
      onClose={() => {
        if (!pending) onCancel();
      }}
      title={list ? `Delete the list “${list.name}”?` : "Delete this list?"}
      description={
        list &&
        (open === 0
          ? "It has no open tasks. Its completed tasks, if any, go with your choice below."
          : `It has ${open} open task${open === 1 ? "" : "s"}. Move them to the Inbox, or delete them with the list?`)
      }
    >
      {error && <Alert className="mb-4">{error}</Alert>}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onCancel} disabled={!!pending} data-autofocus>
          Cancel
        </Button>
        <Button variant="danger" onClick={() => onConfirm("delete")} pending={pending === "delete"} disabled={!!pending}>
          Delete tasks too
        </Button>
        <Button onClick={() => onConfirm("move")} pending={pending === "move"} disabled={!!pending}>
          Move tasks to Inbox
        </Button>
      </div>
    </Dialog>
  );
}
