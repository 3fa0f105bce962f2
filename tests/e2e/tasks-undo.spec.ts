import fs from "node:fs";
import { createRequire } from "node:module";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { distinctClientIp, newCredentials, requireChromium, signUp } from "./helpers";

requireChromium();

test.beforeEach(async ({ context }) => {
  await context.setExtraHTTPHeaders({ "x-forwarded-for": distinctClientIp() });
});

const taskList = (page: Page) => page.getByRole("list", { name: "Tasks" });
const rowOf = (page: Page, title: string) => taskList(page).getByRole("listitem").filter({ hasText: title });
/** The toast card; its text is in a role="status" live region inside it. */
const toastOf = (page: Page) => page.locator("[data-toast]");
const toastText = (page: Page) => toastOf(page).getByRole("status");

type ApiTask = { id: number; title: string; completed: boolean; updatedAt: string };

async function addTasks(page: Page, titles: string[]): Promise<ApiTask[]> {
  const tasks: ApiTask[] = [];
  for (const title of titles) {
    const res = await page.request.post("/api/tasks", { data: { title } });
    expect(res.status()).toBe(201);
    tasks.push(((await res.json()) as { task: ApiTask }).task);
  }
  return tasks;
}

async function fetchTask(page: Page, id: number): Promise<{ status: number; task?: ApiTask }> {
  const res = await page.request.get(`/api/tasks/${id}`);
  return { status: res.status(), task: res.ok() ? ((await res.json()) as { task: ApiTask }).task : undefined };
}

/** The task id a row links to (its Edit link is /tasks/:id/edit). */
async function idOfRow(row: Locator): Promise<number> {
  const href = await row.getByRole("link", { name: /^Edit/ }).getAttribute("href");
  const id = Number(/\/tasks\/(\d+)\/edit/.exec(href ?? "")?.[1]);
  expect(id).toBeGreaterThan(0);
  return id;
}

async function rowTitles(page: Page): Promise<string[]> {
  return taskList(page).locator("li > div > p:first-child").allInnerTexts();
}

async function deleteFromList(page: Page, title: string) {
  await page.getByRole("button", { name: `Delete “${title}”` }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this task?" });
  await expect(dialog).toContainText("You can undo this");
  await dialog.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(dialog).toBeHidden();
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * Runs `action`, then waits until the router refresh it causes has re-rendered the head. Next
 * replaces the page's <title> on every refresh, and axe, which reads the page across several
 * tasks, could otherwise see the document between the two and report "document-title".
 */
async function afterHeadRefresh(page: Page, action: () => Promise<void>): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { titlesAdded: number };
    w.titlesAdded = 0;
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n.nodeName === "TITLE") w.titlesAdded++;
    }).observe(document.documentElement, { childList: true, subtree: true });
  });
  await action();
  await page.waitForFunction(() => (window as unknown as { titlesAdded: number }).titlesAdded > 0 && document.title.trim() !== "");
}

/** axe-core's serious and critical violations on the page as it is now (the WCAG 2.x A/AA rules). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ passes: Array<{ id: string }>; violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
    return {
      checked: result.passes.map((p) => p.id),
      found: result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => JSON.stringify(n.target)) })),
    };
  });
  // The rules that matter for the toast did run (a silent axe would pass anything).
  expect(violations.checked).toEqual(expect.arrayContaining(["color-contrast", "button-name", "aria-allowed-role"]));
  return violations.found.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}): ${v.targets.join(", ")}`);
}

test("delete a task, press Undo: it is back in its place with the same id", async ({ page }) => {
  await signUp(page, newCredentials("undo-delete"));
  await addTasks(page, ["Buy milk", "Call mum", "Water the plants"]);
  await page.goto("/tasks");
  // Newest first.
  await expect.poll(() => rowTitles(page)).toEqual(["Water the plants", "Call mum", "Buy milk"]);
  const id = await idOfRow(rowOf(page, "Call mum"));

  await deleteFromList(page, "Call mum");
  await expect(toastText(page)).toHaveText("Deleted “Call mum”");
  await expect(rowOf(page, "Call mum")).toHaveCount(0);
  expect((await fetchTask(page, id)).status).toBe(404);

  await toastOf(page).getByRole("button", { name: "Undo" }).click();
  await expect(toastText(page)).toHaveText("Undone");
  await expect(toastOf(page).getByRole("button", { name: "Undo" })).toHaveCount(0);
  await expect.poll(() => rowTitles(page)).toEqual(["Water the plants", "Call mum", "Buy milk"]);
  expect(await idOfRow(rowOf(page, "Call mum"))).toBe(id);
  const back = await fetchTask(page, id);
  expect(back.status).toBe(200);
  expect(back.task).toMatchObject({ id, title: "Call mum", completed: false });

  await page.reload();
  await expect.poll(() => rowTitles(page)).toEqual(["Water the plants", "Call mum", "Buy milk"]);
});

test("delete on the edit page: the toast follows to the list, and Undo brings the task back", async ({ page }) => {
  await signUp(page, newCredentials("undo-edit"));
  const [task] = await addTasks(page, ["Renew passport"]);
  await page.goto(`/tasks/${task!.id}/edit`);
  await page.getByRole("button", { name: "Delete task" }).click();
  await page.getByRole("dialog", { name: "Delete this task?" }).getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(page.getByRole("heading", { name: "No tasks yet" })).toBeVisible();
  await expect(toastText(page)).toHaveText("Deleted “Renew passport”");

  await toastOf(page).getByRole("button", { name: "Undo" }).click();
  await expect(toastText(page)).toHaveText("Undone");
  await expect(rowOf(page, "Renew passport")).toBeVisible();
  expect(await idOfRow(rowOf(page, "Renew passport"))).toBe(task!.id);
});

test("complete a task on the Active tab, press Undo: it is open again and back in the list", async ({ page }) => {
  await signUp(page, newCredentials("undo-complete"));
  const [milk] = await addTasks(page, ["Buy milk", "Call mum"]);
  await page.goto("/tasks?status=active");
  await expect.poll(() => rowTitles(page)).toEqual(["Call mum", "Buy milk"]);

  // click(), not check(): the row leaves the Active tab as it is ticked.
  await page.getByRole("checkbox", { name: "Mark “Buy milk” as done" }).click();
  await expect(toastText(page)).toHaveText("Completed “Buy milk”");
  await expect(rowOf(page, "Buy milk")).toHaveCount(0);
  expect((await fetchTask(page, milk!.id)).task?.completed).toBe(true);

  await toastOf(page).getByRole("button", { name: "Undo" }).click();
  await expect(toastText(page)).toHaveText("Undone");
  await expect.poll(() => rowTitles(page)).toEqual(["Call mum", "Buy milk"]);
  await expect(page.getByRole("checkbox", { name: "Mark “Buy milk” as done" })).not.toBeChecked();
  expect((await fetchTask(page, milk!.id)).task?.completed).toBe(false);

  // Reopening says so too, and its Undo completes the task again (All keeps completed rows when they are shown).
  await page.goto("/tasks?completed=shown");
  await page.getByRole("checkbox", { name: "Mark “Call mum” as done" }).check();
  await expect(toastText(page)).toHaveText("Completed “Call mum”");
  await page.getByRole("checkbox", { name: "Mark “Call mum” as not done" }).uncheck();
  await expect(toastText(page)).toHaveText("Reopened “Call mum”");
  await toastOf(page).getByRole("button", { name: "Undo" }).click();
  await expect(toastText(page)).toHaveText("Undone");
  await expect(page.getByRole("checkbox", { name: "Mark “Call mum” as not done" })).toBeChecked();
});

test("list-wide actions: Mark all as done and Delete all, each taken back by one Undo", async ({ page }) => {
  await signUp(page, newCredentials("undo-bulk"));
  const tasks = await addTasks(page, ["Buy milk", "Call mum", "Water the plants"]);
  const order = ["Water the plants", "Call mum", "Buy milk"];
  await page.goto("/tasks?status=active");
  await expect.poll(() => rowTitles(page)).toEqual(order);

  await page.getByRole("button", { name: "Mark all 3 as done" }).click();
  await expect(toastText(page)).toHaveText("Completed 3 tasks");
  await expect(taskList(page)).toHaveCount(0);
  for (const t of tasks) expect((await fetchTask(page, t.id)).task?.completed).toBe(true);

  await toastOf(page).getByRole("button", { name: "Undo" }).click();
  await expect(toastText(page)).toHaveText("Undone");
  await expect.poll(() => rowTitles(page)).toEqual(order);
  for (const t of tasks) expect((await fetchTask(page, t.id)).task?.completed).toBe(false);

  // Complete them again, then delete them all from the Completed tab.
  await page.getByRole("button", { name: "Mark all 3 as done" }).click();
  await expect(toastText(page)).toHaveText("Completed 3 tasks");
  await page.goto("/tasks?status=completed");
  await expect.poll(() => rowTitles(page)).toEqual(order);
  await page.getByRole("button", { name: "Delete all 3" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete 3 tasks?" });
  await expect(dialog).toContainText("3 tasks will be deleted. You can undo this");
  await dialog.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(toastText(page)).toHaveText("Deleted 3 tasks");
  await expect(taskList(page)).toHaveCount(0);
  for (const t of tasks) expect((await fetchTask(page, t.id)).status).toBe(404);

  await toastOf(page).getByRole("button", { name: "Undo" }).click();
  await expect(toastText(page)).toHaveText("Undone");
  await expect.poll(() => rowTitles(page)).toEqual(order);
  for (const t of tasks) expect((await fetchTask(page, t.id)).task).toMatchObject({ id: t.id, title: t.title, completed: true });
});

test("an undo the server refuses shows its reason and changes nothing", async ({ page }) => {
  await signUp(page, newCredentials("undo-refused"));
  const [task] = await addTasks(page, ["Buy milk"]);
  await page.goto("/tasks?completed=shown");
  await page.getByRole("checkbox", { name: "Mark “Buy milk” as done" }).check();
  await expect(toastText(page)).toHaveText("Completed “Buy milk”");

  // Renamed elsewhere (another tab, the assistant) after it was completed.
  const renamed = await page.request.patch(`/api/tasks/${task!.id}`, { data: { title: "Buy oat milk" } });
  expect(renamed.status()).toBe(200);

  await toastOf(page).getByRole("button", { name: "Undo" }).click();
  await expect(toastText(page)).toHaveText("Can't undo (completed “Buy milk”): “Buy milk” was changed after that. Nothing was undone.");
  const after = await fetchTask(page, task!.id);
  expect(after.task).toMatchObject({ title: "Buy oat milk", completed: true });
  // The list catches up with what the server has.
  await expect(page.getByRole("checkbox", { name: "Mark “Buy oat milk” as not done" })).toBeChecked();
});

test("a 404 from undo and a failed list-wide action are said plainly, and nothing is lost", async ({ page }) => {
  await signUp(page, newCredentials("undo-failures"));
  const tasks = await addTasks(page, ["Buy milk", "Call mum"]);
  await page.goto("/tasks?status=active");

  // The server answers 404 for a change set it does not know (the same answer as another user's).
  await page.route("**/api/changes/*/undo", (route) =>
    route.fulfill({ status: 404, json: { error: "not_found", message: "That change was not found." } }),
  );
  await page.getByRole("checkbox", { name: "Mark “Buy milk” as done" }).click();
  await expect(toastText(page)).toHaveText("Completed “Buy milk”");
  await toastOf(page).getByRole("button", { name: "Undo" }).click();
  await expect(toastText(page)).toHaveText("That change was not found.");
  expect((await fetchTask(page, tasks[0]!.id)).task?.completed).toBe(true);
  await page.unroute("**/api/changes/*/undo");

  // A refused bulk request puts the rows back and says why; no toast offers to undo it.
  await page.request.patch(`/api/tasks/${tasks[0]!.id}`, { data: { completed: false } });
  await page.reload();
  await page.route("**/api/tasks/bulk", (route) =>
    route.fulfill({ status: 503, json: { error: "service_unavailable", message: "The service is briefly unavailable." } }),
  );
  await page.getByRole("button", { name: "Mark all 2 as done" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Could not mark" })).toContainText(
    "Could not mark 2 tasks as done; none was changed. The service is briefly unavailable.",
  );
  await expect.poll(() => rowTitles(page)).toEqual(["Call mum", "Buy milk"]);
  await expect(toastOf(page)).toHaveCount(0);
});

test("keyboard: Tab reaches Undo, Enter undoes, Escape closes; focus or hover holds the toast, else it goes after 8 s", async ({ page }) => {
  await page.clock.install();
  await signUp(page, newCredentials("undo-keys"));
  const [task] = await addTasks(page, ["Buy milk"]);
  await page.goto("/tasks?completed=shown");

  const checkbox = page.getByRole("checkbox", { name: "Mark “Buy milk” as done" });
  await checkbox.focus();
  await page.keyboard.press("Space");
  await expect(toastText(page)).toHaveText("Completed “Buy milk”");

  const undo = toastOf(page).getByRole("button", { name: "Undo" });
  for (let presses = 0; presses < 15 && !(await undo.evaluate((el) => el === document.activeElement)); presses++) await page.keyboard.press("Tab");
  await expect(undo).toBeFocused();
  // Focused, it stays well past its 8 s.
  await page.clock.runFor(20_000);
  await expect(toastOf(page)).toBeVisible();

  await page.keyboard.press("Enter");
  await expect(toastText(page)).toHaveText("Undone");
  await expect(toastOf(page).getByRole("button", { name: "Close notification" })).toBeFocused();
  expect((await fetchTask(page, task!.id)).task?.completed).toBe(false);
  await expect(page.getByRole("checkbox", { name: "Mark “Buy milk” as done" })).not.toBeChecked();

  await page.keyboard.press("Escape");
  await expect(toastOf(page)).toHaveCount(0);

  // Not touched, it goes by itself after ~8 s; while hovered it stays.
  await page.getByRole("checkbox", { name: "Mark “Buy milk” as done" }).check();
  await expect(toastText(page)).toHaveText("Completed “Buy milk”");
  await toastOf(page).hover();
  await page.clock.runFor(20_000);
  await expect(toastOf(page)).toBeVisible();
  await page.mouse.move(0, 0);
  await page.clock.runFor(7_000);
  await expect(toastOf(page)).toBeVisible();
  await page.clock.runFor(1_500);
  await expect(toastOf(page)).toHaveCount(0);

  // A new change replaces the toast rather than stacking another.
  await page.getByRole("checkbox", { name: "Mark “Buy milk” as not done" }).uncheck();
  await expect(toastText(page)).toHaveText("Reopened “Buy milk”");
  await page.getByRole("checkbox", { name: "Mark “Buy milk” as done" }).check();
  await expect(toastText(page)).toHaveText("Completed “Buy milk”");
  await expect(toastOf(page)).toHaveCount(1);
});

for (const scheme of ["light", "dark"] as const) {
  test(`on a 390px phone in ${scheme} mode the open toast passes axe and leaves the page's controls uncovered`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signUp(page, newCredentials(`undo-axe-${scheme}`));
    await addTasks(page, ["Buy milk", "Call mum", "Book the dentist for the whole family before the end of the month"]);
    await page.goto("/tasks");
    if (scheme === "dark") {
      await page.getByRole("button", { name: /Switch to dark mode|Toggle colour theme/ }).click();
      await expect(page.locator("html")).toHaveClass(/dark/);
    }
    await afterHeadRefresh(page, () => deleteFromList(page, "Book the dentist for the whole family before the end of the month"));
    await expect(toastText(page)).toHaveText("Deleted “Book the dentist for the whole family before the end of the month”");

    expect(await seriousViolations(page)).toEqual([]);

    const box = (await toastOf(page).boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    // The primary controls sit at the top; the toast keeps to the bottom edge.
    for (const control of [
      page.getByRole("link", { name: "New task" }),
      page.getByRole("navigation", { name: "Filter by status" }),
      page.getByLabel("Search tasks"),
    ]) {
      const c = (await control.boundingBox())!;
      expect(c.y + c.height, "a primary control is under the toast").toBeLessThanOrEqual(box.y);
    }
    // The last row can scroll out from under the toast.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const last = (await taskList(page).getByRole("listitem").last().boundingBox())!;
    expect(last.y + last.height).toBeLessThanOrEqual(box.y);

    // Undo still works from here, and the text stays readable after it.
    await afterHeadRefresh(page, () => toastOf(page).getByRole("button", { name: "Undo" }).click());
    await expect(toastText(page)).toHaveText("Undone");
    expect(await seriousViolations(page)).toEqual([]);
  });
}
