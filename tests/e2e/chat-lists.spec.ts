import { expect as baseExpect, test, type Page } from "@playwright/test";
import { distinctClientIp, newCredentials, requireChromium, signUp } from "./helpers";

/**
 * Lists from the chat, in a real browser with the offline model (issue 16): the user creates a
 * list, moves a task into it, and asks what is on it; the task page's list filter agrees. Then
 * deleting the list asks first on a card that names it, and Cancel keeps it.
 */

requireChromium();

const expect = baseExpect.configure({ timeout: 20_000 });
const composer = (page: Page) => page.getByRole("textbox", { name: "Message" });
const answers = (page: Page) => page.getByTestId("chat-assistant-message");

async function say(page: Page, text: string): Promise<string> {
  const before = await answers(page).count();
  await composer(page).fill(text);
  await composer(page).press("Enter");
  await expect(page.getByRole("button", { name: "Stop" })).toHaveCount(0);
  await expect.poll(() => answers(page).count()).toBeGreaterThan(before);
  return (await answers(page).last().innerText()).trim();
}

test.beforeEach(async ({ context }) => {
  await context.setExtraHTTPHeaders({ "x-forwarded-for": distinctClientIp() });
});

test("create a list and move a task into it from the chat", async ({ page }) => {
  await page.route("**/cdn.platform.openai.com/**", (route) => route.abort());
  const creds = newCredentials("chat-lists");
  await signUp(page, creds);
  const added = await page.request.post("/api/tasks", { data: { title: "Buy milk" } });
  expect(added.status()).toBe(201);

  await page.goto("/chat");
  await expect(page.getByTestId("chat-client-notice")).toHaveAttribute("data-client", "builtin");
  await expect(composer(page)).toBeEditable();

  expect(await say(page, "create a list called Groceries")).toContain("Groceries");
  expect(await say(page, "move buy milk to groceries")).toMatch(/Buy milk[\s\S]*Groceries|Groceries[\s\S]*Buy milk/);
  expect(await say(page, "what's on my groceries list?")).toContain("Buy milk");

  // The list page agrees: the task is in Groceries, not in the Inbox.
  const { lists } = (await (await page.request.get("/api/lists")).json()) as { lists: Array<{ id: number; name: string; isInbox: boolean }> };
  const groceries = lists.find((l) => l.name === "Groceries")!;
  const inbox = lists.find((l) => l.isInbox)!;
  await page.goto(`/tasks?list=${groceries.id}`);
  await expect(page.getByText("Buy milk").first()).toBeVisible();
  await page.goto(`/tasks?list=${inbox.id}`);
  await expect(page.getByRole("main")).not.toContainText("Buy milk");

  // Deleting the list asks on a card that names it; Cancel keeps it.
  await page.goto("/chat");
  await expect(composer(page)).toBeEditable();
  await composer(page).fill("delete the groceries list");
  await composer(page).press("Enter");
  const card = page.getByTestId("chat-card").last();
  await expect(card).toContainText("Delete the list “Groceries”?");
  await expect(card).toContainText("Its tasks will move to the Inbox.");
  await card.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("button", { name: "Stop" })).toHaveCount(0);
  const after = (await (await page.request.get("/api/lists")).json()) as { lists: Array<{ name: string }> };
  expect(after.lists.map((l) => l.name)).toContain("Groceries");
});
