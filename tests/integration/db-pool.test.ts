import { sql } from "drizzle-orm";
import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db, dbKind } from "@/db";

/**
 * On a serverless instance, an idle pooled connection can die while the instance is frozen
 * (Neon closes idle connections, a restart ends them). The pool must drop it and carry on: an
 * 'error' event with no listener would take the whole instance down.
 */
describe.skipIf(!process.env.DATABASE_URL)("the Neon pool", () => {
  afterEach(() => vi.restoreAllMocks());

  it("drops an idle connection the server killed, logs it, and serves the next query on a new one", async () => {
    expect(dbKind()).toBe("neon");
    const { rows } = await db.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`);
    const pid = Number(rows[0]!.pid);
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});

    // From outside the pool, as the server or Neon would: the connection is idle in the pool now.
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      expect((await admin.query("select pg_terminate_backend($1) as killed", [pid])).rows[0].killed).toBe(true);
    } finally {
      await admin.end();
    }
    await vi.waitFor(() => expect(logged.mock.calls.flat().join(" ")).toMatch(/idle database connection failed and was dropped/), { timeout: 5000 });

    const again = await db.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`);
    expect(Number(again.rows[0]!.pid)).not.toBe(pid);
  });
});
