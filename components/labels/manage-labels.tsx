"use client";
import { Link } from "@/components/ui/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { labelsApi, type Label } from "@/components/lists/api";
import { NameForm } from "@/components/lists/name-form";
import { LABEL_NAME_MAX } from "@/components/lists/names";
import { errorMessage } from "@/lib/client/fetch-json";

/** The user's labels: add, rename, delete (a dialog confirms; the label comes off its tasks). */
export function ManageLabels({ labels }: { labels: readonly Label[] }) {
  const router = useRouter();
  const [renaming, setRenaming] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<Label | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();

  async function confirmDelete() {
    if (!deleting) return;
    setPending(true);
    setError(undefined);
    try {
      await labelsApi.remove(deleting.id);
      setDeleting(null);
      router.refresh();
    } catch (err) {
      setError(`${errorMessage(err)} Nothing was deleted.`);
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-3">
      {labels.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No labels yet. Add one below, or from a task’s form.</p>
      ) : (
        <ul aria-label="Your labels" className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {labels.map((label) => (
            <li key={label.id} className="py-2.5">
              {renaming === label.id ? (
                <NameForm
                  label={`New name for #${label.name}`}
                  placeholder="Label name"
                  submitLabel="Save"
                  maxLength={LABEL_NAME_MAX}
                  initial={label.name}
                  autoFocus
                  onCancel={() => setRenaming(null)}
                  onSave={async (name) => {
                    await labelsApi.rename(label.id, name);
                    setRenaming(null);
                    router.refresh();
                  }}
                />
              ) : (
                <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
                  <div className="min-w-0 flex-1">
                    <Link href={`/tasks?label=${label.id}`} className="font-medium wrap-anywhere hover:underline">
                      #{label.name}
                    </Link>
                    <span className="ml-2 text-sm text-zinc-600 dark:text-zinc-400">{label.openCount} open</span>
                  </div>
                  <div className="flex items-center gap-1">
                    <Button size="sm" variant="ghost" aria-label={`Rename #${label.name}`} onClick={() => setRenaming(label.id)}>
                      Rename
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost-danger"
                      aria-label={`Delete #${label.name}`}
                      onClick={() => {
                        setError(undefined);
                        setDeleting(label);
                      }}
                    >
                      Delete
                    </Button>
                  </div>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <NameForm
        label="New label name"
        placeholder="New label"
        submitLabel="Add label"
        maxLength={LABEL_NAME_MAX}
        onSave={async (name) => {
          await labelsApi.create(name);
          router.refresh();
        }}
      />
      <Dialog
        open={deleting !== null}
        onClose={() => {
          if (!pending) setDeleting(null);
        }}
        title={deleting ? `Delete the label #${deleting.name}?` : "Delete this label?"}
        description="It comes off every task that has it; the tasks stay."
      >
        {error && <Alert className="mb-4">{error}</Alert>}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={() => setDeleting(null)} disabled={pending} data-autofocus>
            Cancel
          </Button>
          <Button variant="danger" onClick={confirmDelete} pending={pending}>
            Delete label
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
