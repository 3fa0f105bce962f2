"use client";
import { useRouter } from "next/navigation";
import { listsApi } from "./api";
import { NameForm } from "./name-form";
import { LIST_NAME_MAX } from "./names";

/** "New list" inline input under the list switcher; the new list opens at once. */
export function NewListForm() {
  const router = useRouter();
  return (
    <NameForm
      label="New list name"
      placeholder="New list"
      submitLabel="Add"
      maxLength={LIST_NAME_MAX}
      onSave={async (name) => {
        const { list } = await listsApi.create(name);
        router.push(`/tasks?list=${list.id}`);
        router.refresh();
      }}
    />
  );
}
