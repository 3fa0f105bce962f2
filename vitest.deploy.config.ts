import path from "node:path";
import { defineConfig } from "vitest/config";
import { DEFAULT_DIST_DIR, DEFAULT_PG_URL } from "./tests/deploy/config.ts";

/**
 * `npm run test:deploy`: the app as Vercel runs it. The build's migration step against empty
 * PostgreSQL databases, and `next start` with a preview's or production's system variables
 * (origins, cookies, a missing DATABASE_URL). Reuses the reliability toolbox with its own
 * database and dist dir (DEPLOY_DIST_DIR / DEPLOY_PG_URL; DEPLOY_SKIP_BUILD=1 reuses a build).
 */
process.env.RELIABILITY_DIST_DIR = process.env.DEPLOY_DIST_DIR || DEFAULT_DIST_DIR;
process.env.RELIABILITY_PG_URL = process.env.DEPLOY_PG_URL || DEFAULT_PG_URL;

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    name: "deploy",
    include: ["tests/deploy/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/deploy/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
