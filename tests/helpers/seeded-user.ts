import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { db } from "@/db";
import { user } from "@/db/schema";
import { createTask, setTaskCompleted, type Task, type TaskPriority } from "@/lib/tasks";

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

/** What a conversation left: the user's tasks, the last reply, and whether a card waits. */
export type World = { tasks: Task[]; reply: string; pending: boolean; t: (title: string) => Task | undefined };

/** A task as the tables compare it: the fields a conversation can change. */
export const taskRow = (t: { title: string; completed: boolean; dueDate: string | null; priority: string }) => `${t.title}|${t.completed}|${t.dueDate}|${t.priority}`;

/** The checks both phrasing tables share, against the tasks a user was seeded with. */
export function seedChecks(seed: readonly SeedTask[]) {
  const seedRows = () => seed.map((s) => taskRow({ title: s.title, completed: !!s.done, dueDate: s.dueDate ?? null, priority: s.priority ?? "medium" }));
  const unchanged = (w: World) => expect(w.tasks.map(taskRow).sort()).toEqual(seedRows().sort());
  return {
    seedRows,
    unchanged,
    /** Exactly one new task, with these fields. */
    added: (title: string, fields: Partial<Task> = {}) => (w: World) => {
      expect(w.tasks, w.tasks.map((t) => t.title).join(", ")).toHaveLength(seed.length + 1);
      expect(w.t(title), `task “${title}” in ${w.tasks.map((t) => t.title).join(", ")}`).toMatchObject({ completed: false, dueDate: null, priority: "medium", ...fields });
    },
    deleted: (title: string) => (w: World) => {
      expect(w.t(title)).toBeUndefined();
      expect(w.tasks).toHaveLength(seed.length - 1);
    },
    replies: (pattern: RegExp, also: (w: World) => void = unchanged) => (w: World) => {
      expect(w.reply).toMatch(pattern);
      also(w);
    },
  };
}
