import "server-only";
import { z } from "zod";
import { placementFields } from "./placement";
import { descriptionSchema, isoDateSchema, prioritySchema, taskIdSchema, taskSchema, titleSchema } from "@/lib/tasks/schemas";

// Tool-facing field schemas: the service's rules, with descriptions written for a model.
export const toolFields = {
  id: taskIdSchema.describe("The task's id, as returned by list_tasks or add_task. Never guess an id."),
  title: titleSchema.describe("Short task title, 1–200 characters, e.g. “Buy milk”."),
  description: descriptionSchema.describe("Optional longer notes, up to 2000 characters."),
  priority: prioritySchema.describe("low, medium (the default) or high. Use high for urgent tasks."),
  dueDate: isoDateSchema.describe("Due date as YYYY-MM-DD. Resolve words like “tomorrow” to a date first."),
};

/** The fields a change may set, for one task or many. */
export const taskChanges = {
  title: toolFields.title.optional(),
  description: toolFields.description.nullable().optional(),
  priority: toolFields.priority.optional(),
  dueDate: toolFields.dueDate.nullable().optional(),
  completed: z.boolean().optional().describe("true marks it done, false reopens it."),
  list: placementFields.list.optional(),
  labels: placementFields.labels.optional(),
  repeat: placementFields.repeat.optional(),
};

export const BATCH_IDS_MAX = 50;

export const batchIds = z
  .array(toolFields.id)
  .min(1, "Give at least one task id.")
  .max(BATCH_IDS_MAX, `At most ${BATCH_IDS_MAX} tasks at once.`)
  .describe(`The tasks' ids (1–${BATCH_IDS_MAX}), as returned by list_tasks.`);

const changeSetId = z.string().nullable().describe("The change set this call recorded: pass it to undo_last_change to undo exactly this change.");

/** A task as the tools return it: the service's fields, with its list's and labels' names. */
export const namedTaskSchema = taskSchema.extend({
  list: z.string().optional().describe("The name of its list"),
  labels: z.array(z.string()).optional().describe("The names of its labels"),
});

/** `next`: the occurrence that completing a repeating task added (same change set). */
export const taskOutput = z.object({ task: namedTaskSchema, changeSetId, next: namedTaskSchema.optional() });

/** A batch's result, item by item in the order given: one missing task does not stop the rest. */
export const batchOutput = z.object({
  results: z.array(
    z.union([
      z.object({ id: z.number().int(), ok: z.literal(true), task: namedTaskSchema, next: namedTaskSchema.optional() }),
      z.object({ id: z.number().int(), ok: z.literal(false), error: z.string() }),
    ]),
  ),
  changeSetId,
});
