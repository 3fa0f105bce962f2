import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { distinctClientIp, newCredentials, requireChromium, signUp } from "./helpers";

/**
 * Quick add (issue 16) in the browser against next start: typing shows chips for what the
 * server read, removing one puts its words back into the title, Enter adds the task with those
 * fields (checked through the API) and keeps focus; `q` opens the same input in a dialog.
 */

requireChromium();

test.beforeEach(async ({ context }) => {
  await context.setExtraHTTPHeaders({ "x-forwarded-for": distinctClientIp() });
});

type ApiTask = { id: number; title: string; dueDate: string | null; priority: string; listId: number; labelIds: number[]; recurrence: unknown; recurrenceText: string | null };

async function tasksTitled(page: Page, q: string): Promise<ApiTask[]> {
  const res = await page.request.get(`/api/tasks?${new URLSearchParams({ q, status: "all" })}`);
  expect(res.ok()).toBe(true);
  return (await res.json()).tasks;
}

const quickAdd = (page: Page) => page.getByRole("textbox", { name: "Quick add a task" });
const chips = (page: Page) => page.getByRole("list", { name: "Found in what you typed" }).getByRole("listitem");

async function seriousAxe(page: Page, include: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include(include).analyze();
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`));
}

test("quick add on /tasks: chips, removing one, Enter adds the task with its fields", async ({ page }) => {
  await signUp(page, newCredentials("quickadd"));
  const home = await page.request.post("/api/lists", { data: { name: "Home" } });
  expect(home.status()).toBe(201);
  const homeId: number = (await home.json()).list.id;

  await page.goto("/tasks");
  const input = quickAdd(page);
  await input.fill("Pay rent every month on the 1st #home @bills p1 tomorrow");
  await expect(chips(page)).toHaveCount(5);
  await expect(chips(page).filter({ hasText: "Every month on the 1st" })).toBeVisible();
  await expect(chips(page).filter({ hasText: "List: Home" })).toBeVisible();
  await expect(chips(page).filter({ hasText: "Label: bills" })).toBeVisible();
  await expect(chips(page).filter({ hasText: "High priority" })).toBeVisible();
  await expect(chips(page).filter({ hasText: "Due Tomorrow" })).toBeVisible();
  expect(await seriousAxe(page, "main")).toEqual([]);

  // Removing the date chip keeps "tomorrow" in the title.
  await page.getByRole("button", { name: /^Remove Due Tomorrow/ }).click();
  await expect(chips(page)).toHaveCount(4);
  await expect(input).toBeFocused();
  await input.press("Enter");

  await expect(page.getByRole("status").filter({ hasText: "Added “Pay rent tomorrow”" })).toBeVisible();
  await expect(input).toHaveValue("");
  await expect(input).toBeFocused();
  await expect(page.getByRole("list", { name: "Tasks" }).getByRole("listitem").filter({ hasText: "Pay rent tomorrow" })).toBeVisible();

  const [task] = await tasksTitled(page, "Pay rent");
  expect(task).toMatchObject({ title: "Pay rent tomorrow", dueDate: null, priority: "high", listId: homeId, recurrenceText: "Every month on the 1st" });
  const labels: Array<{ id: number; name: string }> = (await (await page.request.get("/api/labels")).json()).labels;
  expect(task!.labelIds).toEqual([labels.find((l) => l.name === "bills")!.id]);
});

test("q opens quick add in a dialog from the dashboard; Escape closes it", async ({ page }) => {
  await signUp(page, newCredentials("quickadd-q"));
  await expect(quickAdd(page)).toBeVisible(); // the dashboard has the inline input too
  const dialog = page.getByRole("dialog", { name: "Quick add" });
  // Until the page has hydrated nothing listens for keys: press again until it does (q is ignored while the dialog is open).
  await expect(async () => {
    await page.locator("body").press("q");
    await expect(dialog).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 20_000 });
  const input = dialog.getByRole("textbox", { name: "Quick add a task" });
  await expect(input).toBeFocused();
  await input.fill("water plants every day p2");
  await expect(dialog.getByRole("listitem").filter({ hasText: "Every day" })).toBeVisible();
  expect(await seriousAxe(page, "dialog")).toEqual([]);
  await input.press("Enter");
  await expect(dialog.getByRole("status")).toHaveText(/Added “water plants”/);
  const [task] = await tasksTitled(page, "water plants");
  expect(task).toMatchObject({ title: "water plants", priority: "medium", recurrenceText: "Every day" });

  await input.press("Escape");
  await expect(dialog).toBeHidden();
  // Typing q in a field is text, not a shortcut.
  await quickAdd(page).fill("q");
  await expect(page.getByRole("dialog")).toHaveCount(0);
});
