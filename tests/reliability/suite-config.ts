import path from "node:path";
import { testAliases } from "../setup/aliases.ts";
import { defineConfig } from "vitest/config";

/**
 * The vitest config of a suite that drives a real `next start` with the reliability toolbox
 * (reliability, security, deploy): one file at a time, each with its own server and port.
 * A suite other than reliability names its own build dir and database; config.ts reads them
 * from RELIABILITY_DIST_DIR / RELIABILITY_PG_URL, set here before the global setup and the
 * workers (which inherit this environment) load it.
 */
export function serverSuiteConfig(name: string, own?: { distDir: string; pgUrl: string }) {
  if (own) {
    process.env.RELIABILITY_DIST_DIR = own.distDir;
    process.env.RELIABILITY_PG_URL = own.pgUrl;
  }
  return defineConfig({
    resolve: { alias: testAliases(path.resolve(import.meta.dirname, "../..")) },
    test: {
      name,
      include: [`tests/${name}/**/*.test.ts`],
      environment: "node",
      globalSetup: [`tests/${name}/global-setup.ts`],
      fileParallelism: false,
      testTimeout: 180_000,
      hookTimeout: 180_000,
    },
  });
}
