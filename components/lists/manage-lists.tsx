"use client";
import { Link } from "@/components/ui/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ArrowDownIcon, ArrowUpIcon } from "@/components/ui/icons";
import { errorMessage } from "@/lib/client/fetch-json";
import { listsApi, type List } from "./api";
import { DeleteListDialog } from "./delete-list-dialog";
import { NameForm } from "./name-form";
import { LIST_NAME_MAX } from "./names";

/**
 * The user's lists with everything that changes them: add, rename, move up/down (buttons, so
 * the keyboard can reorder), archive or restore, and delete (a dialog asks about the tasks).
 * The Inbox is built in: it stays first and offers none of these. Each change refreshes the
 * server-rendered page, so counts and order come from the server.
 */
export function ManageLists({ lists }: { lists: readonly List[] }) {
  const router = useRouter();
  const [renaming, setRenaming] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<List | null>(null);
  const [deletePending, setDeletePending] = useState<"move" | "delete" | null>(null);
  const [deleteError, setDeleteError] = useState<string>();
  const [notice, setNotice] = useState<string | null>(null);
  const ordered = lists.filter((l) => !l.isInbox);

  async function run(id: number, action: () => Promise<unknown>, what: string) {
    setBusy(id);
    setError(null);
    setNotice(null);
    try {
      await action();
      router.refresh();
    } catch (err) {
      setError(`Could not ${what}. ${errorMessage(err)}`);
    } finally {
      setBusy(null);
    }
  }

  function move(list: List, by: -1 | 1) {
    const index = ordered.findIndex((l) => l.id === list.id);
    const ids = ordered.map((l) => l.id);
    const target = index + by;
    if (target < 0 || target >= ids.length) return;
    [ids[index], ids[target]] = [ids[target]!, ids[index]!];
    void run(list.id, () => listsApi.reorder(ids), `move “${list.name}”`).then(() => {
      // The pressed button may have become disabled at the end of the list: keep focus on the row.
      document.getElementById(`list-${list.id}-${by < 0 ? "up" : "down"}`)?.focus();
    });
  }

  async function confirmDelete(tasks: "move" | "delete") {
    if (!deleting) return;
    setDeletePending(tasks);
    setDeleteError(undefined);
    try {
      const { moved, deleted } = await listsApi.remove(deleting.id, tasks);
      setNotice(
        `Deleted the list “${deleting.name}”` +
          (moved ? `; ${moved} task${moved === 1 ? "" : "s"} moved to the Inbox.` : deleted ? ` and ${deleted} task${deleted === 1 ? "" : "s"}.` : "."),
      );
      setDeleting(null);
      router.refresh();
    } catch (err) {
      setDeleteError(`${errorMessage(err)} Nothing was deleted.`);
    } finally {
      setDeletePending(null);
    }
  }

  return (
    <div className="space-y-3">
      {error && <Alert>{error}</Alert>}
      {notice && (
        <p role="status" className="rounded-md bg-zinc-100 px-3 py-2 text-sm dark:bg-zinc-800">
          {notice}
        </p>
      )}
      <ul aria-label="Your lists" className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {lists.map((list) => {
          const index = ordered.findIndex((l) => l.id === list.id);
          return (
            <li key={list.id} className="py-2.5">
              {renaming === list.id ? (
                <NameForm
                  label={`New name for “${list.name}”`}
                  placeholder="List name"
                  submitLabel="Save"
                  maxLength={LIST_NAME_MAX}
                  initial={list.name}
                  autoFocus
                  onCancel={() => setRenaming(null)}
                  onSave={async (name) => {
                    await listsApi.update(list.id, { name });
                    setRenaming(null);
                    router.refresh();
                  }}
                />
              ) : (
                <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
                  <div className="min-w-0 flex-1">
                    <Link href={`/tasks?list=${list.id}`} className="font-medium wrap-anywhere hover:underline">
                      {list.name}
                    </Link>
                    <span className="ml-2 text-sm text-zinc-600 dark:text-zinc-400">
                      {list.openCount} open{list.archived && " · archived"}
                      {list.isInbox && " · built in"}
                    </span>
                  </div>
                  {!list.isInbox && (
                    <div className="flex flex-wrap items-center gap-1" aria-busy={busy === list.id || undefined}>
                      <Button
                        id={`list-${list.id}-up`}
                        size="sm"
                        variant="ghost"
                        aria-label={`Move “${list.name}” up`}
                        disabled={index <= 0 || busy !== null}
                        onClick={() => move(list, -1)}
                      >
                        <ArrowUpIcon />
                      </Button>
                      <Button
                        id={`list-${list.id}-down`}
                        size="sm"
                        variant="ghost"
                        aria-label={`Move “${list.name}” down`}
                        disabled={index >= ordered.length - 1 || busy !== null}
                        onClick={() => move(list, 1)}
                      >
                        <ArrowDownIcon />
                      </Button>
                      <Button size="sm" variant="ghost" aria-label={`Rename “${list.name}”`} onClick={() => setRenaming(list.id)}>
                        Rename
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={`${list.archived ? "Restore" : "Archive"} “${list.name}”`}
                        disabled={busy !== null}
                        onClick={() =>
                          run(list.id, () => listsApi.update(list.id, { archived: !list.archived }), `${list.archived ? "restore" : "archive"} “${list.name}”`)
                        }
                      >
                        {list.archived ? "Restore" : "Archive"}
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost-danger"
                        aria-label={`Delete “${list.name}”`}
                        onClick={() => {
                          setDeleteError(undefined);
                          setDeleting(list);
                        }}
                      >
                        Delete
                      </Button>
                    </div>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <NameForm
        inputId="new-list"
        label="New list name"
        placeholder="New list"
        submitLabel="Add list"
        maxLength={LIST_NAME_MAX}
        onSave={async (name) => {
          await listsApi.create(name);
          router.refresh();
        }}
      />
      <DeleteListDialog list={deleting} pending={deletePending} error={deleteError} onConfirm={confirmDelete} onCancel={() => setDeleting(null)} />
    </div>
  );
}
