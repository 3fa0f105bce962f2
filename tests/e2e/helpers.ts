import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { CHROMIUM_PATH } from "../helpers/chromium";

export const hasChromium = fs.existsSync(CHROMIUM_PATH);

/** Skips (loudly, via playwright.config.ts) when there is no browser to drive. */
export function requireChromium() {
  test.skip(!hasChromium, "Chromium is not installed (apt-get install -y chromium)");
}

let ipCounter = 0;
/**
 * Better Auth limits sign-in and sign-up to 3 calls per 10 s per client IP. Each test
 * acts as its own client, as separate people would be, so the suite does not trip it.
 */
export function distinctClientIp(): string {
  ipCounter += 1;
  return `198.51.100.${(process.pid + ipCounter) % 250}`;
}

export function newCredentials(label = "e2e") {
  return { name: `E2E ${label}`, email: `${label}-${randomUUID().slice(0, 8)}@example.com`, password: "e2e-password-123" };
}

export async function signUp(page: Page, creds: ReturnType<typeof newCredentials>) {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill(creds.name);
  await page.getByLabel("Email").fill(creds.email);
  await page.getByLabel("Password", { exact: true }).fill(creds.password);
  await page.getByRole("button", { name: "Create account" }).click();
  // Sign-up hashes the password (scrypt) and renders the dashboard: on a loaded 2-core machine,
  // with a cold server (a spec's first test), that has taken over 20 s.
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 30_000 });
}
