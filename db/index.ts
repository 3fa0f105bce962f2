import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Pool, neonConfig } from "@neondatabase/serverless";
import { drizzle as drizzleNeon, type NeonDatabase } from "drizzle-orm/neon-serverless";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import ws from "ws";
import { configureNeonForLocalProxy } from "./neon-local";
import * as schema from "./schema";

export type Db = NeonDatabase<typeof schema>;
export type DbKind = "neon" | "pglite";

type Holder =
  | { kind: "neon"; db: Db; pool: Pool }
  | { kind: "pglite"; db: Db; pglite: PGlite; dir: string };

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

export const migrationsFolder = path.join(process.cwd(), "db", "migrations");

export function pgliteDir(): string {
  return process.env.PGLITE_DIR ?? path.join(process.cwd(), ".data", "pglite");
}

function open(): Holder {
  const url = process.env.DATABASE_URL;
  if (url) {
    neonConfig.webSocketConstructor = ws;
    configureNeonForLocalProxy();
    const pool = new Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_MAX ?? 10) });
    return { kind: "neon", db: drizzleNeon({ client: pool, schema, logger: countingLogger }), pool };
  }
  const dir = pgliteDir();
  fs.mkdirSync(dir, { recursive: true });
  const pglite = new PGlite(dir);
  // Both are PgDatabase<…, typeof schema> with the same query API; one type keeps callers simple.
  const db = drizzlePglite({ client: pglite, schema, logger: countingLogger }) as unknown as Db;
  return { kind: "pglite", db, pglite, dir };
}

/**
 * One connection per process, opened on first use. `next build` evaluates server modules,
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

/** Applies pending migrations to the embedded database. On Postgres/Neon, `npm run db:migrate` does this. */
export async function migrateEmbedded(): Promise<void> {
  const h = holder();
  if (h.kind !== "pglite") return;
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  await migrate(drizzlePglite({ client: h.pglite }), { migrationsFolder });
}

/** Closes the process's connection (tests and scripts; the server keeps it for its lifetime). */
export async function closeDb(): Promise<void> {
  const h = globalThis.__tasktalkDb;
  globalThis.__tasktalkDb = undefined;
  if (!h) return;
  if (h.kind === "neon") await h.pool.end();
  else await h.pglite.close();
}
