import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test, type Page } from "@playwright/test";
import { distinctClientIp, newCredentials, requireChromium, signUp } from "./helpers";
import { installSsePacing, paceSse } from "./sse-pacing";

/**
 * The built-in chat client's messages in a real browser: a message that cannot be sent stays
 * ("Not sent · Retry") in a new chat and in an existing one, Copy, Retry on the last answer,
 * Edit of the last user message, typing while an answer streams, and the card announcement.
 * ChatKit's CDN is blocked, so the page falls back to the built-in client at once.
 */

requireChromium();

const expect = baseExpect.configure({ timeout: 15_000 });

const composer = (page: Page) => page.getByRole("textbox", { name: "Message" });
const userMessages = (page: Page) => page.getByTestId("chat-user-message");
const assistantMessages = (page: Page) => page.getByTestId("chat-assistant-message");
/** A message with its actions: the wrapper of the bubble (`group`). */
const messageBox = (page: Page, kind: "user" | "assistant") => page.getByTestId("chat-scroller").locator(`div.group:has(> [data-testid="chat-${kind}-message"])`);
const chatRequest = (page: Page, type: string) => page.waitForRequest((r) => r.url().endsWith("/api/chat") && r.postDataJSON()?.type === type);


async function signUpAndOpenChat(page: Page, label: string) {
  await page.route("**/cdn.platform.openai.com/**", (route) => route.abort());
  const creds = newCredentials(label);
  await signUp(page, creds);
  await page.goto("/chat");
  await expect(page.getByTestId("chat-client-notice")).toHaveAttribute("data-client", "builtin");
  await expect(composer(page)).toBeEditable();
}

/** Sends a message with Enter and waits until its answer has finished. */
async function say(page: Page, text: string) {
  const answers = await assistantMessages(page).count();
  await composer(page).fill(text);
  await composer(page).press("Enter");
  await expect(userMessages(page).last()).toHaveText(`You: ${text}`);
  await waitForTurn(page);
  await expect.poll(() => assistantMessages(page).count()).toBeGreaterThan(answers);
}

async function waitForTurn(page: Page) {
  await expect(page.getByRole("button", { name: "Stop" })).toHaveCount(0, { timeout: 20_000 });
}

/** Whether the element is inside the visible part of the chat's scroller. */
async function inView(page: Page, testId: string) {
  return page.getByTestId(testId).evaluate((el) => {
    const scroller = el.closest('[data-testid="chat-scroller"]') ?? document.documentElement;
    const box = el.getBoundingClientRect();
    const view = scroller.getBoundingClientRect();
    return box.top >= view.top - 1 && box.bottom <= view.bottom + 1 && box.bottom <= window.innerHeight + 1;
  });
}

test.beforeEach(async ({ context }) => {
  await context.setExtraHTTPHeaders({ "x-forwarded-for": distinctClientIp() });
});

test("a message sent in a new chat while the network is cut stays as “Not sent”, and Retry sends it", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signUpAndOpenChat(page, "unsent-new");
  await page.route("**/api/chat", (route) => (route.request().postDataJSON()?.type === "threads.create" ? route.abort("internetdisconnected") : route.continue()));

  await composer(page).fill("add buy milk tomorrow");
  await composer(page).press("Enter");
  const bubble = userMessages(page);
  await expect(bubble).toHaveText("You: add buy milk tomorrow");
  await expect(bubble).toHaveAttribute("data-unsent", "true");
  const unsent = page.getByTestId("chat-unsent");
  await expect(unsent).toContainText("Not sent");
  // The error is announced (an alert) and on screen, not below the fold.
  const error = page.getByRole("alert").filter({ hasText: "Could not reach the server" });
  await expect(error).toBeVisible();
  await expect.poll(() => inView(page, "chat-error")).toBe(true);
  await expect.poll(() => inView(page, "chat-unsent")).toBe(true);
  // No thread was made, and the composer is free for the next message.
  await expect(page).toHaveURL(/\/chat$/);
  await expect(composer(page)).toHaveValue("");
  await expect(composer(page)).toBeEditable();

  await page.unroute("**/api/chat");
  const created = chatRequest(page, "threads.create");
  await unsent.getByRole("button", { name: "Retry" }).click();
  expect((await created).postDataJSON().params.input.content[0].text).toBe("add buy milk tomorrow");
  await waitForTurn(page);
  await expect(userMessages(page)).toHaveText(["You: add buy milk tomorrow"]);
  await expect(page.getByTestId("chat-unsent")).toHaveCount(0);
  await expect(page.getByTestId("chat-error")).toHaveCount(0);
  await expect(assistantMessages(page).last()).toHaveText(/^Assistant: Added “Buy milk”/);
  await expect(page).toHaveURL(/\/chat\?thread=[0-9a-f-]{36}$/);
  // It was stored once: a reload shows the one message and its answer.
  await page.reload();
  await expect(userMessages(page)).toHaveText(["You: add buy milk tomorrow"]);
});

test("in an existing chat: offline, then a 503, each leaves the message “Not sent”; Retry sends it once", async ({ page, context }) => {
  await signUpAndOpenChat(page, "unsent-existing");
  await say(page, "add water plants");

  await context.setOffline(true);
  await composer(page).fill("what's left?");
  await composer(page).press("Enter");
  await expect(page.getByTestId("chat-unsent")).toBeVisible();
  await expect(userMessages(page)).toHaveText(["You: add water plants", "You: what's left?"]);
  await expect(page.getByTestId("chat-error")).toBeVisible();
  await context.setOffline(false);

  // The server is briefly unavailable: still not sent, still there.
  let failures = 1;
  await page.route("**/api/chat", async (route) => {
    if (failures > 0 && route.request().postDataJSON()?.type === "threads.add_user_message") {
      failures--;
      await route.fulfill({ status: 503, json: { error: "service_unavailable", message: "The service is briefly unavailable." } });
    } else await route.continue();
  });
  await page.getByTestId("chat-unsent").getByRole("button", { name: "Retry" }).click();
  await expect(page.getByTestId("chat-error")).toContainText("The service is briefly unavailable.");
  await expect(page.getByTestId("chat-unsent")).toHaveCount(1);
  await expect(userMessages(page)).toHaveText(["You: add water plants", "You: what's left?"]);

  await page.getByTestId("chat-unsent").getByRole("button", { name: "Retry" }).click();
  await waitForTurn(page);
  await expect(page.getByTestId("chat-unsent")).toHaveCount(0);
  await expect(assistantMessages(page).last()).toContainText("Water plants");
  await page.reload();
  await expect(userMessages(page)).toHaveText(["You: add water plants", "You: what's left?"]);
});

test("Copy puts a message on the clipboard and says so", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signUpAndOpenChat(page, "copy");
  await say(page, "add call mum on friday");
  const answer = (await assistantMessages(page).last().textContent())!.replace(/^Assistant: /, "");

  const copyAnswer = messageBox(page, "assistant").last().getByRole("button", { name: "Copy message" });
  await copyAnswer.focus();
  await page.keyboard.press("Enter");
  await expect(messageBox(page, "assistant").last().getByRole("button", { name: "Copied" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Copied to the clipboard." })).toHaveCount(1);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(answer);

  await messageBox(page, "user").last().getByRole("button", { name: "Copy message" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("add call mum on friday");
});

test("Retry on the last answer asks for a new answer to the same message", async ({ page }) => {
  await signUpAndOpenChat(page, "retry");
  await say(page, "add buy milk tomorrow");
  await say(page, "what's left?");
  // Only the last answer offers Retry.
  await expect(page.getByRole("button", { name: "Retry this answer" })).toHaveCount(1);
  const before = await assistantMessages(page).count();
  const oldId = await page.locator("[data-item-type=assistant_message]").last().getAttribute("data-item-id");

  const retried = chatRequest(page, "threads.retry_after_item");
  await messageBox(page, "assistant").last().getByRole("button", { name: "Retry this answer" }).click();
  await retried;
  await waitForTurn(page);
  await expect(assistantMessages(page)).toHaveCount(before);
  await expect(assistantMessages(page).last()).toContainText("Buy milk");
  expect(await page.locator("[data-item-type=assistant_message]").last().getAttribute("data-item-id")).not.toBe(oldId);
  await expect(userMessages(page)).toHaveText(["You: add buy milk tomorrow", "You: what's left?"]);
  await page.reload();
  await expect(assistantMessages(page)).toHaveCount(before);
});

test("Edit the last user message: Escape leaves it, Send replaces it and its answer", async ({ page }) => {
  await signUpAndOpenChat(page, "edit");
  await say(page, "hello");
  await say(page, "add buy milk tomorrow");
  // Only the last user message offers Edit.
  await expect(page.getByRole("button", { name: "Edit message" })).toHaveCount(1);

  await messageBox(page, "user").last().getByRole("button", { name: "Edit message" }).click();
  const editor = page.getByRole("textbox", { name: "Edit message" });
  await expect(editor).toBeFocused();
  await expect(editor).toHaveValue("add buy milk tomorrow");
  await editor.fill("something else");
  await editor.press("Escape");
  await expect(editor).toHaveCount(0);
  await expect(messageBox(page, "user").last().getByRole("button", { name: "Edit message" })).toBeFocused();
  await expect(userMessages(page).last()).toHaveText("You: add buy milk tomorrow");

  await messageBox(page, "user").last().getByRole("button", { name: "Edit message" }).click();
  await editor.fill("add buy bread tomorrow");
  const edited = chatRequest(page, "tasktalk.threads.edit_user_message");
  await editor.press("Enter");
  await edited;
  await waitForTurn(page);
  await expect(userMessages(page)).toHaveText(["You: hello", "You: add buy bread tomorrow"]);
  await expect(assistantMessages(page).last()).toHaveText(/^Assistant: Added “Buy bread”/);
  await expect(assistantMessages(page)).toHaveCount(2);
  // The milk the first answer added is kept (it happened); the task panel shows both.
  const tasks = page.getByRole("complementary", { name: "Tasks" });
  await expect(tasks.getByText("Buy bread", { exact: true })).toBeVisible();
  await expect(tasks.getByText("Buy milk", { exact: true })).toBeVisible();
  await page.reload();
  await expect(userMessages(page)).toHaveText(["You: hello", "You: add buy bread tomorrow"]);
  await expect(assistantMessages(page)).toHaveCount(2);
});

test("typing while an answer streams: the box stays editable, Enter waits for the answer", async ({ page }) => {
  await installSsePacing(page);
  await signUpAndOpenChat(page, "typing");
  await say(page, "add water plants");

  await paceSse(page, 400);
  await composer(page).fill("what's left?");
  await composer(page).press("Enter");
  const stop = page.getByRole("button", { name: "Stop" });
  await expect(stop).toBeVisible();
  await expect(page.getByRole("button", { name: "Send" })).toHaveCount(0);
  await expect(page.getByTestId("composer-hint")).toHaveText("You can send when the answer is done");
  // Write the next message meanwhile; Enter does not send it yet.
  await expect(composer(page)).toBeEditable();
  await expect(composer(page)).toBeFocused();
  await page.keyboard.type("thanks");
  await page.keyboard.press("Enter");
  await expect(composer(page)).toHaveValue("thanks");
  await expect(userMessages(page)).toHaveCount(2);
  await expect(stop).toBeVisible();

  await paceSse(page, 0);
  await waitForTurn(page);
  await expect(assistantMessages(page).last()).toContainText("Water plants");
  await expect(composer(page)).toHaveValue("thanks");
  await expect(composer(page)).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(userMessages(page)).toHaveCount(3);
  await waitForTurn(page);
  await expect(assistantMessages(page).last()).toHaveText("Assistant: You're welcome!");
});

test("unsent text is kept per conversation across reloads, goes with a new chat into its conversation, and is forgotten on sign-out", async ({ page }) => {
  await installSsePacing(page);
  const creds = newCredentials("drafts");
  await page.route("**/cdn.platform.openai.com/**", (route) => route.abort());
  await signUp(page, creds);
  await page.goto("/chat");
  await expect(composer(page)).toBeEditable();

  // The first message makes the conversation; what is typed while its answer streams stays in the box.
  await paceSse(page, 300);
  await composer(page).fill("add water plants");
  await composer(page).press("Enter");
  await expect(page.getByRole("button", { name: "Stop" })).toBeVisible();
  await page.keyboard.type("and the herbs");
  await expect(page).toHaveURL(/\/chat\?thread=[0-9a-f-]{36}$/);
  await expect(composer(page)).toHaveValue("and the herbs");
  await paceSse(page, 0);
  await waitForTurn(page);
  await expect(composer(page)).toHaveValue("and the herbs");
  const conversation = page.url();

  await page.reload();
  await expect(composer(page)).toBeEditable();
  await expect(composer(page)).toHaveValue("and the herbs");

  // Another conversation has its own draft.
  await page.getByRole("button", { name: "New chat" }).click();
  await expect(page).toHaveURL(/\/chat$/);
  await expect(composer(page)).toHaveValue("");
  await composer(page).fill("plan the week");
  await page.reload();
  await expect(composer(page)).toBeEditable();
  await expect(composer(page)).toHaveValue("plan the week");
  await page.goto(conversation);
  await expect(composer(page)).toBeEditable();
  await expect(composer(page)).toHaveValue("and the herbs");

  // Sent text is no longer a draft.
  await composer(page).press("Enter");
  await waitForTurn(page);
  await page.reload();
  await expect(composer(page)).toBeEditable();
  await expect(composer(page)).toHaveValue("");

  // Whoever signs in next on this tab does not see what was left unsent.
  await page.goto("/chat");
  await expect(composer(page)).toHaveValue("plan the week");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByLabel("Email").fill(creds.email);
  await page.getByLabel("Password", { exact: true }).fill(creds.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/chat");
  await expect(composer(page)).toBeEditable();
  await expect(composer(page)).toHaveValue("");
});

test("a confirmation card is announced, and the message actions pass axe in light and dark", async ({ page, context }) => {
  await signUpAndOpenChat(page, "announce");
  await say(page, "add buy milk tomorrow");
  const live = page.locator('p[aria-live="polite"]');
  await expect(live).toHaveText(/^Added “Buy milk”/);
  await composer(page).fill("delete buy milk");
  await composer(page).press("Enter");
  await expect(page.getByTestId("chat-card")).toBeVisible();
  await waitForTurn(page);
  await expect(live).toContainText("Confirmation needed:");
  await expect(live).toContainText("Buy milk");

  // A message that was not sent, so its note is checked too.
  await context.setOffline(true);
  await composer(page).fill("add tea");
  await composer(page).press("Enter");
  await expect(page.getByTestId("chat-unsent")).toBeVisible();
  await context.setOffline(false);
  for (const theme of ["light", "dark"] as const) {
    await page.evaluate((t) => document.documentElement.classList.toggle("dark", t === "dark"), theme);
    await page.waitForTimeout(400);
    const results = await new AxeBuilder({ page }).include('[data-testid="chat-scroller"]').analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${theme}: ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  }
});
