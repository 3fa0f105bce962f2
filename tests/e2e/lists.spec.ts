import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { distinctClientIp, newCredentials, requireChromium, signUp } from "./helpers";

requireChromium();

test.beforeEach(async ({ context }) => {
  await context.setExtraHTTPHeaders({ "x-forwarded-for": distinctClientIp() });
});

/** YYYY-MM-DD a number of days from now (UTC; far enough from today that the zone does not matter). */
function isoDaysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const taskList = (page: Page) => page.getByRole("list", { name: "Tasks" });
const rowOf = (page: Page, title: string) => taskList(page).getByRole("listitem").filter({ hasText: title });
const listsNav = (page: Page) => page.getByRole("navigation", { name: "Lists" });
const labelsNav = (page: Page) => page.getByRole("navigation", { name: "Labels" });

async function createTask(page: Page, task: { title: string; list?: string; labels?: string[]; dueDate?: string; repeat?: string }) {
  await page.goto("/tasks/new");
  await page.getByRole("textbox", { name: "Title" }).fill(task.title);
  if (task.dueDate) await page.getByLabel("Due date").fill(task.dueDate);
  if (task.list) await page.getByLabel("List", { exact: true }).selectOption({ label: task.list });
  for (const label of task.labels ?? []) await page.getByRole("checkbox", { name: `#${label}` }).check();
  if (task.repeat) await page.getByLabel("Repeat").selectOption(task.repeat);
  await page.getByRole("button", { name: "Create task" }).click();
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(rowOf(page, task.title)).toBeVisible();
}

/** Serious or critical axe findings on the page as it is, as readable lines. */
async function axeFindings(page: Page): Promise<string[]> {
  await page.waitForLoadState("networkidle").catch(() => {});
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`));
}

test("lists: create, rename, move a task in, filter by it, delete it moving its tasks to the Inbox", async ({ page }) => {
  await signUp(page, newCredentials("lists"));
  await createTask(page, { title: "Pay rent" });

  // The switcher's New list leads to the input on /lists.
  await page.goto("/tasks");
  await expect(listsNav(page).getByRole("link", { name: "All lists" })).toHaveAttribute("aria-current", "page");
  await listsNav(page).getByRole("link", { name: "+ New list" }).click();
  await expect(page).toHaveURL(/\/lists#new-list$/);
  await page.getByRole("textbox", { name: "New list name" }).fill("Home");
  await page.getByRole("button", { name: "Add list" }).click();
  await expect(page.getByRole("list", { name: "Your lists" }).getByRole("link", { name: "Home" })).toBeVisible();

  // A second list with the same name (any case) is refused with the server's reason.
  await page.getByRole("textbox", { name: "New list name" }).fill("home");
  await page.getByRole("button", { name: "Add list" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("already have a list");

  // The new list is in the switcher, empty.
  await page.goto("/tasks");
  await listsNav(page).getByRole("link", { name: /^Home/ }).click();
  await expect(page).toHaveURL(/\/tasks\?list=\d+$/);
  await expect(listsNav(page).getByRole("link", { name: /^Home/ })).toHaveAttribute("aria-current", "page");
  await expect(taskList(page)).toHaveCount(0);
  // The status tabs count this list's tasks (the user's one task is elsewhere), and the empty list says so.
  await expect(page.getByRole("navigation", { name: "Filter by status" }).getByRole("link", { name: /^All/ })).toHaveText("All(0)");
  await expect(page.getByText("Nothing in this list yet.")).toBeVisible();

  // Rename it on the management page; Inbox offers no rename or delete.
  await page.goto("/lists");
  await expect(page.getByRole("button", { name: "Delete “Inbox”" })).toHaveCount(0);
  await page.getByRole("button", { name: "Rename “Home”" }).click();
  const rename = page.getByRole("textbox", { name: "New name for “Home”" });
  await expect(rename).toBeFocused();
  await rename.fill("House");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("list", { name: "Your lists" }).getByRole("link", { name: "House" })).toBeVisible();

  // Move the task into it from the edit form.
  await page.goto("/tasks");
  await rowOf(page, "Pay rent").getByRole("link", { name: "Edit “Pay rent”" }).click();
  await expect(page.getByLabel("List", { exact: true })).toHaveValue(/\d+/);
  await expect(page.getByLabel("List", { exact: true }).locator("option:checked")).toHaveText("Inbox");
  await page.getByLabel("List", { exact: true }).selectOption({ label: "House" });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(rowOf(page, "Pay rent")).toContainText("House");

  // Filter by it: the task is there and not in the Inbox; the counts agree.
  await expect(listsNav(page).getByRole("link", { name: /^House\s*1\s*open$/ })).toBeVisible();
  await expect(listsNav(page).getByRole("link", { name: /^Inbox\s*0\s*open$/ })).toBeVisible();
  await listsNav(page).getByRole("link", { name: /^House/ }).click();
  await expect(page).toHaveURL(/\/tasks\?list=\d+$/);
  await expect(rowOf(page, "Pay rent")).toBeVisible();
  await listsNav(page).getByRole("link", { name: /^Inbox/ }).click();
  await expect(listsNav(page).getByRole("link", { name: /^Inbox/ })).toHaveAttribute("aria-current", "page");
  await expect(rowOf(page, "Pay rent")).toHaveCount(0);

  // Delete the list: the dialog asks what becomes of its task; Cancel is focused first.
  await page.goto("/lists");
  await page.getByRole("button", { name: "Delete “House”" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete the list “House”?" });
  await expect(dialog).toContainText("1 open task");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await dialog.getByRole("button", { name: "Move tasks to Inbox" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status")).toContainText("1 task moved to the Inbox");
  await expect(page.getByRole("list", { name: "Your lists" }).getByRole("link", { name: "House" })).toHaveCount(0);

  // The task is in the Inbox now.
  await page.goto("/tasks");
  await listsNav(page).getByRole("link", { name: /^Inbox/ }).click();
  await expect(rowOf(page, "Pay rent")).toBeVisible();
  await expect(listsNav(page).getByRole("link", { name: /^Inbox\s*1\s*open$/ })).toBeVisible();
});

test("lists: reorder with the keyboard, archive, and delete a list with its tasks", async ({ page }) => {
  await signUp(page, newCredentials("lists-order"));
  await page.goto("/lists");
  for (const name of ["Work", "Garden"]) {
    await page.getByRole("textbox", { name: "New list name" }).fill(name);
    await page.getByRole("button", { name: "Add list" }).click();
    await expect(page.getByRole("list", { name: "Your lists" }).getByRole("link", { name })).toBeVisible();
  }
  const names = () => page.getByRole("list", { name: "Your lists" }).getByRole("link").allInnerTexts();
  await expect.poll(names).toEqual(["Inbox", "Work", "Garden"]);

  // Move Garden up with the keyboard.
  await page.getByRole("button", { name: "Move “Garden” up" }).focus();
  await page.keyboard.press("Enter");
  await expect.poll(names).toEqual(["Inbox", "Garden", "Work"]);
  await page.goto("/tasks");
  await expect(listsNav(page).getByRole("link")).toHaveText([/^All lists/, /^Inbox/, /^Garden/, /^Work/, "+ New list"]);

  // Archive Work: it leaves the switcher, and the management page says so.
  await page.goto("/lists");
  await page.getByRole("button", { name: "Archive “Work”" }).click();
  await expect(page.getByRole("list", { name: "Your lists" }).getByRole("listitem").filter({ hasText: "Work" })).toContainText("archived");
  await page.goto("/tasks");
  await expect(listsNav(page).getByRole("link", { name: /^Work/ })).toHaveCount(0);

  // Delete Garden with its tasks.
  await createTask(page, { title: "Prune roses", list: "Garden" });
  await page.goto("/lists");
  await page.getByRole("button", { name: "Delete “Garden”" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete tasks too" }).click();
  await expect(page.getByRole("status")).toContainText("Deleted the list “Garden” and 1 task");
  await page.goto("/tasks");
  await expect(rowOf(page, "Prune roses")).toHaveCount(0);
});

test("labels: add one, put it on a task, see the chip and filter by it", async ({ page }) => {
  await signUp(page, newCredentials("labels"));
  await page.goto("/lists");
  await page.getByRole("textbox", { name: "New label name" }).fill("errand");
  await page.getByRole("button", { name: "Add label" }).click();
  await expect(page.getByRole("list", { name: "Your labels" }).getByRole("link", { name: "#errand" })).toBeVisible();

  await createTask(page, { title: "Buy stamps", labels: ["errand"] });
  await createTask(page, { title: "Write letter" });
  await expect(rowOf(page, "Buy stamps").getByRole("list", { name: "Labels" })).toHaveText("#errand");
  await expect(rowOf(page, "Write letter").getByRole("list", { name: "Labels" })).toHaveCount(0);

  await labelsNav(page).getByRole("link", { name: /^#errand\s*1\s*open$/ }).click();
  await expect(page).toHaveURL(/\/tasks\?label=\d+$/);
  await expect(rowOf(page, "Buy stamps")).toBeVisible();
  await expect(rowOf(page, "Write letter")).toHaveCount(0);
  // The current label's link clears the filter.
  await labelsNav(page).getByRole("link", { name: /^#errand/ }).click();
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(rowOf(page, "Write letter")).toBeVisible();

  // Rename, then delete it: it comes off the task, the task stays.
  await page.goto("/lists");
  await page.getByRole("button", { name: "Rename #errand" }).click();
  await page.getByRole("textbox", { name: "New name for #errand" }).fill("shop");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("link", { name: "#shop" })).toBeVisible();
  await page.getByRole("button", { name: "Delete #shop" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete label" }).click();
  await expect(page.getByText("No labels yet.")).toBeVisible();
  await page.goto("/tasks");
  await expect(rowOf(page, "Buy stamps")).toBeVisible();
  await expect(rowOf(page, "Buy stamps").getByRole("list", { name: "Labels" })).toHaveCount(0);
});

test("repeating: the form says the rule in words; completing adds the next occurrence with its due date", async ({ page }) => {
  await signUp(page, newCredentials("repeat"));
  const due = isoDaysFromNow(3);
  const weekday = new Date(`${due}T00:00:00Z`).toLocaleDateString("en-US", { weekday: "long", timeZone: "UTC" });

  await page.goto("/tasks/new");
  await page.getByRole("textbox", { name: "Title" }).fill("Water plants");
  await page.getByLabel("Due date").fill(due);
  const repeat = page.getByLabel("Repeat");
  await expect(repeat.locator("option[value=week]")).toHaveText(`Every ${weekday}`);
  await repeat.selectOption("week");
  await expect(repeat).toHaveAccessibleDescription(`Every ${weekday}; completing it adds the next one.`);
  await page.getByRole("button", { name: "Create task" }).click();
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(rowOf(page, "Water plants")).toContainText(`Every ${weekday}`);

  // The edit form shows the saved rule as the chosen option.
  await rowOf(page, "Water plants").getByRole("link", { name: "Edit “Water plants”" }).click();
  await expect(page.getByLabel("Repeat")).toHaveValue("week");
  await page.goto("/tasks");

  await rowOf(page, "Water plants").getByRole("checkbox").click();
  await expect(page.getByRole("status").filter({ hasText: "Completed “Water plants”" })).toContainText("Next:");
  // The next one is open, a week on, still repeating.
  const next = rowOf(page, "Water plants");
  await expect(next).toHaveCount(1);
  await expect(next.locator("time")).toHaveAttribute("datetime", addDays(due, 7));
  await expect(next).toContainText(`Every ${weekday}`);
  await expect(next.getByRole("checkbox")).not.toBeChecked();

  // One Undo takes both back: the first one open again, the next one gone.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Undone" })).toBeVisible();
  await page.reload();
  await expect(rowOf(page, "Water plants")).toHaveCount(1);
  await expect(rowOf(page, "Water plants").locator("time")).toHaveAttribute("datetime", due);
});

test("lists UI: axe clean (light and dark) and a 390px layout with the switcher in a disclosure", async ({ page }) => {
  // Seven axe runs on a shared 2-core machine.
  test.setTimeout(180_000);
  await signUp(page, newCredentials("lists-a11y"));
  await page.goto("/lists");
  await page.getByRole("textbox", { name: "New list name" }).fill("Errands");
  await page.getByRole("button", { name: "Add list" }).click();
  await page.getByRole("textbox", { name: "New label name" }).fill("quick");
  await page.getByRole("button", { name: "Add label" }).click();
  await expect(page.getByRole("link", { name: "#quick" })).toBeVisible();
  await createTask(page, { title: "Post parcel", list: "Errands", labels: ["quick"], dueDate: isoDaysFromNow(2), repeat: "month" });

  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of ["/tasks", "/lists", "/tasks/new"]) {
      await page.goto(path);
      expect.soft(await axeFindings(page), `${path} (${scheme})`).toEqual([]);
    }
  }

  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/tasks");
  const summary = page.locator("summary").filter({ hasText: "List: All lists" });
  await expect(summary).toBeVisible();
  await expect(listsNav(page)).toBeHidden();
  await summary.click();
  await listsNav(page).getByRole("link", { name: /^Errands/ }).click();
  await expect(page).toHaveURL(/\/tasks\?list=\d+$/);
  await expect(page.locator("summary").filter({ hasText: "List: Errands" })).toBeVisible();
  await expect(rowOf(page, "Post parcel")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect.soft(await axeFindings(page), "/tasks?list= at 390px").toEqual([]);
  for (const path of ["/lists", "/tasks/new"]) {
    await page.goto(path);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
  }
});
