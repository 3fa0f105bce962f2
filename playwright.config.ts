import fs from "node:fs";
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH as CHROMIUM } from "./tests/helpers/chromium";

const CI = process.env.CI === "true" || process.env.CI === "1";
const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://localhost:${PORT}`;

if (!fs.existsSync(CHROMIUM)) {
  if (CI) throw new Error(`CI: Chromium is required for the browser tests but ${CHROMIUM} does not exist (apt-get install chromium).`);
  console.warn(`\n${"!".repeat(90)}\n!! SKIPPING the browser tests: no Chromium at ${CHROMIUM}. Run: apt-get install -y chromium\n${"!".repeat(90)}\n`);
}


export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL: E2E_BASE_URL,
    headless: true,
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [{ name: "chromium" }],
  // A production build against a throwaway PGlite directory (or E2E_DATABASE_URL's Postgres).
  webServer: fs.existsSync(CHROMIUM)
    ? {
        command: `node scripts/e2e-server.mjs`,
        url: `${E2E_BASE_URL}/`,
        timeout: 300_000,
        reuseExistingServer: false,
        stdout: "pipe",
        stderr: "pipe",
        env: { E2E_PORT: String(PORT) },
      }
    : undefined,
});
