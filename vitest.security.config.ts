import path from "node:path";
import { defineConfig } from "vitest/config";
import { DEFAULT_DIST_DIR, DEFAULT_PG_URL } from "./tests/security/config.ts";

/**
 * `npm run test:security`: each attack from issue 12 tried against a real `next start` on
 * PostgreSQL through the Neon driver, with the reliability suite's toolbox
 * (tests/reliability/harness.ts). It reads its build dir and database from
 * RELIABILITY_DIST_DIR / RELIABILITY_PG_URL, so point those at this suite's own before the
 * global setup and the workers (which inherit this environment) load it.
 */
process.env.RELIABILITY_DIST_DIR = process.env.SECURITY_DIST_DIR || DEFAULT_DIST_DIR;
process.env.RELIABILITY_PG_URL = process.env.SECURITY_PG_URL || DEFAULT_PG_URL;

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    name: "security",
    include: ["tests/security/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/security/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
