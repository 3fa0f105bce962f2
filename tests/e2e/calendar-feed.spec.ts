import { expect, test } from "@playwright/test";
import { distinctClientIp, newCredentials, requireChromium, signUp } from "./helpers";

requireChromium();

test.beforeEach(async ({ context }) => {
  await context.setExtraHTTPHeaders({ "x-forwarded-for": distinctClientIp() });
});

test("the profile makes a private calendar link that serves the tasks, and revoking it makes it 404", async ({ page }) => {
  await signUp(page, newCredentials("calendar"));
  expect((await page.request.post("/api/tasks", { data: { title: "File the tax return", dueDate: "2030-04-15" } })).status()).toBe(201);

  await page.goto("/profile");
  const section = page.getByRole("region", { name: "Calendar feed" });
  await section.getByRole("button", { name: "Create calendar link" }).click();
  const url = (await section.getByTestId("calendar-feed-url").innerText()).trim();
  expect(url).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
  await expect(section.getByRole("button", { name: "Copy" })).toBeVisible();
  await expect(section.getByTestId("calendar-feed-status")).toContainText("A feed is live");

  const feed = await page.request.get(url);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  const ics = await feed.text();
  expect(ics).toContain("BEGIN:VCALENDAR");
  expect(ics).toContain("SUMMARY:File the tax return");
  expect(ics).toContain("DTSTART;VALUE=DATE:20300415");

  // After a reload the URL is gone (only its hash is kept), the feed is still live.
  await page.reload();
  await expect(section.getByTestId("calendar-feed-url")).toHaveCount(0);
  await expect(section.getByTestId("calendar-feed-status")).toContainText("last used");

  // Replace: the old link stops, the new one works.
  await section.getByRole("button", { name: "Replace link" }).click();
  await page.getByRole("dialog", { name: "Replace the calendar link?" }).getByRole("button", { name: "Replace link" }).click();
  const replaced = (await section.getByTestId("calendar-feed-url").innerText()).trim();
  expect(replaced).not.toBe(url);
  expect((await page.request.get(url)).status()).toBe(404);
  expect((await page.request.get(replaced)).status()).toBe(200);

  await section.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog", { name: "Revoke the calendar link?" }).getByRole("button", { name: "Revoke link" }).click();
  await expect(section.getByRole("button", { name: "Create calendar link" })).toBeVisible();
  await expect(section.getByTestId("calendar-feed-url")).toHaveCount(0);
  expect((await page.request.get(replaced)).status()).toBe(404);
});
