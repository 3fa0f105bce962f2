import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * `npm run test:reliability`: bad input, cross-user probes, a server killed mid-stream, the
 * database going away, concurrent writers and rate limits, all against a real `next start`
 * (built into .next-rel) on PostgreSQL through the Neon driver. One file at a time: each
 * starts its own server on its own port, and the fuzz test compares global row counts.
 */
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    name: "reliability",
    include: ["tests/reliability/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/reliability/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
