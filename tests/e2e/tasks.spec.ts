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

const taskList = (page: Page) => page.getByRole("list", { name: "Tasks" });
const rowOf = (page: Page, title: string) => taskList(page).getByRole("listitem").filter({ hasText: title });
const statusTabs = (page: Page) => page.getByRole("navigation", { name: "Filter by status" });

async function createTask(page: Page, task: { title: string; description?: string; priority?: string; dueDate?: string }) {
  await page.goto("/tasks/new");
  await page.getByRole("textbox", { name: "Title" }).fill(task.title);
  if (task.description) await page.getByRole("textbox", { name: "Description" }).fill(task.description);
  if (task.priority) await page.getByLabel("Priority").selectOption(task.priority);
  if (task.dueDate) await page.getByLabel("Due date").fill(task.dueDate);
  await page.getByRole("button", { name: "Create task" }).click();
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(rowOf(page, task.title)).toBeVisible();
}

async function expectStats(page: Page, stats: { active: number; completed: number; overdue: number }) {
  await page.goto("/dashboard");
  await expect(page.getByRole("link", { name: `Active: ${stats.active}` })).toBeVisible();
  await expect(page.getByRole("link", { name: `Completed: ${stats.completed}` })).toBeVisible();
  await expect(page.getByRole("link", { name: `Overdue: ${stats.overdue}` })).toBeVisible();
}

test("create, edit, complete, search and delete tasks", async ({ page }) => {
  const creds = newCredentials("tasks");
  await signUp(page, creds);
  await expect(page.getByRole("heading", { name: `Welcome, ${creds.name}` })).toBeVisible();
  await expect(page.getByRole("link", { name: "Active: 0" })).toBeVisible();
  await expect(page.getByText("Nothing scheduled")).toBeVisible();

  // An empty list says so, with a way to start.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tasks" }).click();
  await expect(page.getByRole("heading", { name: "Tasks", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No tasks yet" })).toBeVisible();

  // An empty title is refused before anything is sent, next to the field.
  await page.getByRole("link", { name: "New task" }).first().click();
  await expect(page.getByRole("heading", { name: "New task", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Create task" }).click();
  const title = page.getByRole("textbox", { name: "Title" });
  await expect(title).toHaveAttribute("aria-invalid", "true");
  await expect(title).toHaveAccessibleDescription("The title cannot be empty.");
  await expect(title).toBeFocused();

  // Create one with a due date and high priority.
  const dueDate = isoDaysFromNow(30);
  await title.fill("Buy oat milk");
  await page.getByRole("textbox", { name: "Description" }).fill("Two cartons from the corner shop");
  await page.getByLabel("Priority").selectOption("high");
  await page.getByLabel("Due date").fill(dueDate);
  await page.getByRole("button", { name: "Create task" }).click();
  await expect(page).toHaveURL(/\/tasks$/);
  const first = rowOf(page, "Buy oat milk");
  await expect(taskList(page).getByRole("listitem")).toHaveCount(1);
  await expect(first).toContainText("Two cartons from the corner shop");
  await expect(first).toContainText("High");
  await expect(first.locator("time")).toHaveAttribute("datetime", dueDate);

  await expectStats(page, { active: 1, completed: 0, overdue: 0 });
  await expect(page.getByRole("region", { name: "Next up" })).toContainText("Buy oat milk");

  // Edit its title; the form starts with the saved values.
  await page.goto("/tasks");
  await page.getByRole("link", { name: "Edit “Buy oat milk”" }).click();
  await expect(page.getByRole("heading", { name: "Edit task", level: 1 })).toBeVisible();
  await expect(title).toHaveValue("Buy oat milk");
  await expect(page.getByLabel("Priority")).toHaveValue("high");
  await expect(page.getByLabel("Due date")).toHaveValue(dueDate);
  await title.fill("Buy oat milk and bread");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(/\/tasks$/);
  const renamed = rowOf(page, "Buy oat milk and bread");
  await expect(renamed).toBeVisible();

  // A second, overdue task, so that searching and the tabs have something to leave out.
  await createTask(page, { title: "Call the plumber", dueDate: "2020-01-15" });
  await expect(rowOf(page, "Call the plumber").locator("time")).toHaveText(/Overdue/);
  await expect(taskList(page).getByRole("listitem")).toHaveCount(2);

  // Search by a word.
  await page.getByLabel("Search tasks").fill("bread");
  await expect(page).toHaveURL(/[?&]q=bread/);
  await expect(taskList(page).getByRole("listitem")).toHaveCount(1);
  await expect(renamed).toBeVisible();
  await page.getByLabel("Search tasks").fill("");
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(taskList(page).getByRole("listitem")).toHaveCount(2);

  // Complete it with its checkbox: it moves to Completed and out of Active, and it sticks.
  await page.getByRole("checkbox", { name: "Mark “Buy oat milk and bread” as done" }).check();
  const done = page.getByRole("checkbox", { name: "Mark “Buy oat milk and bread” as not done" });
  await expect(done).toBeChecked();
  await expect(statusTabs(page).getByRole("link", { name: /^Completed/ })).toContainText("1");
  await statusTabs(page).getByRole("link", { name: /^Completed/ }).click();
  await expect(page).toHaveURL(/status=completed/);
  await expect(statusTabs(page).getByRole("link", { name: /^Completed/ })).toHaveAttribute("aria-current", "page");
  await expect(taskList(page).getByRole("listitem")).toHaveCount(1);
  await expect(renamed).toBeVisible();
  await statusTabs(page).getByRole("link", { name: /^Active/ }).click();
  await expect(page).toHaveURL(/status=active/);
  await expect(rowOf(page, "Call the plumber")).toBeVisible();
  await expect(renamed).toHaveCount(0);
  await page.reload();
  await expect(rowOf(page, "Call the plumber")).toBeVisible();
  await expect(renamed).toHaveCount(0);

  await expectStats(page, { active: 1, completed: 1, overdue: 1 });

  // Delete: Cancel keeps it, Delete removes it without a reload.
  await page.goto("/tasks?q=bread");
  await page.getByRole("button", { name: "Delete “Buy oat milk and bread”" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this task?" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Buy oat milk and bread");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(renamed).toBeVisible();

  await page.getByRole("button", { name: "Delete “Buy oat milk and bread”" }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(renamed).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "No tasks match" })).toBeVisible();

  // Escape cancels too; then delete the last task and the list is empty.
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(taskList(page).getByRole("listitem")).toHaveCount(1);
  await page.getByRole("button", { name: "Delete “Call the plumber”" }).click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(rowOf(page, "Call the plumber")).toBeVisible();
  await page.getByRole("button", { name: "Delete “Call the plumber”" }).click();
  await dialog.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByRole("heading", { name: "No tasks yet" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "No tasks yet" })).toBeVisible();

  await expectStats(page, { active: 0, completed: 0, overdue: 0 });
});

test("server field errors show next to the field, and a failed toggle rolls back", async ({ page }) => {
  await signUp(page, newCredentials("task-errors"));

  // The API's 400 `fields` land on the matching field.
  await page.route("**/api/tasks", (route) =>
    route.request().method() === "POST"
      ? route.fulfill({
          status: 400,
          json: { error: "validation_error", message: "Invalid task: dueDate: That date does not exist.", fields: { dueDate: "That date does not exist." } },
        })
      : route.continue(),
  );
  await page.goto("/tasks/new");
  await page.getByRole("textbox", { name: "Title" }).fill("Water the plants");
  await page.getByLabel("Due date").fill(isoDaysFromNow(3));
  await page.getByRole("button", { name: "Create task" }).click();
  await expect(page.getByLabel("Due date")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Due date")).toHaveAccessibleDescription("That date does not exist.");
  await expect(page).toHaveURL(/\/tasks\/new$/);
  await page.unroute("**/api/tasks");

  await page.getByRole("button", { name: "Create task" }).click();
  await expect(page).toHaveURL(/\/tasks$/);

  // The checkbox flips at once, and flips back with a message when the server says no.
  await page.route("**/api/tasks/*", (route) =>
    route.request().method() === "PATCH"
      ? route.fulfill({ status: 503, json: { error: "service_unavailable", message: "The service is briefly unavailable." } })
      : route.continue(),
  );
  const checkbox = page.getByRole("checkbox", { name: "Mark “Water the plants” as done" });
  await checkbox.click();
  await expect(page.getByRole("alert").filter({ hasText: "Could not mark" })).toContainText(
    "Could not mark “Water the plants” as done. The service is briefly unavailable.",
  );
  await expect(checkbox).not.toBeChecked();
});

test("Load more fetches the next page with the same filters", async ({ page }) => {
  await signUp(page, newCredentials("task-pages"));
  for (let i = 1; i <= 51; i++) {
    const res = await page.request.post("/api/tasks", { data: { title: `Chore ${String(i).padStart(2, "0")}` } });
    expect(res.status()).toBe(201);
  }
  await page.goto("/tasks?sort=title");
  await expect(taskList(page).getByRole("listitem")).toHaveCount(50);
  await expect(rowOf(page, "Chore 51")).toHaveCount(0);
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(taskList(page).getByRole("listitem")).toHaveCount(51);
  await expect(rowOf(page, "Chore 51")).toBeVisible();
  await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);
  await expect(page.getByRole("checkbox", { name: "Mark “Chore 51” as done" })).toBeFocused();
});

test("an unknown or malformed task id is not found", async ({ page }) => {
  await signUp(page, newCredentials("task-404"));
  for (const path of ["/tasks/2147483000/edit", "/tasks/abc/edit"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "Task not found" })).toBeVisible();
  }
});
