import { defineConfig } from "vitest/config";
import { testAliases } from "./tests/setup/aliases.ts";

/**
 * `npm run test:restart`: a real `next start` that is killed mid-stream and started again
 * on the same PGlite directory. Separate from `npm test` because it needs a production
 * build and a fixed port. RESTART_SKIP_BUILD=1 reuses an existing build in .next (or NEXT_DIST_DIR).
 */
export default defineConfig({
  resolve: { alias: testAliases(import.meta.dirname) },
  test: {
    name: "restart",
    include: ["tests/restart/**/*.test.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 120_000,
    // The build, when one is needed, runs in a hook.
    hookTimeout: 900_000,
  },
});
