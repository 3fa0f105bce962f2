import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { resetTestDatabase } from "../helpers/postgres";
import { PG_URL } from "../reliability/config";
import { SKIP } from "../reliability/harness";

/**
 * The Vercel build's migration step (`npm run vercel-build` runs scripts/vercel-migrate.mjs, then
 * `next build`), run as Vercel would run it for a preview, against an empty database.
 */

const run = promisify(execFile);
const script = path.resolve("scripts/vercel-migrate.mjs");
const url = (() => {
  const u = new URL(PG_URL);
  u.pathname = `${u.pathname}_migrate`;
  return u.toString();
})();

type Outcome = { code: number; stdout: string; stderr: string };

async function vercelMigrate(env: Record<string, string | undefined>): Promise<Outcome> {
  const clean: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ["DATABASE_URL", "DATABASE_URL_UNPOOLED", "VERCEL", "VERCEL_ENV", "NEON_WS_PROXY"]) delete clean[key];
  try {
    const { stdout, stderr } = await run(process.execPath, [script], { env: { ...clean, VERCEL: "1", VERCEL_ENV: "preview", BETTER_AUTH_SECRET: "deploy-suite-secret-0123456789-0123456789", ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const tables = async () => (await query<{ table_name: string }>("select table_name from information_schema.tables where table_schema = 'public' order by 1")).map((r) => r.table_name);
const applied = async () => (await query<{ n: number }>("select count(*)::int as n from drizzle.__drizzle_migrations"))[0]!.n;

describe.skipIf(SKIP !== null)("the Vercel build's migration step (VERCEL=1 VERCEL_ENV=preview)", () => {
  beforeEach(() => resetTestDatabase(url));
  afterAll(() => resetTestDatabase(url));

  it("creates every table on an empty database, and a second run is a no-op", async () => {
    expect(await tables()).toEqual([]);
    const first = await vercelMigrate({ DATABASE_URL: url });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/applied \d+ migration/);
    expect(first.stdout).not.toContain("postgres@"); // the URL's credentials stay out of build logs
    expect(await tables()).toEqual(expect.arrayContaining(["user", "session", "account", "tasks", "conversations", "messages", "tool_calls", "api_keys", "rate_limits"]));
    const count = await applied();

    const second = await vercelMigrate({ DATABASE_URL: url });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/is up to date/);
    expect(await applied()).toBe(count);
  });

  it("two concurrent runs both succeed and apply each migration once", async () => {
    const [a, b] = await Promise.all([vercelMigrate({ DATABASE_URL: url }), vercelMigrate({ DATABASE_URL: url })]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect([a.stdout, b.stdout].filter((o) => /applied \d+ migration/.test(o))).toHaveLength(1);
    const rows = await query<{ hash: string }>("select hash from drizzle.__drizzle_migrations");
    expect(new Set(rows.map((r) => r.hash)).size).toBe(rows.length);
  });

  it("prefers DATABASE_URL_UNPOOLED for the schema change", async () => {
    const run = await vercelMigrate({ DATABASE_URL: "postgres://nobody@127.0.0.1:1/pooled_unreachable", DATABASE_URL_UNPOOLED: url });
    expect(run.code, run.stderr).toBe(0);
    expect(await tables()).toContain("tasks");
  });

  it("without DATABASE_URL, fails the build with a message that names it", async () => {
    const run = await vercelMigrate({});
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/DATABASE_URL is not set for the preview environment/);
    expect(run.stderr).toMatch(/Neon integration/);
  });

  it("off Vercel's production and preview, migrates nothing", async () => {
    const run = await vercelMigrate({ VERCEL_ENV: "development", DATABASE_URL: url });
    expect(run.code, run.stderr).toBe(0);
    expect(await tables()).toEqual([]);
  });

  it("`npm run db:migrate` without a URL says so plainly", async () => {
    const clean: NodeJS.ProcessEnv = { ...process.env };
    delete clean.DATABASE_URL;
    delete clean.DATABASE_URL_UNPOOLED;
    const outcome = await run(process.execPath, [path.resolve("scripts/migrate.mjs")], { env: clean }).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(/DATABASE_URL is not set, so there is no database to migrate/);
  });
});
