import { randomUUID } from "node:crypto";
import { db } from "@/db";
import { user } from "@/db/schema";
import { createTask, setTaskCompleted, type TaskPriority } from "@/lib/tasks";

export type SeedTask = { title: string; dueDate?: string; priority?: TaskPriority; done?: boolean };

/** A new user (straight in the database, no session needed) with these tasks, in order. */
export async function seededUser(name: string, seed: readonly SeedTask[]): Promise<string> {
  const id = randomUUID();
  await db.insert(user).values({ id, name, email: `${name.toLowerCase()}-${id}@example.com` });
  for (const s of seed) {
    const t = await createTask(id, { title: s.title, dueDate: s.dueDate, priority: s.priority });
    if (s.done) await setTaskCompleted(id, t.id);
  }
  return id;
}
