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
  /** How this page lets the user take the delete back: the task pages' toast, or "undo" in the chat. */
  undo: "toast" | "chat";
  onConfirm: () => void;
  onCancel: () => void;
};

/** "Delete this task?" with Cancel focused first, so Enter or Escape never deletes by accident. */
export function DeleteTaskDialog({ task, pending, error, undo, onConfirm, onCancel }: Props) {
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
            {undo === "toast" ? "You can undo this for a few seconds afterwards." : "Say “undo” in the chat to bring it back."}
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
