import { expect as baseExpect, test, type Page } from "@playwright/test";
import { distinctClientIp, newCredentials, requireChromium, signUp } from "./helpers";

/**
 * Conversation search in the built-in client's thread list: by words in a message or by title,
 * with the matching snippet, `%` and `_` taken literally, an empty state, Escape to clear (and,
 * in the phone's drawer, a second Escape to close it), Enter to open the first result. Renaming
 * a conversation with Enter keeps focus on it.
 */

requireChromium();

const expect = baseExpect.configure({ timeout: 15_000 });

const input = (text: string) => ({ content: [{ type: "input_text", text }], attachments: [], inference_options: {} });

/** A new thread with one exchange, through the real chat endpoint (the offline model answers). */
async function seedThread(page: Page, text: string): Promise<string> {
  const res = await page.request.post("/api/chat", { data: { type: "threads.create", params: { input: input(text) } }, headers: { origin: new URL(page.url()).origin } });
  expect(res.status()).toBe(200);
  const created = (await res.text())
    .split("\n\n")
    .filter((f) => f.startsWith("data: "))
    .map((f) => JSON.parse(f.slice(6)))
    .find((e) => e.type === "thread.created");
  return created.thread.id as string;
}

const searchBox = (page: Page) => page.getByRole("searchbox", { name: "Search conversations" });
const results = (page: Page) => page.getByRole("list", { name: "Search results" }).getByRole("button");
const searchStatus = (page: Page) => page.getByTestId("thread-search-results").getByRole("status");

test.beforeEach(async ({ context, page }) => {
  await context.setExtraHTTPHeaders({ "x-forwarded-for": distinctClientIp() });
  await page.route("**/cdn.platform.openai.com/**", (route) => route.abort());
});

test("find a conversation by its words or title, open it, clear the search; rename keeps focus", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 900 });
  await signUp(page, newCredentials("chat-search"));
  const ferns = await seedThread(page, "add water the ferns tomorrow");
  const rent = await seedThread(page, "add pay 100% of the rent");
  const report = await seedThread(page, "add file report_final");
  await seedThread(page, "add reportXfinal review");

  await page.goto("/chat");
  const list = page.getByRole("complementary", { name: "Conversations" });
  await expect(list.getByTestId("thread-list").getByRole("listitem")).toHaveCount(4);

  await test.step("words in a message, with the snippet; Enter opens the first result", async () => {
    await searchBox(page).fill("FERNS");
    await expect(results(page)).toHaveCount(1);
    await expect(results(page).first()).toContainText("water the ferns");
    await expect(results(page).first().locator("mark").first()).toHaveText(/ferns/i);
    await expect(list.getByTestId("thread-list")).toBeHidden();
    await searchBox(page).press("Enter");
    await expect(page).toHaveURL(new RegExp(`thread=${ferns}`));
    await expect(page.getByTestId("chat-user-message").first()).toHaveText("You: add water the ferns tomorrow");
    await expect(searchBox(page)).toHaveValue("");
    await expect(list.getByTestId("thread-list")).toBeVisible();
  });

  await test.step("% and _ match themselves", async () => {
    await searchBox(page).fill("100%");
    await expect(results(page)).toHaveCount(1);
    await searchBox(page).fill("%");
    await expect(searchStatus(page)).toHaveText("1 conversation");
    await expect(results(page)).toHaveCount(1);
    await searchBox(page).fill("report_final");
    await expect(results(page)).toHaveCount(1);
    // The list still shows the last query's one result until this query's answer arrives.
    await expect(results(page).first()).toContainText("report_final");
    await results(page).first().click();
    await expect(page).toHaveURL(new RegExp(`thread=${report}`));
    void rent;
  });

  await test.step("nothing found, then Escape clears and the list is back", async () => {
    await searchBox(page).fill("zebra crossing");
    await expect(searchStatus(page)).toHaveText("No conversations match “zebra crossing”.");
    await expect(results(page)).toHaveCount(0);
    await searchBox(page).press("Escape");
    await expect(searchBox(page)).toHaveValue("");
    await expect(searchBox(page)).toBeFocused();
    await expect(list.getByTestId("thread-list")).toBeVisible();
  });

  await test.step("arrow keys move through the results", async () => {
    await searchBox(page).fill("add");
    await expect(results(page)).toHaveCount(4);
    await searchBox(page).press("ArrowDown");
    await expect(results(page).nth(0)).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(results(page).nth(1)).toBeFocused();
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    await expect(searchBox(page)).toBeFocused();
    await page.keyboard.press("Escape");
  });

  await test.step("renaming with Enter keeps focus on the renamed conversation", async () => {
    const item = list.getByTestId("thread-list").getByRole("listitem").first();
    await item.hover();
    await item.getByRole("button", { name: /^Rename/ }).click();
    const title = list.getByRole("textbox", { name: "Conversation title" });
    await title.fill("Garden jobs");
    await title.press("Enter");
    const renamed = list.getByRole("button", { name: /^Garden jobs/ });
    await expect(renamed).toBeVisible();
    await expect(renamed).toBeFocused();
    // And the new title is searchable.
    await searchBox(page).fill("garden");
    await expect(results(page)).toHaveCount(1);
    await expect(results(page).first()).toContainText("Garden jobs");
  });
});

test("on a phone, search in the drawer: Escape clears, a second Escape closes it", async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await signUp(page, newCredentials("chat-search-phone"));
  const ferns = await seedThread(page, "add water the ferns tomorrow");
  await seedThread(page, "add buy bread");
  await page.goto("/chat");
  const opener = page.getByRole("button", { name: "Chats" });
  await opener.click();
  const drawer = page.getByRole("dialog", { name: "Conversations" });
  await expect(drawer).toBeVisible();
  await drawer.getByRole("searchbox", { name: "Search conversations" }).fill("ferns");
  await expect(drawer.getByRole("list", { name: "Search results" }).getByRole("button")).toHaveCount(1);
  await page.keyboard.press("Escape");
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole("searchbox", { name: "Search conversations" })).toHaveValue("");
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  await expect(opener).toBeFocused();

  await opener.click();
  await drawer.getByRole("searchbox", { name: "Search conversations" }).fill("ferns");
  await drawer.getByRole("list", { name: "Search results" }).getByRole("button").first().click();
  await expect(drawer).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`thread=${ferns}`));
  await expect(page.getByTestId("chat-user-message").first()).toHaveText("You: add water the ferns tomorrow");
});
