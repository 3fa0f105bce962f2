import { z } from "zod";
import { nameSchema } from "@/lib/lists/names";
import { labelIdSchema, LABELS_PER_TASK_MAX } from "@/lib/tasks/schemas";

export const LABEL_NAME_MAX = 40;
/** Labels per user: a bound on what one account can make (the MCP tools create labels by name). */
export const LABELS_MAX = 200;

export { labelIdSchema };

/** A label id as it arrives in a URL path segment. */
export const labelIdParamSchema = z
  .string()
  .regex(/^[1-9]\d{0,9}$/, "Label ids are positive whole numbers.")
  .transform(Number)
  .pipe(labelIdSchema);

export const labelNameSchema = nameSchema("label", LABEL_NAME_MAX);

export const createLabelSchema = z.strictObject({ name: labelNameSchema });
export const renameLabelSchema = z.strictObject({ name: labelNameSchema });

/** Label names as the MCP tools take them: each once (case-insensitively), at most a task's worth. */
export const labelNamesSchema = z
  .array(labelNameSchema)
  .max(LABELS_PER_TASK_MAX, `A task can have at most ${LABELS_PER_TASK_MAX} labels.`)
  .transform((names) => names.filter((n, i) => names.findIndex((m) => m.toLowerCase() === n.toLowerCase()) === i));

export type Label = { id: number; name: string; openCount: number };
