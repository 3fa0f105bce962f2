import { expect, test, type Page } from "@playwright/test";
import { distinctClientIp, newCredentials, requireChromium, signUp } from "./helpers";

requireChromium();

/**
 * What every page has: an icon that loads (app/icon.svg, app/favicon.ico), a "Skip to content"
 * link as the first Tab stop (components/layout/skip-link.tsx), and a 404 page (app/not-found.tsx)
 * that leads somewhere.
 */

test.beforeEach(async ({ context }) => {
  await context.setExtraHTTPHeaders({ "x-forwarded-for": distinctClientIp() });
});

const ICON_PATH = /\/(favicon\.ico|icon|apple-icon)([.?/]|$)/;

/** Every icon response at 400 or above, as the browser sees it. */
function watchIconFailures(page: Page): string[] {
  const failures: string[] = [];
  page.on("response", (response) => {
    if (response.status() >= 400 && ICON_PATH.test(new URL(response.url()).pathname)) failures.push(`${response.status()} ${response.url()}`);
  });
  return failures;
}

/**
 * Headless Chromium may not fetch icons by itself, so the icons the page declares, and the
 * /favicon.ico that some clients ask for regardless, are fetched here too.
 */
async function expectIconsLoad(page: Page, where: string) {
  const declared = await page.locator('link[rel~="icon"]').evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
  expect(declared.length, `${where}: declares an icon`).toBeGreaterThan(0);
  for (const url of [...declared, new URL("/favicon.ico", page.url()).href]) {
    const response = await page.request.get(url);
    expect(response.status(), `${where}: ${url}`).toBe(200);
    expect(response.headers()["content-type"], `${where}: ${url}`).toMatch(/^image\//);
  }
}

test("the icon loads on the landing page, sign-in and a signed-in page, with no failed icon request", async ({ page }) => {
  const failures = watchIconFailures(page);

  await page.goto("/");
  await expectIconsLoad(page, "/");
  await page.goto("/sign-in");
  await expectIconsLoad(page, "/sign-in");
  await signUp(page, newCredentials("icon"));
  await page.goto("/tasks");
  await expectIconsLoad(page, "/tasks");

  // Give a browser-initiated icon fetch, if any, time to answer.
  await page.waitForTimeout(300);
  expect(failures).toEqual([]);
});

/** From a fresh load: the first Tab stop is the skip link, shown; Enter moves focus into <main>. */
async function expectSkipLinkWorks(page: Page, where: string) {
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip, `${where}: off screen until focused`).not.toBeInViewport();
  await page.keyboard.press("Tab");
  await expect(skip, `${where}: first Tab stop`).toBeFocused();
  await expect(skip, `${where}: shown on focus`).toBeInViewport({ ratio: 1 });

  await page.keyboard.press("Enter");
  await expect(page.locator("main#main"), `${where}: focus moves to main`).toBeFocused();
  // And the next Tab continues inside the content, past the header.
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.querySelector("main")!.contains(document.activeElement)), `${where}: next Tab`).toBe(true);
}

test("the skip link is the first Tab stop and moves focus to the content, in light and dark", async ({ page }) => {
  await page.goto("/");
  await expectSkipLinkWorks(page, "/ (light)");

  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/");
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await expectSkipLinkWorks(page, "/ (dark)");
  await page.emulateMedia({ colorScheme: "light" });

  await page.goto("/no-such-page");
  await expectSkipLinkWorks(page, "404");

  await signUp(page, newCredentials("skip"));
  await page.goto("/dashboard");
  await expectSkipLinkWorks(page, "/dashboard");
  await page.goto("/tasks");
  await expectSkipLinkWorks(page, "/tasks");
});

test("the skip link comes first on sign-in too, before the autofocused email field", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByLabel("Email")).toBeFocused();
  // The email field takes focus on load; backwards from it, past the header, is the skip link.
  const skip = page.getByRole("link", { name: "Skip to content" });
  for (let presses = 0; presses < 5 && !(await skip.evaluate((el) => el === document.activeElement)); presses++) await page.keyboard.press("Shift+Tab");
  await expect(skip).toBeFocused();
  const isFirstFocusable = await skip.evaluate((el) => el === document.querySelector("a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])"));
  expect(isFirstFocusable, "nothing focusable comes before it").toBe(true);
});

const SECTIONS = [
  { name: "Tasks", href: "/tasks" },
  { name: "Chat", href: "/chat" },
  { name: "Dashboard", href: "/dashboard" },
];

test("the 404 page says so and links home and to each section, signed out and signed in", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Go home" })).toHaveAttribute("href", "/");
  const sections = page.getByRole("navigation", { name: "Sections" });
  for (const { name, href } of SECTIONS) await expect(sections.getByRole("link", { name: new RegExp(`^${name}`) })).toHaveAttribute("href", href);

  // Signed out, a section link goes through sign-in and back.
  await sections.getByRole("link", { name: /^Tasks/ }).click();
  await expect(page).toHaveURL(/\/sign-in\?next=%2Ftasks$/);

  await signUp(page, newCredentials("not-found"));
  await page.goto("/nothing-here");
  await expect(page.getByRole("heading", { name: "Page not found", level: 1 })).toBeVisible();
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: /^Chat/ }).click();
  await expect(page).toHaveURL(/\/chat$/);
});

test("the 404 page fits a phone screen, in dark mode", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/no-such-page");
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeInViewport();
  for (const { name } of SECTIONS) await expect(page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: new RegExp(`^${name}`) })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});
