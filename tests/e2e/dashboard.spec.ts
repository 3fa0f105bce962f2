import { expect, test, type Page } from "@playwright/test";
import { distinctClientIp, newCredentials, requireChromium, signUp } from "./helpers";

requireChromium();

test.beforeEach(async ({ context }) => {
  await context.setExtraHTTPHeaders({ "x-forwarded-for": distinctClientIp() });
});

/** YYYY-MM-DD a number of days from now (UTC; far enough from today that the zone does not matter). */
const isoDaysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const nextUp = (page: Page) => page.getByRole("list", { name: "Next up" });
const stat = (page: Page, key: string) => page.getByTestId(`stat-${key}`);

async function addTask(page: Page, title: string, dueDate: string): Promise<number> {
  const res = await page.request.post("/api/tasks", { data: { title, dueDate } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { task: { id: number } }).task.id;
}

test("complete a task from the dashboard: it goes at once, the counts follow, and Undo brings it back", async ({ page }) => {
  await signUp(page, newCredentials("dash-complete"));
  const overdue = await addTask(page, "Pay the gas bill", isoDaysFromNow(-10));
  await addTask(page, "Book the dentist", isoDaysFromNow(20));
  await page.goto("/dashboard");
  await expect(nextUp(page).getByRole("listitem")).toHaveCount(2);
  await expect(stat(page, "overdue")).toHaveText("1");

  await page.getByRole("checkbox", { name: "Mark “Pay the gas bill” as done" }).click();
  await expect(page.locator("[data-toast]").getByRole("status")).toHaveText("Completed “Pay the gas bill”");
  await expect(nextUp(page).getByRole("listitem")).toHaveCount(1);
  await expect(stat(page, "overdue")).toHaveText("0");
  await expect(stat(page, "completed")).toHaveText("1");
  expect(((await (await page.request.get(`/api/tasks/${overdue}`)).json()) as { task: { completed: boolean } }).task.completed).toBe(true);

  await page.locator("[data-toast]").getByRole("button", { name: "Undo" }).click();
  await expect(page.locator("[data-toast]").getByRole("status")).toHaveText("Undone");
  await expect(nextUp(page).getByRole("listitem")).toHaveCount(2);
  await expect(stat(page, "overdue")).toHaveText("1");
  await expect(stat(page, "completed")).toHaveText("0");
});

test("a completion the server refuses puts the row back, unticked, with the reason", async ({ page }) => {
  await signUp(page, newCredentials("dash-refused"));
  const id = await addTask(page, "Water the plants", isoDaysFromNow(0));
  await page.goto("/dashboard");

  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/tasks/*", async (route) => {
    if (route.request().method() !== "PATCH") return route.continue();
    await held;
    await route.fulfill({ status: 503, json: { error: "service_unavailable", message: "The service is briefly unavailable." } });
  });
  const checkbox = page.getByRole("checkbox", { name: "Mark “Water the plants” as done" });
  await checkbox.click();
  // Ticked at once, before the server has answered.
  await expect(checkbox).toBeChecked();
  release();
  await expect(page.getByRole("alert").filter({ hasText: "Could not mark" })).toContainText(
    "Could not mark “Water the plants” as done. The service is briefly unavailable.",
  );
  await expect(checkbox).not.toBeChecked();
  await expect(nextUp(page).getByRole("listitem")).toHaveCount(1);
  expect(((await (await page.request.get(`/api/tasks/${id}`)).json()) as { task: { completed: boolean } }).task.completed).toBe(false);
});

/** Requests that render the dashboard again on the server (a router refresh), not prefetches. */
function countDashboardRefreshes(page: Page): () => number {
  let count = 0;
  page.on("request", (request) => {
    const headers = request.headers();
    if (new URL(request.url()).pathname === "/dashboard" && headers.rsc === "1" && !headers["next-router-prefetch"]) count += 1;
  });
  return () => count;
}

test.describe("in a time zone whose date is not UTC's", () => {
  // Right now, one of these two zones is on another calendar day than UTC.
  const zone = new Date().getUTCHours() >= 10 ? "Pacific/Kiritimati" : "Pacific/Pago_Pago";
  test.use({ timezoneId: zone });

  test("a first visit is rendered again, once, in the browser's zone: a task due today there counts as due today", async ({ page, context }) => {
    // The zone is also reported once, for clients without a browser (MCP).
    const reports: unknown[] = [];
    page.on("request", (r) => {
      if (r.method() === "PUT" && new URL(r.url()).pathname === "/api/me/time-zone") reports.push(r.postDataJSON());
    });
    const reported = page.waitForResponse((r) => r.request().method() === "PUT" && new URL(r.url()).pathname === "/api/me/time-zone");
    await signUp(page, newCredentials("dash-zone"));
    expect((await reported).status()).toBe(200);
    // Sign-up's own dashboard sets the cookie once it has hydrated: wait, or it could come back after the clear below.
    await expect.poll(async () => decodeURIComponent((await context.cookies()).find((c) => c.name === "tz")?.value ?? "")).toBe(zone);
    const todayThere = new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(new Date());
    await addTask(page, "Call the plumber", todayThere);
    // Leave the app first: that dashboard's own refresh re-runs its effect, which would set the cookie again.
    await page.goto("about:blank");
    await context.clearCookies({ name: "tz" });
    const refreshes = countDashboardRefreshes(page);
    await page.goto("/dashboard");
    await expect(stat(page, "dueToday")).toHaveText("1");
    expect(refreshes()).toBe(1);
    // The zone is remembered: the next visit is right the first time.
    await page.reload();
    await expect(stat(page, "dueToday")).toHaveText("1");
    await page.waitForTimeout(500);
    expect(refreshes()).toBe(1);
    expect(reports).toEqual([{ timeZone: zone }]);
  });

  test("a page whose request left without the cookie is rendered again even though the cookie is set by then", async ({ page, context }) => {
    await signUp(page, newCredentials("dash-zone-race"));
    await expect.poll(async () => decodeURIComponent((await context.cookies()).find((c) => c.name === "tz")?.value ?? "")).toBe(zone);
    const todayThere = new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(new Date());
    await addTask(page, "Call the plumber", todayThere);
    // As when another tab sets the cookie while this page's request is on its way: the server
    // renders in UTC, and by the time the page runs the browser already has the cookie.
    await page.goto("about:blank");
    await context.clearCookies({ name: "tz" });
    await page.addInitScript((cookie) => (document.cookie = cookie), `tz=${encodeURIComponent(zone)}; Path=/`);
    const refreshes = countDashboardRefreshes(page);
    await page.goto("/dashboard");
    await expect(stat(page, "dueToday")).toHaveText("1");
    expect(refreshes()).toBe(1);
  });
});

test.describe("in UTC", () => {
  test.use({ timezoneId: "UTC" });

  test("a first visit is not rendered twice: the server's UTC page is already right", async ({ page, context }) => {
    await signUp(page, newCredentials("dash-utc"));
    await expect.poll(async () => (await context.cookies()).find((c) => c.name === "tz")?.value).toBe("UTC");
    await page.goto("about:blank");
    await context.clearCookies({ name: "tz" });
    const refreshes = countDashboardRefreshes(page);
    await page.goto("/dashboard");
    await expect.poll(async () => (await context.cookies()).find((c) => c.name === "tz")?.value).toBe("UTC");
    await page.waitForTimeout(500);
    expect(refreshes()).toBe(0);
  });
});
