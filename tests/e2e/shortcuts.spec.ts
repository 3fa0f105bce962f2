import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { distinctClientIp, newCredentials, requireChromium, signUp } from "./helpers";

/** Keyboard shortcuts (issue 16) against next start: `?` lists them, `g t` goes to Tasks, `/` searches, Ctrl+K's palette opens a page and a task. */

requireChromium();

test.beforeEach(async ({ context }) => {
  await context.setExtraHTTPHeaders({ "x-forwarded-for": distinctClientIp() });
});

async function seriousAxe(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include("dialog").analyze();
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`));
}

test("? lists the shortcuts, g t goes to Tasks, / focuses the search there", async ({ page }) => {
  await signUp(page, newCredentials("keys"));
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  // Until the page has hydrated nothing listens for keys: press again until it does.
  await expect(async () => {
    await page.locator("body").press("?");
    await expect(help).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 20_000 });
  await expect(help.getByText("Quick add a task")).toBeVisible();
  await expect(help.getByText("Go to Upcoming")).toBeVisible();
  expect(await seriousAxe(page)).toEqual([]);
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  await page.keyboard.press("g");
  await page.keyboard.press("t");
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(page.getByRole("heading", { level: 1, name: "Tasks" })).toBeVisible();
  await page.keyboard.press("/");
  await expect(page.getByRole("searchbox", { name: "Search tasks" })).toBeFocused();
  // A g typed into the search box is text.
  await page.keyboard.type("gd");
  await expect(page).toHaveURL(/\/tasks/);
});

test("Ctrl+K palette: arrows and Enter open a page; typing finds a task and opens its edit page", async ({ page }) => {
  await signUp(page, newCredentials("palette"));
  const made = await page.request.post("/api/tasks", { data: { title: "Renew passport" } });
  expect(made.status()).toBe(201);
  const taskId: number = (await made.json()).task.id;

  const palette = page.getByRole("dialog", { name: "Go to" });
  // Until the page has hydrated nothing listens for keys; pressing again while it is open keeps it open.
  await expect(async () => {
    await page.keyboard.press("Control+k");
    await expect(palette).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 20_000 });
  const box = palette.getByRole("combobox");
  await expect(box).toBeFocused();
  await box.fill("up");
  const upcoming = palette.getByRole("option", { name: /Upcoming/ });
  await expect(upcoming).toHaveAttribute("aria-selected", "true");
  await expect(box).toHaveAttribute("aria-activedescendant", (await upcoming.getAttribute("id"))!);
  expect(await seriousAxe(page)).toEqual([]);
  await box.press("Enter");
  await expect(page).toHaveURL(/\/upcoming$/);
  await expect(palette).toBeHidden();

  await page.keyboard.press("Control+k");
  await box.fill("passport");
  const option = palette.getByRole("option", { name: /Renew passport/ });
  await expect(option).toBeVisible();
  await box.press("ArrowDown");
  await box.press("ArrowUp");
  await expect(option).toHaveAttribute("aria-selected", "true");
  await box.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/tasks/${taskId}/edit$`));
});
