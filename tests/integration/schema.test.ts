import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, dbKind } from "@/db";
import { conversations, messages, pausedRuns, tasks, toolCalls, user } from "@/db/schema";
import { signUpUser } from "../helpers/auth";

describe(`database (${process.env.DATABASE_URL ? "PostgreSQL via Neon driver" : "PGlite"})`, () => {
  it("uses the driver the environment asks for", () => {
    expect(dbKind()).toBe(process.env.DATABASE_URL ? "neon" : "pglite");
  });

  it("has the indexes the queries rely on", async () => {
    const { rows } = await db.execute<{ indexname: string }>(sql`select indexname from pg_indexes where schemaname = 'public'`);
    const names = rows.map((r) => r.indexname);
    expect(names).toEqual(
      expect.arrayContaining([
        "tasks_user_completed_due_idx",
        "conversations_user_created_idx",
        "messages_conversation_seq_idx",
        "tool_calls_conversation_created_idx",
      ]),
    );
  });

  it("enforces the title length in the database too", async () => {
    const u = await signUpUser("check");
    await expect(db.insert(tasks).values({ userId: u.id, title: "" })).rejects.toMatchObject({ cause: { code: "23514" } });
    await expect(db.insert(tasks).values({ userId: u.id, title: "x".repeat(201) })).rejects.toMatchObject({ cause: { code: "23514" } });
  });

  it("cascades a user's deletion to everything they own", async () => {
    const u = await signUpUser("cascade");
    await db.insert(tasks).values({ userId: u.id, title: "Buy milk" });
    const [conv] = await db.insert(conversations).values({ userId: u.id, title: "Chat" }).returning();
    await db.insert(messages).values({ id: `msg_${conv!.id}`, conversationId: conv!.id, userId: u.id, type: "user_message", payload: {} });
    await db.insert(toolCalls).values({ conversationId: conv!.id, userId: u.id, toolName: "add_task", status: "completed" });
    await db.insert(pausedRuns).values({ conversationId: conv!.id, userId: u.id, widgetItemId: "w", state: "{}" });

    await db.delete(user).where(eq(user.id, u.id));

    for (const table of [tasks, conversations, messages, toolCalls, pausedRuns]) {
      expect(await db.select().from(table).where(eq(table.userId, u.id))).toHaveLength(0);
    }
  });

  it("rolls back an interactive transaction that throws", async () => {
    const u = await signUpUser("tx");
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(tasks).values({ userId: u.id, title: "Inside" });
        const seen = await tx.select().from(tasks).where(eq(tasks.userId, u.id));
        expect(seen).toHaveLength(1);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await db.select().from(tasks).where(eq(tasks.userId, u.id))).toHaveLength(0);
  });
});
