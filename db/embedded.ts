import "server-only";
import fs from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { Logger } from "drizzle-orm/logger";
import type * as schema from "./schema";

/**
 * The embedded PGlite database, for local development without a database server.
 *
 * Loaded with a plain runtime `require` from the project's node_modules on first use, never
 * imported: a deployment with DATABASE_URL must not load PGlite (9 MB of WASM, 6 MB of data),
 * and its files are left out of every Vercel function (next.config.ts). The bundler would turn
 * an import, or a `createRequire` it can see, into an external that Vercel ships with every
 * function, so the require is fetched through `process.getBuiltinModule`, which it leaves alone.
 */
function load(id: string): unknown {
  const { createRequire } = process.getBuiltinModule("node:module") as typeof import("node:module");
  return createRequire(path.join(process.cwd(), "package.json"))(id);
}

export const migrationsFolder = path.join(process.cwd(), "db", "migrations");

export function pgliteDir(): string {
  return process.env.PGLITE_DIR ?? path.join(process.cwd(), ".data", "pglite");
}

export function openEmbedded(fullSchema: typeof schema, logger: Logger) {
  const { PGlite: PGliteClass } = load("@electric-sql/pglite") as typeof import("@electric-sql/pglite");
  const { drizzle } = load("drizzle-orm/pglite") as typeof import("drizzle-orm/pglite");
  const dir = pgliteDir();
  fs.mkdirSync(dir, { recursive: true });
  const pglite: PGlite = new PGliteClass(dir);
  return { pglite, dir, db: drizzle({ client: pglite, schema: fullSchema, logger }) };
}

export async function migrateEmbeddedDatabase(pglite: PGlite): Promise<void> {
  const { drizzle } = load("drizzle-orm/pglite") as typeof import("drizzle-orm/pglite");
  const { migrate } = load("drizzle-orm/pglite/migrator") as typeof import("drizzle-orm/pglite/migrator");
  await migrate(drizzle({ client: pglite }), { migrationsFolder });
}
