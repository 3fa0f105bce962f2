import { z } from "zod";
import { recurrenceSchema } from "@/lib/recurrence/rule";
import { BULK_MAX, DESCRIPTION_MAX, PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX, PRIORITIES, SEARCH_MAX, SORTS, STATUSES, TITLE_MAX } from "./constants";

export * from "./constants";

/**
 * The one definition of a task's input and output. The REST API, the pages and the MCP
 * tools all validate with these; their types are inferred from them.
 */
export const taskIdSchema = z
  .number({ error: "Task ids are positive whole numbers." })
  .int("Task ids are positive whole numbers.")
  .positive("Task ids are positive whole numbers.")
  .max(2_147_483_647, "No task has that id.");

/** A task id as it arrives in a URL path segment. */
export const taskIdParamSchema = z
  .string()
  .regex(/^[1-9]\d{0,9}$/, "Task ids are positive whole numbers.")
  .transform(Number)
  .pipe(taskIdSchema);

function isRealDate(value: string): boolean {
  const [y, m, d] = value.split("-").map(Number);
  const date = new Date(Date.UTC(y!, m! - 1, d!));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m! - 1 && date.getUTCDate() === d;
}

export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-12-31.")
  .refine(isRealDate, "That date does not exist.")
  .refine((v) => v >= "1900-01-01" && v <= "9999-12-31", "Use a date between 1900 and 9999.");

export const titleSchema = z
  .string({ error: "The title must be text." })
  .trim()
  .min(1, "The title cannot be empty.")
  .max(TITLE_MAX, `The title can be at most ${TITLE_MAX} characters.`);

export const descriptionSchema = z
  .string({ error: "The description must be text." })
  .max(DESCRIPTION_MAX, `The description can be at most ${DESCRIPTION_MAX} characters.`)
  .transform((v) => (v.trim() === "" ? null : v));

export const prioritySchema = z.enum(PRIORITIES, { error: "Priority is low, medium or high." });

export const LABELS_PER_TASK_MAX = 20;

/** A list's or label's id, as JSON sends it. */
export const refIdSchema = (what: "List" | "Label") =>
  z
    .number({ error: `${what} ids are positive whole numbers.` })
    .int(`${what} ids are positive whole numbers.`)
    .positive(`${what} ids are positive whole numbers.`)
    .max(2_147_483_647, `No ${what.toLowerCase()} has that id.`);

export const listIdSchema = refIdSchema("List");
export const labelIdSchema = refIdSchema("Label");

/** A task's labels: ids, each once (order kept), at most LABELS_PER_TASK_MAX. */
export const labelIdsSchema = z
  .array(labelIdSchema, { error: "labelIds is a list of label ids." })
  .max(LABELS_PER_TASK_MAX, `A task can have at most ${LABELS_PER_TASK_MAX} labels.`)
  .transform((ids) => [...new Set(ids)]);

/** A repeat rule (lib/recurrence), or null for "does not repeat". */
export const taskRecurrenceSchema = recurrenceSchema.nullable();

export const createTaskSchema = z.strictObject({
  title: titleSchema,
  description: descriptionSchema.nullish(),
  priority: prioritySchema.optional(),
  dueDate: isoDateSchema.nullish(),
  listId: listIdSchema.optional(),
  labelIds: labelIdsSchema.optional(),
  recurrence: taskRecurrenceSchema.optional(),
});

export const updateTaskSchema = z
  .strictObject({
    title: titleSchema.optional(),
    description: descriptionSchema.nullable().optional(),
    priority: prioritySchema.optional(),
    dueDate: isoDateSchema.nullable().optional(),
    completed: z.boolean({ error: "completed is true or false." }).optional(),
    listId: listIdSchema.optional(),
    labelIds: labelIdsSchema.optional(),
    recurrence: taskRecurrenceSchema.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "Nothing to change: send at least one field." });

export const listTasksSchema = z.strictObject({
  status: z.enum(STATUSES, { error: `Status is one of ${STATUSES.join(", ")}.` }).default("all"),
  q: z
    .string()
    .trim()
    .max(SEARCH_MAX, `Search text can be at most ${SEARCH_MAX} characters.`)
    .refine((v) => !v.includes("\u0000"), "Search text cannot contain NUL characters.")
    .optional(),
  sort: z.enum(SORTS, { error: `Sort is one of ${SORTS.join(", ")}.` }).default("created"),
  order: z.enum(["asc", "desc"], { error: "Order is asc or desc." }).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(PAGE_LIMIT_MAX, `Limit is at most ${PAGE_LIMIT_MAX}.`).default(PAGE_LIMIT_DEFAULT),
  today: isoDateSchema.optional(),
  list: z.coerce.number({ error: "list is a list id." }).pipe(listIdSchema).optional(),
  label: z.coerce.number({ error: "label is a label id." }).pipe(labelIdSchema).optional(),
});

export const bulkIdsSchema = z.strictObject({
  ids: z
    .array(taskIdSchema)
    .min(1, "Give at least one task id.")
    .max(BULK_MAX, `At most ${BULK_MAX} tasks at once.`)
    .transform((ids) => [...new Set(ids)]),
});

export const taskSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  description: z.string().nullable(),
  priority: prioritySchema,
  dueDate: z.string().nullable().describe("YYYY-MM-DD, or null"),
  completed: z.boolean(),
  completedAt: z.string().nullable().describe("ISO timestamp, or null"),
  createdAt: z.string(),
  updatedAt: z.string(),
  listId: z.number().int(),
  labelIds: z.array(z.number().int()),
  recurrence: recurrenceSchema.nullable(),
  recurrenceText: z.string().nullable().describe("The repeat rule in words, e.g. “Every weekday”, or null"),
});

export type Task = z.infer<typeof taskSchema>;
export type CreateTaskInput = z.input<typeof createTaskSchema>;
export type UpdateTaskInput = z.input<typeof updateTaskSchema>;
export type ListTasksInput = z.input<typeof listTasksSchema>;
export type ListTasksOptions = z.output<typeof listTasksSchema>;
export type TaskPage = { tasks: Task[]; nextCursor: string | null };
export type TaskStats = { active: number; completed: number; overdue: number; dueToday: number; total: number };
