import { cache } from "react";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { getTask, taskIdParamSchema, type Task } from "@/lib/tasks";

/** The user's task, or null for a malformed, missing or someone else's id (all look the same). Cached per request: the layout and the page both ask. */
export const findOwnTask = cache(async (userId: string, rawId: string): Promise<Task | null> => {
  const id = taskIdParamSchema.safeParse(rawId);
  if (!id.success) return null;
  try {
    return await getTask(userId, id.data);
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ValidationError) return null;
    throw error;
  }
});
