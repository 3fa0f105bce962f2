import "server-only";
import { Pool, neonConfig } from "@neondatabase/serverless";
import { attachDatabasePool } from "@vercel/functions";
import type { Logger } from "drizzle-orm/logger";
import { drizzle } from "drizzle-orm/neon-serverless";
import ws from "ws";
import { configureNeonForLocalProxy } from "./neon-local";
import type * as schema from "./schema";

/**
 * Neon's serverless driver (WebSocket Pool), one pool per server instance.
 *
 * A serverless instance is frozen between requests, and Neon closes connections that sit
 * idle, so: idle connections are dropped after a few seconds rather than left to die while
 * frozen; a connection that dies anyway is logged, not thrown (an 'error' without a
 * listener would crash the instance); and on Vercel `attachDatabasePool` keeps the instance
 * alive just long enough to close idle connections cleanly. Elsewhere it does nothing.
 */
export function openNeon(url: string, fullSchema: typeof schema, logger: Logger) {
  neonConfig.webSocketConstructor = ws;
  configureNeonForLocalProxy();
  const pool = new Pool({
    connectionString: url,
    max: Number(process.env.DATABASE_POOL_MAX ?? 10),
    idleTimeoutMillis: Number(process.env.DATABASE_IDLE_TIMEOUT_MS ?? 5_000),
    connectionTimeoutMillis: 10_000,
  });
  pool.on("error", (error: Error) => console.error(`[db] an idle database connection failed and was dropped: ${error.message}`));
  attachDatabasePool(pool);
  return { pool, db: drizzle({ client: pool, schema: fullSchema, logger }) };
}
