import { z } from "zod";
import { listIdSchema } from "@/lib/tasks/schemas";
import { nameSchema } from "./names";

export const LIST_NAME_MAX = 60;
/** Lists per user, the Inbox included: enough for anyone's projects, and a bound on what one account can make. */
export const LISTS_MAX = 100;
export const INBOX_NAME = "Inbox";

export { listIdSchema };

/** A list id as it arrives in a URL path segment. */
export const listIdParamSchema = z
  .string()
  .regex(/^[1-9]\d{0,9}$/, "List ids are positive whole numbers.")
  .transform(Number)
  .pipe(listIdSchema);

export const listNameSchema = nameSchema("list", LIST_NAME_MAX).refine((v) => v.toLowerCase() !== INBOX_NAME.toLowerCase(), `“${INBOX_NAME}” is the name of your built-in list; pick another.`);

export const createListSchema = z.strictObject({ name: listNameSchema });

export const updateListSchema = z
  .strictObject({
    name: listNameSchema.optional(),
    archived: z.boolean({ error: "archived is true or false." }).optional(),
  })
  .refine((v) => v.name !== undefined || v.archived !== undefined, { message: "Nothing to change: send name or archived." });

export const reorderListsSchema = z.strictObject({
  ids: z
    .array(listIdSchema, { error: "ids is the list ids in their new order." })
    .min(1, "Give the list ids in their new order.")
    .max(LISTS_MAX, `At most ${LISTS_MAX} lists.`)
    .refine((ids) => new Set(ids).size === ids.length, "Each list id once."),
});

export const listListsSchema = z.strictObject({
  archived: z.enum(["include", "exclude"], { error: "archived is include or exclude." }).default("exclude"),
});

export const deleteListSchema = z.strictObject({
  tasks: z.enum(["move", "delete"], { error: "tasks is move (to the Inbox) or delete." }).default("move"),
});

export type List = { id: number; name: string; position: number; isInbox: boolean; archived: boolean; openCount: number };
