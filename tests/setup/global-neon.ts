import { Pool, neonConfig } from "@neondatabase/serverless";
import { drizzle } from "drizzle-orm/neon-serverless";
import { migrate } from "drizzle-orm/neon-serverless/migrator";
import type { TestProject } from "vitest/node";
import ws from "ws";
import { configureNeonForLocalProxy } from "../../db/neon-local";
import { resetTestDatabase, testPgUrl } from "../helpers/postgres";
import { startWsProxy } from "../helpers/ws-proxy";

declare module "vitest" {
  export interface ProvidedContext {
    neonWsProxy: string;
    testPgUrl: string;
  }
}

/** Once per run: a fresh test database, migrated through the Neon driver itself, and the ws→tcp proxy the workers use. */
export default async function setup(project: TestProject) {
  const url = testPgUrl();
  await resetTestDatabase(url);
  const proxy = await startWsProxy();

  neonConfig.webSocketConstructor = ws;
  configureNeonForLocalProxy(proxy.address);
  const pool = new Pool({ connectionString: url });
  await migrate(drizzle({ client: pool }), { migrationsFolder: "db/migrations" });
  await pool.end();

  console.log(`\n[db] PostgreSQL suites: ${new URL(url).host}${new URL(url).pathname} through the Neon serverless driver via ws proxy ${proxy.address}\n`);
  project.provide("neonWsProxy", proxy.address);
  project.provide("testPgUrl", url);
  return () => proxy.close();
}
