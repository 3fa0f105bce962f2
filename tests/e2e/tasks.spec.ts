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
const rowTitles = (page: Page) => taskList(page).locator("li > div > p:first-child").allInnerTexts();
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
  // The card's name is its visible text (label, number, hint), so a screen reader and a voice user agree.
  for (const [label, value] of [["Active", stats.active], ["Completed", stats.completed], ["Overdue", stats.overdue]] as const) {
    await expect(page.getByRole("link", { name: new RegExp(`^${label} ${value} `) })).toBeVisible();
  }
}

test("create, edit, complete, search and delete tasks", async ({ page }) => {
  const creds = newCredentials("tasks");
  await signUp(page, creds);
  await expect(page.getByRole("heading", { name: `Welcome, ${creds.name}` })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Active 0 / })).toBeVisible();
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

  // Complete it with its checkbox: All hides completed tasks, so it leaves; it moves to Completed and out of Active, and it sticks.
  await page.getByRole("checkbox", { name: "Mark “Buy oat milk and bread” as done" }).click();
  await expect(renamed).toHaveCount(0);
  await expect(statusTabs(page).getByRole("link", { name: /^Completed/ })).toContainText("1");
  await expect(statusTabs(page).getByRole("link", { name: /^All/ })).toContainText("1");
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
  await page.goto("/tasks?q=bread&completed=shown");
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
  // Clear filters keeps the view's Show completed choice.
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/tasks\?completed=shown$/);
  await expect(taskList(page).getByRole("listitem")).toHaveCount(1);
  await page.getByRole("button", { name: "Delete “Call the plumber”" }).click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(rowOf(page, "Call the plumber")).toBeVisible();
  await page.getByRole("button", { name: "Delete “Call the plumber”" }).click();
  const deleted = page.waitForResponse((r) => r.request().method() === "DELETE" && /\/api\/tasks\/\d+$/.test(r.url()));
  await dialog.getByRole("button", { name: "Delete", exact: true }).click();
  // The row goes at once (optimistic); the reload must wait for the server to have deleted it.
  await expect(page.getByRole("heading", { name: "No tasks yet" })).toBeVisible();
  expect((await deleted).status()).toBe(200);
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
  // The server renders the first 25 (TASKS_FIRST_PAGE); Load more brings up to 50 more.
  await expect(taskList(page).getByRole("listitem")).toHaveCount(25);
  await expect(rowOf(page, "Chore 26")).toHaveCount(0);
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(taskList(page).getByRole("listitem")).toHaveCount(51);
  await expect(rowOf(page, "Chore 51")).toBeVisible();
  await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);
  await expect(page.getByRole("checkbox", { name: "Mark “Chore 26” as done" })).toBeFocused();
});

test("an unknown or malformed task id is not found", async ({ page }) => {
  await signUp(page, newCredentials("task-404"));
  for (const path of ["/tasks/2147483000/edit", "/tasks/abc/edit"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "Task not found" })).toBeVisible();
  }
});

async function addTasksByApi(page: Page, titles: string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const title of titles) {
    const res = await page.request.post("/api/tasks", { data: { title } });
    expect(res.status()).toBe(201);
    ids.push(((await res.json()) as { task: { id: number } }).task.id);
  }
  return ids;
}

test("All hides completed tasks until Show completed is on; the choice lives in the URL and the counts follow", async ({ page }) => {
  await signUp(page, newCredentials("hide-done"));
  const [milk] = await addTasksByApi(page, ["Buy milk", "Call mum", "Water the plants"]);
  expect((await page.request.patch(`/api/tasks/${milk}`, { data: { completed: true } })).status()).toBe(200);

  await page.goto("/tasks");
  const toggle = page.getByRole("checkbox", { name: "Show completed (1)" });
  await expect(toggle).not.toBeChecked();
  await expect.poll(() => rowTitles(page)).toEqual(["Water the plants", "Call mum"]);
  await expect(statusTabs(page).getByRole("link", { name: /^All/ })).toContainText("2");
  await expect(statusTabs(page).getByRole("link", { name: /^Completed/ })).toContainText("1");

  await toggle.check();
  await expect(page).toHaveURL(/\/tasks\?completed=shown$/);
  await expect.poll(() => rowTitles(page)).toEqual(["Water the plants", "Call mum", "Buy milk"]);
  await expect(statusTabs(page).getByRole("link", { name: /^All/ })).toContainText("3");
  await page.reload();
  await expect(page.getByRole("checkbox", { name: "Show completed (1)" })).toBeChecked();
  await expect.poll(() => rowTitles(page)).toEqual(["Water the plants", "Call mum", "Buy milk"]);

  // Completing a row while they are hidden takes it out of All at once.
  await page.getByRole("checkbox", { name: "Show completed (1)" }).uncheck();
  await expect(page).toHaveURL(/\/tasks$/);
  await page.getByRole("checkbox", { name: "Mark “Call mum” as done" }).click();
  await expect.poll(() => rowTitles(page)).toEqual(["Water the plants"]);
  await expect(page.getByRole("checkbox", { name: "Show completed (2)" })).toBeVisible();

  // With every task done, the empty list says they are hidden, not that there are none.
  await page.getByRole("checkbox", { name: "Mark “Water the plants” as done" }).click();
  await expect(page.getByRole("heading", { name: "Everything is done" })).toBeVisible();
  await expect(page.getByText("Your 3 completed tasks are hidden.")).toBeVisible();
  await page.getByRole("link", { name: "Show completed" }).click();
  await expect(page).toHaveURL(/completed=shown/);
  await expect(taskList(page).getByRole("listitem")).toHaveCount(3);
});

test("one Sort control picks the field and the direction", async ({ page }) => {
  await signUp(page, newCredentials("sort"));
  await addTasksByApi(page, ["Banana", "Apple", "Cherry"]);
  await page.goto("/tasks");
  const sort = page.getByLabel("Sort", { exact: true });
  await expect(sort).toHaveValue("created:desc");
  // The old separate direction button is gone.
  await expect(page.getByRole("button", { name: /first|A to Z|Order/ })).toHaveCount(0);
  await expect.poll(() => rowTitles(page)).toEqual(["Cherry", "Apple", "Banana"]);
  // At 1280px, beside the list switcher, the toolbar (tabs, Show completed, search, sort) wraps rather than overflow: it stays within the list's width.
  const listBox = (await page.locator("#task-list").boundingBox())!;
  const sortBox = (await sort.boundingBox())!;
  expect(sortBox.x + sortBox.width).toBeLessThanOrEqual(listBox.x + listBox.width + 0.5);

  await sort.selectOption({ label: "Title, A to Z" });
  await expect(page).toHaveURL(/\/tasks\?sort=title$/);
  await expect.poll(() => rowTitles(page)).toEqual(["Apple", "Banana", "Cherry"]);
  await sort.selectOption({ label: "Title, Z to A" });
  await expect(page).toHaveURL(/sort=title&order=desc/);
  await expect.poll(() => rowTitles(page)).toEqual(["Cherry", "Banana", "Apple"]);
  await sort.selectOption({ label: "Oldest first" });
  await expect(page).toHaveURL(/order=asc/);
  await expect.poll(() => rowTitles(page)).toEqual(["Banana", "Apple", "Cherry"]);
  await page.reload();
  await expect(page.getByLabel("Sort", { exact: true })).toHaveValue("created:asc");
  await expect.poll(() => rowTitles(page)).toEqual(["Banana", "Apple", "Cherry"]);
});

/** Holds every task DELETE until the returned function is called, then fails it as a cut network would. */
async function holdThenFailDeletes(page: Page): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/tasks/*", async (route) => {
    if (route.request().method() !== "DELETE") return route.continue();
    await held;
    await route.abort("internetdisconnected");
  });
  return release;
}

test("a delete is optimistic: the row goes at once and comes back in place when the network or the server refuses", async ({ page }) => {
  await signUp(page, newCredentials("delete-rollback"));
  const ids = await addTasksByApi(page, ["Buy milk", "Call mum", "Water the plants"]);
  await page.goto("/tasks");
  const order = ["Water the plants", "Call mum", "Buy milk"];
  await expect.poll(() => rowTitles(page)).toEqual(order);
  const dialog = page.getByRole("dialog", { name: "Delete this task?" });

  // The request is held: the row is gone before the server has answered; then the network fails.
  const release = await holdThenFailDeletes(page);
  await page.getByRole("button", { name: "Delete “Call mum”" }).click();
  await dialog.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => rowTitles(page)).toEqual(["Water the plants", "Buy milk"]);
  release();
  await expect(page.getByRole("alert").filter({ hasText: "Could not delete" })).toContainText(
    "Could not delete “Call mum”; it is back in the list. Could not reach the server.",
  );
  await expect.poll(() => rowTitles(page)).toEqual(order);
  await page.unroute("**/api/tasks/*");

  // A 500 rolls back the same way, and nothing offers to undo it.
  await page.route("**/api/tasks/*", (route) =>
    route.request().method() === "DELETE"
      ? route.fulfill({ status: 500, json: { error: "internal", message: "Something broke on our side." } })
      : route.continue(),
  );
  await page.getByRole("button", { name: "Delete “Buy milk”" }).click();
  await dialog.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Could not delete" })).toContainText("Could not delete “Buy milk”; it is back in the list. Something broke on our side.");
  await expect.poll(() => rowTitles(page)).toEqual(order);
  await expect(page.getByRole("status").filter({ hasText: "Deleted" })).toHaveCount(0);
  await page.unroute("**/api/tasks/*");
  for (const id of ids) expect((await page.request.get(`/api/tasks/${id}`)).status()).toBe(200);

  // When the server agrees, the row stays gone and the toast offers Undo.
  await page.getByRole("button", { name: "Delete “Call mum”" }).click();
  await dialog.getByRole("button", { name: "Delete", exact: true }).click();
  await expect.poll(() => rowTitles(page)).toEqual(["Water the plants", "Buy milk"]);
  await expect(page.getByText("Deleted “Call mum”")).toBeVisible();
  await expect.poll(async () => (await page.request.get(`/api/tasks/${ids[1]}`)).status()).toBe(404);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect.poll(() => rowTitles(page)).toEqual(order);
});

test("the chat's task panel: a refused delete comes back in place, and a finished turn reloads each list once", async ({ page }) => {
  await signUp(page, newCredentials("panel"));
  await addTasksByApi(page, ["Buy milk", "Call mum", "Water the plants"]);
  const listGets: string[] = [];
  page.on("request", (req) => {
    if (req.method() === "GET" && /\/api\/tasks\?/.test(req.url())) listGets.push(new URL(req.url()).searchParams.get("status") ?? "");
  });
  await page.goto("/chat");
  const panel = page.getByRole("complementary", { name: "Tasks" });
  const openTitles = () => panel.getByRole("list", { name: "Open tasks" }).locator("li > div > p:first-child").allInnerTexts();
  // No due dates: soonest-due order falls back to the id.
  await expect.poll(openTitles).toEqual(["Buy milk", "Call mum", "Water the plants"]);

  const release = await holdThenFailDeletes(page);
  await panel.getByRole("button", { name: "Delete “Call mum”" }).click();
  await page.getByRole("dialog", { name: "Delete this task?" }).getByRole("button", { name: "Delete", exact: true }).click();
  await expect.poll(openTitles).toEqual(["Buy milk", "Water the plants"]);
  release();
  await expect(panel.getByRole("alert")).toContainText("Could not delete “Call mum”; it is back in the list.");
  await expect.poll(openTitles).toEqual(["Buy milk", "Call mum", "Water the plants"]);
  await page.unroute("**/api/tasks/*");

  // A turn that adds a task: the panel shows it when the turn ends, with one GET per list.
  await expect.poll(() => listGets.length).toBeGreaterThanOrEqual(2);
  await page.waitForTimeout(500);
  listGets.length = 0;
  await page.getByRole("textbox", { name: "Message" }).fill("add feed the cat");
  await page.getByRole("textbox", { name: "Message" }).press("Enter");
  await expect.poll(openTitles).toContain("Feed the cat");
  await page.waitForTimeout(1000);
  expect(listGets.sort()).toEqual(["active", "completed"]);
});
