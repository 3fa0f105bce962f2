import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { distinctClientIp, newCredentials, requireChromium, signUp } from "./helpers";

requireChromium();

test.beforeEach(async ({ context }) => {
  await context.setExtraHTTPHeaders({ "x-forwarded-for": distinctClientIp() });
});

const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

type ApiTask = { id: number; title: string; dueDate: string | null; completed: boolean };

/** The page's today: its first day section (the server's day in the viewer's zone). */
async function pageToday(page: Page): Promise<string> {
  const id = await page.locator('[data-testid^="upcoming-day-"]').first().getAttribute("data-testid");
  return id!.replace("upcoming-day-", "");
}

async function addTask(page: Page, title: string, dueDate: string): Promise<ApiTask> {
  const res = await page.request.post("/api/tasks", { data: { title, dueDate } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { task: ApiTask }).task;
}

async function dueDateOf(page: Page, id: number): Promise<string | null> {
  const res = await page.request.get(`/api/tasks/${id}`);
  return ((await res.json()) as { task: ApiTask }).task.dueDate;
}

const day = (page: Page, date: string) => page.getByTestId(`upcoming-day-${date}`);
const row = (page: Page, id: number) => page.getByTestId(`upcoming-task-${id}`);

async function seedWeek(page: Page) {
  await signUp(page, newCredentials("upcoming"));
  await page.goto("/upcoming");
  const today = await pageToday(page);
  const overdue = await addTask(page, "Renew the passport", addDays(today, -2));
  const drag = await addTask(page, "Book the dentist", today);
  const keys = await addTask(page, "Send the invoice", addDays(today, 1));
  await page.reload();
  return { today, overdue, drag, keys };
}

test("Upcoming groups overdue and the week, and reschedules by drag and by keyboard, persisted", async ({ page }) => {
  const { today, overdue, drag, keys } = await seedWeek(page);

  await expect(page.getByRole("heading", { level: 1, name: "Upcoming" })).toBeVisible();
  await expect(page.getByTestId("upcoming-overdue")).toContainText("Renew the passport");
  await expect(page.getByRole("heading", { name: /^Today/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Tomorrow/ })).toBeVisible();
  await expect(page.locator('[data-testid^="upcoming-day-"]')).toHaveCount(7);
  await expect(day(page, today)).toContainText("Book the dentist");
  await expect(day(page, addDays(today, 1))).toContainText("Send the invoice");
  await expect(day(page, addDays(today, 4))).toContainText("Nothing planned");

  // Drag "Book the dentist" from today to three days on.
  const target = addDays(today, 3);
  const patched = page.waitForResponse((r) => r.url().endsWith(`/api/tasks/${drag.id}`) && r.request().method() === "PATCH");
  await row(page, drag.id).dragTo(day(page, target));
  expect((await patched).status()).toBe(200);
  await expect(day(page, target)).toContainText("Book the dentist");
  await expect(day(page, today)).not.toContainText("Book the dentist");
  await expect(page.locator("[data-toast]")).toContainText("Moved “Book the dentist”");
  expect(await dueDateOf(page, drag.id)).toBe(target);

  // Keyboard: Alt+↓ on the row's "Move to…" moves "Send the invoice" a day later; focus stays with it.
  const select = page.getByLabel("Move “Send the invoice” to…");
  await select.focus();
  await page.keyboard.press("Alt+ArrowDown");
  await expect(day(page, addDays(today, 2))).toContainText("Send the invoice");
  await expect(page.getByTestId("upcoming-announcer")).toContainText("Moved “Send the invoice” to");
  await expect(page.getByLabel("Move “Send the invoice” to…")).toBeFocused();
  await expect.poll(() => dueDateOf(page, keys.id)).toBe(addDays(today, 2));

  // The "Move to…" select: an overdue task to tomorrow.
  await page.getByLabel("Move “Renew the passport” to…").selectOption(addDays(today, 1));
  await expect(day(page, addDays(today, 1))).toContainText("Renew the passport");
  await expect(page.getByTestId("upcoming-overdue")).toHaveCount(0);
  await expect.poll(() => dueDateOf(page, overdue.id)).toBe(addDays(today, 1));

  await page.reload();
  await expect(day(page, target)).toContainText("Book the dentist");
  await expect(day(page, addDays(today, 2))).toContainText("Send the invoice");
  await expect(day(page, addDays(today, 1))).toContainText("Renew the passport");
});

test("completing from Upcoming is optimistic and undoable; a failed move rolls back", async ({ page }) => {
  const { today, drag } = await seedWeek(page);

  await page.getByRole("checkbox", { name: "Mark “Book the dentist” as done" }).click();
  await expect(day(page, today)).not.toContainText("Book the dentist");
  await expect(page.locator("[data-toast]")).toContainText("Completed “Book the dentist”");
  await page.locator("[data-toast]").getByRole("button", { name: "Undo" }).click();
  await expect(day(page, today)).toContainText("Book the dentist");

  // The server refuses (the task was deleted elsewhere): the row goes, with the reason.
  const res = await page.request.delete(`/api/tasks/${drag.id}`);
  expect(res.status()).toBe(200);
  await page.getByLabel("Move “Book the dentist” to…").selectOption(addDays(today, 5));
  await expect(page.getByRole("alert").filter({ hasText: "no longer exists" })).toBeVisible();
  await expect(row(page, drag.id)).toHaveCount(0);
});

for (const theme of ["light", "dark"] as const) {
  test(`Upcoming has no serious axe violations at 390px (${theme})`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: theme, isMobile: true, hasTouch: true });
    await context.setExtraHTTPHeaders({ "x-forwarded-for": distinctClientIp() });
    await context.addInitScript((t) => localStorage.setItem("theme", t), theme);
    const page = await context.newPage();
    await seedWeek(page);
    await page.waitForLoadState("networkidle").catch(() => {});
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    // Nothing runs off the side of a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await context.close();
  });
}
