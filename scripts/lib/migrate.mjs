// Applies db/migrations to a PostgreSQL database (Neon or any), the one way the project migrates
// a server database: `npm run db:migrate` and the Vercel build both call it.
import path from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";

export const NO_URL_MESSAGE =
  "DATABASE_URL is not set, so there is no database to migrate. Set DATABASE_URL (or DATABASE_URL_UNPOOLED) " +
  "to a PostgreSQL URL, e.g. `DATABASE_URL=postgres://user:pass@host/db npm run db:migrate`. " +
  "(The embedded PGlite database used when DATABASE_URL is unset migrates itself when the app starts.)";

/** Schema changes go over a direct connection: a pooler in transaction mode cannot hold the advisory lock. */
export function migrationUrl(env = process.env) {
  return env.DATABASE_URL_UNPOOLED?.trim() || env.DATABASE_URL?.trim() || null;
}

// Any constant works; it only has to be the same for every build that migrates this database.
const LOCK_KEY = 7_361_942_001;

async function appliedCount(client) {
  const { rows } = await client.query(
    "select count(*)::int as n from information_schema.tables where table_schema = 'drizzle' and table_name = '__drizzle_migrations'",
  );
  if (!rows[0].n) return 0;
  return (await client.query("select count(*)::int as n from drizzle.__drizzle_migrations")).rows[0].n;
}

/**
 * Migrates under a session-level advisory lock, so two builds of the same branch (or a build
 * and `npm run db:migrate`) cannot apply the same migration at once: the second waits, then
 * finds nothing left to do. Returns how many migrations were applied.
 */
export async function runMigrations(url, { log = console.log, migrationsFolder = path.join(process.cwd(), "db", "migrations") } = {}) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 15_000 });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [LOCK_KEY]);
    try {
      const before = await appliedCount(client);
      await migrate(drizzle({ client }), { migrationsFolder });
      const applied = (await appliedCount(client)) - before;
      log(applied ? `[migrate] applied ${applied} migration(s) to ${describe(url)}` : `[migrate] ${describe(url)} is up to date`);
      return applied;
    } finally {
      await client.query("select pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => {});
    }
  } finally {
    await client.end();
  }
}

/** Host and database only: a URL's password never goes to a build log. */
function describe(url) {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.pathname}`;
  } catch {
    return "the database";
  }
}
