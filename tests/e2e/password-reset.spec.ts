import { expect, test, type Page } from "@playwright/test";
import { resetLinkIn, SmtpInbox } from "../helpers/smtp-inbox";
import { distinctClientIp, newCredentials, requireChromium, signUp } from "./helpers";

/**
 * Forgot password, end to end: the e2e server mails through SMTP_URL (scripts/e2e-server.mjs
 * points it at E2E_PORT + 2000), where this spec listens with a real SMTP server.
 */

requireChromium();

const SMTP_PORT = Number(process.env.E2E_PORT ?? 3100) + 2000;
let inbox: SmtpInbox;

test.beforeAll(async () => {
  inbox = await SmtpInbox.start(SMTP_PORT);
});

test.afterAll(async () => {
  await inbox?.stop();
});

test.beforeEach(async ({ context }) => {
  await context.setExtraHTTPHeaders({ "x-forwarded-for": distinctClientIp() });
});

async function askForLink(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByText(`If an account exists for ${email}, we sent it a link to reset the password.`)).toBeVisible();
  // The form was replaced by the answer: focus went there, not to the page's start.
  await expect(page.locator(":focus")).toContainText(`If an account exists for ${email}`);
}

test("forgot password: the emailed link sets a new password, once", async ({ page, browser }) => {
  const creds = newCredentials("reset");
  await signUp(page, creds);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  await askForLink(page, creds.email);
  const link = resetLinkIn(await inbox.waitFor(creds.email));
  expect(link).not.toBeNull();
  expect(link!.origin).toBe(new URL(page.url()).origin);

  await page.goto(link!.href);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill("brand-new-password-1");
  await page.getByLabel("Confirm new password").fill("brand-new-password-2");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("The passwords do not match.")).toBeVisible();

  await page.getByLabel("Confirm new password").fill("brand-new-password-1");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page).toHaveURL(/\/sign-in\?reset=done$/);
  await expect(page.getByText("Your password was changed. Sign in with the new one.")).toBeVisible();

  await page.getByLabel("Email").fill(creds.email);
  await page.getByLabel("Password").fill(creds.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password do not match. Check them and try again.")).toBeVisible();
  await page.getByLabel("Password").fill("brand-new-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  // The same link again, in another browser: it says what happened and how to get a new one.
  const other = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": distinctClientIp() } });
  const second = await other.newPage();
  await second.goto(link!.href);
  await expect(second.getByText("This reset link is not valid any more: it was used already, or it expired.")).toBeVisible();
  await expect(second.getByLabel("New password", { exact: true })).toHaveCount(0);
  await second.getByRole("link", { name: "Ask for a new link" }).click();
  await expect(second).toHaveURL(/\/forgot-password$/);
  await other.close();
});

test("an unknown email gets the same answer, and no email", async ({ page }) => {
  const email = newCredentials("nobody").email;
  await askForLink(page, email);
  await page.waitForTimeout(500);
  expect(inbox.to(email)).toHaveLength(0);
});

test("a made-up token shows the expired-link message", async ({ page }) => {
  await page.goto("/reset-password?token=not-a-real-token");
  await expect(page.getByText("This reset link is not valid any more: it was used already, or it expired.")).toBeVisible();
  await page.goto("/reset-password");
  await expect(page.getByRole("link", { name: "Ask for a new link" })).toBeVisible();
});

test("the show-password toggle: a toggle button, keyboard reachable, keeps the caret", async ({ page }) => {
  await page.goto("/sign-in");
  const password = page.getByLabel("Password");
  const toggle = page.getByRole("button", { name: "Show password" });
  await expect(password).toHaveAttribute("type", "password");
  await expect(toggle).toHaveAttribute("aria-pressed", "false");

  await password.fill("secret-words");
  await password.evaluate((el: HTMLInputElement) => el.setSelectionRange(3, 3));
  await toggle.click();
  await expect(password).toHaveAttribute("type", "text");
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  // A mouse press leaves focus and the caret where they were.
  await expect(password).toBeFocused();
  expect(await password.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd])).toEqual([3, 3]);
  await page.keyboard.type("X");
  await expect(password).toHaveValue("secXret-words");

  // Keyboard: Tab from the field reaches the toggle, Space flips it back.
  await password.focus();
  await page.keyboard.press("Tab");
  await expect(toggle).toBeFocused();
  await page.keyboard.press("Space");
  await expect(password).toHaveAttribute("type", "password");
  await expect(toggle).toHaveAttribute("aria-pressed", "false");

  // Every password field has one: sign-up and the reset page's two.
  await page.goto("/sign-up");
  await expect(page.getByRole("button", { name: "Show password" })).toHaveCount(1);
});
