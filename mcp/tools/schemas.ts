import { z } from "zod";
import { descriptionSchema, isoDateSchema, prioritySchema, taskIdSchema, taskSchema, titleSchema } from "@/lib/tasks/schemas";

// Tool-facing field schemas: the service's rules, with descriptions written for a model.
export const toolFields = {
  id: taskIdSchema.describe("The task's id, as returned by list_tasks or add_task. Never guess an id."),
  title: titleSchema.describe("Short task title, 1–200 characters, e.g. “Buy milk”."),
  description: descriptionSchema.describe("Optional longer notes, up to 2000 characters."),
  priority: prioritySchema.describe("low, medium (the default) or high. Use high for urgent tasks."),
  dueDate: isoDateSchema.describe("Due date as YYYY-MM-DD. Resolve words like “tomorrow” to a date first."),
};

export const taskOutput = z.object({ task: taskSchema });
