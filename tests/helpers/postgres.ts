import pg from "pg";

export const DEFAULT_TEST_PG_URL = "postgres://postgres@127.0.0.1:5432/tasktalk_test";

export function testPgUrl(): string {
  return process.env.TEST_PG_URL || DEFAULT_TEST_PG_URL;
}

/** Refuses anything that does not look like a throwaway database: the suites drop its schema. */
export function assertTestDatabase(url: string): void {
  const name = new URL(url).pathname.slice(1);
  if (!/test/i.test(name)) throw new Error(`TEST_PG_URL must name a test database (its name must contain "test"), got "${name}".`);
}

/** Whether a PostgreSQL server answers at the URL's host and port (any database). */
export async function postgresReachable(url: string): Promise<{ ok: true } | { ok: false; reason: string }> {
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  } finally {
    await client.end().catch(() => {});
  }
}

/** Creates the test database if needed and empties it. Plain `pg` here: this is setup, not the code under test. */
export async function resetTestDatabase(url: string): Promise<void> {
  assertTestDatabase(url);
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const adminClient = new pg.Client({ connectionString: admin.toString() });
  await adminClient.connect();
  try {
    const { rowCount } = await adminClient.query("select 1 from pg_database where datname = $1", [name]);
    if (!rowCount) await adminClient.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await adminClient.end();
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("drop schema if exists drizzle cascade; drop schema if exists public cascade; create schema public;");
  } finally {
    await client.end();
  }
}
