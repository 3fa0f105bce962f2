"use client";
import { Link } from "@/components/ui/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { SelectField, TextareaField, TextField } from "@/components/ui/field";
import { DESCRIPTION_MAX, PRIORITIES, TITLE_MAX, type TaskPriority } from "@/lib/tasks/constants";
import type { Label } from "@/lib/labels/schemas";
import type { List } from "@/lib/lists/schemas";
import { recurrenceInWords } from "@/lib/recurrence/words";
import type { Task } from "@/lib/tasks/schemas";
import { ApiError, errorMessage, tasksApi } from "./api";
import { choiceLabel, choiceOf, REPEAT_CHOICES, ruleFor, type RepeatChoice } from "./repeat-choices";

type Values = { title: string; description: string; priority: TaskPriority; dueDate: string; listId: string; labelIds: number[]; recurrence: RepeatChoice };
type Field = keyof Values;
type Errors = Partial<Record<Field | "form", string>>;

const FIELDS: readonly Field[] = ["title", "description", "priority", "dueDate", "listId", "labelIds", "recurrence"];
const PRIORITY_LABELS: Record<TaskPriority, string> = { low: "Low", medium: "Medium", high: "High" };

const isField = (key: string): key is Field => (FIELDS as readonly string[]).includes(key);

/**
 * The checks a person can fix before sending, worded as the API words them. The API validates
 * everything again with the zod schemas and its 400 `fields` are shown the same way; zod itself
 * stays on the server (it is ~30 KiB gzip in the browser).
 */
function checkValues(values: Values): Errors {
  const errors: Errors = {};
  const title = values.title.trim();
  if (!title) errors.title = "The title cannot be empty.";
  else if (title.length > TITLE_MAX) errors.title = `The title can be at most ${TITLE_MAX} characters.`;
  if (values.description.length > DESCRIPTION_MAX) errors.description = `The description can be at most ${DESCRIPTION_MAX} characters.`;
  return errors;
}

/** Per-field messages from the API's 400 `fields`; anything else goes to the form. */
function toErrors(fields: Record<string, string>, fallback?: string): Errors {
  const errors: Errors = {};
  for (const [key, message] of Object.entries(fields)) {
    const field = key.split(".")[0] ?? "";
    if (isField(field)) errors[field] ??= message;
    else errors.form ??= message;
  }
  if (!Object.keys(errors).length && fallback) errors.form = fallback;
  return errors;
}

type Props = {
  task?: Task;
  /** The user's lists (Inbox first) and labels, for the List select and the labels checkboxes. */
  lists: readonly Pick<List, "id" | "name" | "isInbox" | "archived">[];
  labels: readonly Pick<Label, "id" | "name">[];
  /** The viewer's today (YYYY-MM-DD): repeat rules anchor on it when there is no due date. */
  today: string;
  /** A new task's list (the one the list page was showing); the Inbox otherwise. */
  defaultListId?: number;
};

/** Create a task, or edit one: the same fields; the API's own checks come back as field errors. */
export function TaskForm({ task, lists, labels, today, defaultListId }: Props) {
  const router = useRouter();
  const inboxId = lists.find((l) => l.isInbox)?.id;
  const [values, setValues] = useState<Values>(() => ({
    title: task?.title ?? "",
    description: task?.description ?? "",
    priority: task?.priority ?? "medium",
    dueDate: task?.dueDate ?? "",
    listId: String(task?.listId ?? defaultListId ?? inboxId ?? ""),
    labelIds: task?.labelIds ?? [],
    recurrence: choiceOf(task?.recurrence ?? null, task?.dueDate ?? today),
  }));
  const anchor = values.dueDate || today;
  // Archived lists are offered only when the task is in one already.
  const listOptions = lists.filter((l) => !l.archived || l.id === task?.listId);
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);

  const set = <K extends Field>(field: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    // A field's error goes away once it is edited; the others stay until the next submit.
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  function showErrors(form: HTMLFormElement, next: Errors) {
    setErrors(next);
    const first = FIELDS.find((f) => next[f]);
    const control = first ? form.elements.namedItem(first) : null;
    // The labels are several checkboxes (a RadioNodeList): focus the first.
    const target = control instanceof RadioNodeList ? control[0] : control;
    if (target instanceof HTMLElement) target.focus();
  }

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const input = {
      title: values.title,
      description: values.description,
      priority: values.priority,
      dueDate: values.dueDate || null,
      ...(values.listId ? { listId: Number(values.listId) } : {}),
      labelIds: values.labelIds,
      // A rule set elsewhere that the select cannot show is left as it is.
      ...(values.recurrence === "custom" ? {} : { recurrence: ruleFor(values.recurrence, anchor) }),
    };
    const invalid = checkValues(values);
    if (Object.keys(invalid).length) return showErrors(form, invalid);

    setErrors({});
    setPending(true);
    try {
      if (task) await tasksApi.update(task.id, input);
      else await tasksApi.create(input);
    } catch (err) {
      setPending(false);
      return showErrors(form, err instanceof ApiError ? toErrors(err.fields, err.message) : { form: errorMessage(err) });
    }
    router.push("/tasks");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5" aria-label={task ? "Edit task" : "New task"}>
      {errors.form && <Alert>{errors.form}</Alert>}
      <TextField
        label="Title"
        name="title"
        value={values.title}
        onChange={(e) => set("title", e.target.value)}
        maxLength={TITLE_MAX}
        required
        aria-required
        autoFocus={!task}
        autoComplete="off"
        placeholder="What needs doing?"
        error={errors.title}
      />
      <TextareaField
        label="Description"
        name="description"
        value={values.description}
        onChange={(e) => set("description", e.target.value)}
        maxLength={DESCRIPTION_MAX}
        rows={4}
        placeholder="Notes, links, details (optional)"
        hint={`${values.description.length} / ${DESCRIPTION_MAX} characters`}
        error={errors.description}
      />
      <div className="grid gap-5 sm:grid-cols-2">
        <SelectField
          label="Priority"
          name="priority"
          value={values.priority}
          onChange={(e) => set("priority", e.target.value as TaskPriority)}
          error={errors.priority}
        >
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {PRIORITY_LABELS[p]}
            </option>
          ))}
        </SelectField>
        <div className="space-y-1">
          <TextField
            label="Due date"
            name="dueDate"
            type="date"
            value={values.dueDate}
            onChange={(e) => set("dueDate", e.target.value)}
            min="1900-01-01"
            max="9999-12-31"
            hint="Optional"
            error={errors.dueDate}
          />
          {values.dueDate && (
            <button
              type="button"
              onClick={() => set("dueDate", "")}
              className="rounded text-xs font-medium text-indigo-600 hover:underline dark:text-indigo-400"
            >
              Clear due date
            </button>
          )}
        </div>
      </div>
      <div className="grid gap-5 sm:grid-cols-2">
        <SelectField label="List" name="listId" value={values.listId} onChange={(e) => set("listId", e.target.value)} error={errors.listId}>
          {listOptions.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
              {l.archived ? " (archived)" : ""}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Repeat"
          name="recurrence"
          value={values.recurrence}
          onChange={(e) => set("recurrence", e.target.value as RepeatChoice)}
          hint={
            values.recurrence === "none"
              ? "Does not repeat"
              : `${values.recurrence === "custom" && task?.recurrence ? recurrenceInWords(task.recurrence) : choiceLabel(values.recurrence as Exclude<RepeatChoice, "custom">, anchor)}; completing it adds the next one.`
          }
          error={errors.recurrence}
        >
          {task?.recurrence && values.recurrence === "custom" && <option value="custom">{recurrenceInWords(task.recurrence)}</option>}
          {REPEAT_CHOICES.map((c) => (
            <option key={c} value={c}>
              {choiceLabel(c, anchor)}
            </option>
          ))}
        </SelectField>
      </div>
      <fieldset aria-describedby={errors.labelIds ? "task-labels-error" : undefined}>
        <legend className="text-sm font-medium text-zinc-700 dark:text-zinc-300">Labels</legend>
        {labels.length === 0 ? (
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            No labels yet.{" "}
            <Link href="/lists" className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
              Add labels
            </Link>
          </p>
        ) : (
          <div className="mt-2 flex flex-wrap gap-2">
            {labels.map((label) => {
              const checked = values.labelIds.includes(label.id);
              return (
                <label
                  key={label.id}
                  className="inline-flex min-h-9 cursor-pointer items-center gap-2 rounded-full border border-zinc-300 px-3 text-sm has-checked:border-indigo-500 has-checked:bg-indigo-50 has-focus-visible:ring-2 has-focus-visible:ring-indigo-500 dark:border-zinc-700 dark:has-checked:bg-indigo-950/60"
                >
                  <input
                    type="checkbox"
                    name="labelIds"
                    value={label.id}
                    checked={checked}
                    onChange={() => set("labelIds", checked ? values.labelIds.filter((id) => id !== label.id) : [...values.labelIds, label.id])}
                    className="size-4 accent-indigo-600 dark:accent-indigo-500"
                  />
                  #{label.name}
                </label>
              );
            })}
          </div>
        )}
        {errors.labelIds && (
          <p id="task-labels-error" className="mt-1 text-sm text-red-600 dark:text-red-400">
            {errors.labelIds}
          </p>
        )}
      </fieldset>
      <div className="flex flex-col-reverse gap-2 border-t border-zinc-200 pt-5 sm:flex-row sm:justify-end dark:border-zinc-800">
        <Link href="/tasks" className={buttonClass("secondary")}>
          Cancel
        </Link>
        <Button type="submit" pending={pending}>
          {task ? "Save changes" : "Create task"}
        </Button>
      </div>
    </form>
  );
}
