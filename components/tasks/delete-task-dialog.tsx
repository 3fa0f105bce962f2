"use client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { Task } from "@/lib/tasks/schemas";

type Props = {
  /** One task, or several (a list-wide delete); null when closed. */
  task: Task | readonly Task[] | null;
  pending: boolean;
  error?: string;
  /** The page offers Undo after a delete (a toast), so the dialog need not say it is final. */
  undoable?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
};

/** "Delete this task?" with Cancel focused first, so Enter or Escape never deletes by accident. */
export function DeleteTaskDialog({ task, pending, error, undoable, onConfirm, onCancel }: Props) {
  const one = task !== null && "id" in task ? task : null;
  const many = task !== null && !("id" in task) ? task : null;
  return (
    <Dialog
      open={task !== null}
      onClose={() => {
        if (!pending) onCancel();
      }}
      title={many ? `Delete ${many.length} tasks?` : "Delete this task?"}
      description={
        task && (
          <>
            {one ? (
              <span className="font-medium wrap-anywhere text-zinc-900 dark:text-zinc-100">“{one.title}”</span>
            ) : (
              <span className="font-medium text-zinc-900 dark:text-zinc-100">{many?.length} tasks</span>
            )}{" "}
            will be deleted.{" "}
            {undoable ? "You can undo this for a few seconds afterwards." : "This cannot be undone."}
          </>
        )
      }
    >
      {error && <Alert className="mb-4">{error}</Alert>}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onCancel} disabled={pending} data-autofocus>
          Cancel
        </Button>
        <Button variant="danger" onClick={onConfirm} pending={pending}>
          Delete
        </Button>
      </div>
    </Dialog>
  );
}
