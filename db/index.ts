import "server-only";
import type { PGlite } from "@electric-sql/pglite";
import type { Pool } from "@neondatabase/serverless";
import type { NeonDatabase } from "drizzle-orm/neon-serverless";
import { databaseConfigProblem, DatabaseNotConfiguredError } from "./config";
import { migrateEmbeddedDatabase, openEmbedded } from "./embedded";
import { openNeon } from "./neon";
import * as schema from "./schema";

export { migrationsFolder, pgliteDir } from "./embedded";

export type Db = NeonDatabase<typeof schema>;
export type DbKind = "neon" | "pglite";

type Holder = { kind: "neon"; db: Db; pool: Pool } | { kind: "pglite"; db: Db; pglite: PGlite; dir: string };

declare global {
  var __tasktalkDb: Holder | undefined;
  var __tasktalkQueryCount: number | undefined;
}

/** Counts every statement sent through Drizzle (app queries and Better Auth's), for tests and benchmarks. */
const countingLogger = {
  logQuery() {
    globalThis.__tasktalkQueryCount = (globalThis.__tasktalkQueryCount ?? 0) + 1;
  },
};

export function dbQueryCount(): number {
  return globalThis.__tasktalkQueryCount ?? 0;
}

function open(): Holder {
  if (databaseConfigProblem()) throw new DatabaseNotConfiguredError();
  const url = process.env.DATABASE_URL;
  if (url) return { kind: "neon", ...openNeon(url, schema, countingLogger) };
  const { pglite, dir, db } = openEmbedded(schema, countingLogger);
  // Both are PgDatabase<…, typeof schema> with the same query API; one type keeps callers simple.
  return { kind: "pglite", db: db as unknown as Db, pglite, dir };
}

/**
 * One connection pool per process, opened on first use. `next build` evaluates server modules,
 * and instrumentation and route bundles are separate module graphs, so the instance lives
 * on globalThis and nothing connects at import time.
 */
function holder(): Holder {
  return (globalThis.__tasktalkDb ??= open());
}

export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const real = holder().db;
    const value = Reflect.get(real, prop, real);
    return typeof value === "function" ? value.bind(real) : value;
  },
});

export function dbKind(): DbKind {
  return process.env.DATABASE_URL ? "neon" : "pglite";
}

/** Applies pending migrations to the embedded database. Postgres/Neon is migrated by `npm run db:migrate` (and by the Vercel build). */
export async function migrateEmbedded(): Promise<void> {
  const h = holder();
  if (h.kind === "pglite") await migrateEmbeddedDatabase(h.pglite);
}

/** Closes the process's connection (tests and scripts; the server keeps it for its lifetime). */
export async function closeDb(): Promise<void> {
  const h = globalThis.__tasktalkDb;
  globalThis.__tasktalkDb = undefined;
  if (!h) return;
  if (h.kind === "neon") await h.pool.end();
  else await h.pglite.close();
}
