import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";
import { postgresReachable, testPgUrl } from "./tests/helpers/postgres.ts";
import { testAliases } from "./tests/setup/aliases.ts";

const root = import.meta.dirname;
const CI = process.env.CI === "true" || process.env.CI === "1";

const shared = {
  resolve: { alias: testAliases(root) },
  test: {
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: {
      NODE_ENV: "test",
      BETTER_AUTH_SECRET: "test-secret-for-vitest-only-0123456789abcdef",
      BETTER_AUTH_URL: "http://localhost:3000",
      AGENT_TRACING: "0",
      // Suites post many turns as one user; the rate-limit test sets its own, lower limit.
      CHAT_RATE_LIMIT: "10000",
    },
  },
} satisfies TestProjectInlineConfiguration;

function project(name: string, test: TestProjectInlineConfiguration["test"]): TestProjectInlineConfiguration {
  return { ...shared, test: { ...shared.test, name, ...test } };
}

const integration = ["tests/integration/**/*.test.ts"];

/**
 * Integration suites run twice: on PGlite, and on the local PostgreSQL through the Neon
 * serverless driver. Without a reachable PostgreSQL the second run is skipped with a loud
 * warning locally, and is an error in CI.
 */
export default defineConfig(async () => {
  const projects = [
    project("unit", { include: ["tests/unit/**/*.test.ts"] }),
    project("pglite", { include: integration, globalSetup: ["tests/setup/global-pglite.ts"], setupFiles: ["tests/setup/file-pglite.ts"] }),
  ];
  const url = testPgUrl();
  const reachable = await postgresReachable(url);
  if (reachable.ok) {
    projects.push(project("neon", { include: integration, globalSetup: ["tests/setup/global-neon.ts"], setupFiles: ["tests/setup/file-neon.ts"] }));
  } else if (CI) {
    throw new Error(`CI: PostgreSQL is required for the Neon-driver suites but ${new URL(url).host} is unreachable: ${reachable.reason}`);
  } else {
    const line = "!".repeat(100);
    console.warn(
      `\n${line}\n!! SKIPPING the PostgreSQL (Neon driver) suites: ${new URL(url).host} is unreachable (${reachable.reason}).\n!! Start PostgreSQL or set TEST_PG_URL. Only PGlite was tested.\n${line}\n`,
    );
  }
  return { resolve: { alias: testAliases(root) }, test: { projects } };
});
