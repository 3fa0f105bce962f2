import fs from "node:fs";
import path from "node:path";
import { expect as baseExpect, test, type Locator, type Page } from "@playwright/test";
import { ChatServer } from "./chat-server";
import { distinctClientIp, newCredentials, requireChromium, signUp } from "./helpers";
import { installSsePacing, paceSse } from "./sse-pacing";

/**
 * The chat page in a real browser, driving the built-in client (no machine here reaches
 * OpenAI's CDN). The main flow runs against a server this spec builds with
 * NEXT_PUBLIC_CHAT_UI=builtin and manages itself, because it restarts it halfway; the
 * fallback tests use playwright.config.ts's server, built without that setting.
 */

requireChromium();

// The machine is shared with builds and other suites; give the UI time rather than flake.
const expect = baseExpect.configure({ timeout: 15_000 });

const CONFIG_PORT = Number(process.env.E2E_PORT ?? 3100);
const CHAT_PORT = CONFIG_PORT + 10;
const CHAT_DIST_DIR = `${process.env.NEXT_DIST_DIR || ".next"}-builtin`;
const SCREENSHOTS = path.join(process.cwd(), "test-results", "screenshots");

const BUY_MILK_REPLY = "Added “Buy milk” (due tomorrow).";

// ---- page helpers -----------------------------------------------------------------------

const composer = (page: Page) => page.getByRole("textbox", { name: "Message" });
const chat = (page: Page) => page.getByRole("region", { name: "Chat" });
const assistantMessages = (page: Page) => page.getByTestId("chat-assistant-message");
const userMessages = (page: Page) => page.getByTestId("chat-user-message");
const cards = (page: Page) => page.getByTestId("chat-card");
const taskPanel = (page: Page) => page.getByRole("complementary", { name: "Tasks" });
const openTasks = (page: Page) => taskPanel(page).getByRole("list", { name: "Open tasks" });
const completedTasks = (page: Page) => taskPanel(page).getByRole("list", { name: "Recently completed" });
const threadList = (page: Page) => page.getByRole("complementary", { name: "Conversations" });

/** Types a message, sends it with Enter, and waits until the answer has finished streaming. */
async function say(page: Page, text: string) {
  const before = await assistantMessages(page).count();
  const cardsBefore = await cards(page).count();
  await composer(page).fill(text);
  await composer(page).press("Enter");
  await expect(userMessages(page).last()).toHaveText(`You: ${text}`);
  await waitForTurn(page);
  // Every turn ends with an answer or a card.
  await expect.poll(async () => (await assistantMessages(page).count()) - before + (await cards(page).count()) - cardsBefore).toBeGreaterThan(0);
}

/** Waits until no answer is streaming: the composer is enabled again. */
async function waitForTurn(page: Page) {
  await expect(composer(page)).toBeEnabled({ timeout: 20_000 });
  await expect(page.getByRole("button", { name: "Stop" })).toHaveCount(0);
}

async function lastAnswer(page: Page): Promise<Locator> {
  return assistantMessages(page).last();
}

/** Records when the composer first takes focus (it can only while enabled), from navigation start. */
async function recordComposerFocus(page: Page) {
  await page.addInitScript(() => {
    document.addEventListener(
      "focusin",
      (event) => {
        const target = event.target as HTMLElement;
        const w = window as unknown as { __composerReadyAt?: number };
        if (w.__composerReadyAt === undefined && target.matches?.("textarea")) w.__composerReadyAt = performance.now();
      },
      true,
    );
  });
}

/**
 * Watches the next assistant message: every distinct text it shows, and when its first
 * character appeared, relative to the Enter key press.
 */
async function watchNextAnswer(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __answer: { texts: string[]; firstAt?: number; enterAt?: number } };
    const before = document.querySelectorAll('[data-testid="chat-assistant-message"]').length;
    w.__answer = { texts: [] };
    document.addEventListener(
      "keydown",
      (e) => {
        if (e.key === "Enter" && w.__answer.enterAt === undefined) w.__answer.enterAt = performance.now();
      },
      { capture: true },
    );
    const observer = new MutationObserver(() => {
      const all = document.querySelectorAll('[data-testid="chat-assistant-message"]');
      if (all.length <= before) return;
      const text = (all[all.length - 1]!.textContent ?? "").replace(/^Assistant: /, "").replace(/▍$/, "").trim();
      if (!text) return;
      w.__answer.firstAt ??= performance.now();
      if (w.__answer.texts.at(-1) !== text) w.__answer.texts.push(text);
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { __answer: { texts: string[]; firstAt?: number; enterAt?: number } }).__answer);
}

async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(`[screenshot] ${file}`);
  return file;
}

async function setTheme(page: Page, theme: "light" | "dark") {
  await page.evaluate((t) => {
    localStorage.setItem("theme", t);
    document.documentElement.classList.toggle("dark", t === "dark");
  }, theme);
  // Buttons and links fade between themes; wait for that to finish.
  await page.waitForTimeout(400);
}

// ---- the main flow, on a server this spec manages ----------------------------------------

test.describe("built-in chat client", () => {
  test.describe.configure({ mode: "serial" });
  test.use({ baseURL: `http://localhost:${CHAT_PORT}` });

  let server: ChatServer;

  test.beforeAll(async () => {
    test.setTimeout(900_000);
    server = new ChatServer({ port: CHAT_PORT, distDir: CHAT_DIST_DIR, env: { NEXT_PUBLIC_CHAT_UI: "builtin" }, runtimeEnv: { CHAT_RATE_LIMIT: "1000" } });
    const { built, ms } = await server.build();
    console.log(`[chat-server] ${built ? `built ${CHAT_DIST_DIR} in ${(ms / 1000).toFixed(0)} s` : `reused the build in ${CHAT_DIST_DIR}`}`);
    await server.start();
  });

  test.afterAll(async () => {
    await server?.dispose();
  });

  test.beforeEach(async ({ context }) => {
    await context.setExtraHTTPHeaders({ "x-forwarded-for": distinctClientIp() });
  });

  test("talk to the assistant: tasks, cards, history, threads, a restart, and another user", async ({ page, context }) => {
    test.setTimeout(240_000);
    await recordComposerFocus(page);
    await installSsePacing(page);

    await test.step("1. sign up", async () => {
      await signUp(page, newCredentials("chat"));
    });

    await test.step("2. open /chat: the built-in client, ready to type", async () => {
      const infos: string[] = [];
      page.on("console", (m) => void (m.type() === "info" && infos.push(m.text())));
      await page.goto("/chat");
      // Which client is in use, and why, is for developers: the console says it, the page does not.
      await expect(page.getByTestId("chat-client-notice")).toHaveAttribute("data-client", "builtin");
      await expect(page.getByTestId("chat-client-notice")).toHaveText("");
      await expect.poll(() => infos).toContain("[chat] Using the built-in chat client because NEXT_PUBLIC_CHAT_UI=builtin");
      await expect(page.getByText(/NEXT_PUBLIC_|OPENAI_API_KEY/)).toHaveCount(0);
      await expect(composer(page)).toBeEnabled();
      await expect(composer(page)).toBeFocused();
      const readyAt = await page.evaluate(() => (window as unknown as { __composerReadyAt?: number }).__composerReadyAt);
      expect(readyAt).toBeDefined();
      console.log(`[measure] /chat interactive, first visit (navigation start → composer enabled and focused): ${readyAt!.toFixed(0)} ms`);
      const js = await page.evaluate(() =>
        (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
          .filter((e) => e.initiatorType === "script" || e.name.endsWith(".js"))
          .reduce((sum, e) => sum + e.decodedBodySize, 0),
      );
      console.log(`[measure] /chat JavaScript (all scripts the page loaded, uncompressed): ${(js / 1024).toFixed(0)} KiB`);
      await page.reload();
      await expect(composer(page)).toBeFocused();
      const warm = await page.evaluate(() => (window as unknown as { __composerReadyAt?: number }).__composerReadyAt);
      console.log(`[measure] /chat interactive, reload (navigation start → composer enabled and focused): ${warm!.toFixed(0)} ms`);
      await expect(page.getByTestId("chat-start-screen")).toBeVisible();
      await expect(page.getByTestId("offline-note")).toContainText("You're using the built-in offline assistant");
      await expect(page.getByTestId("chat-start-screen").getByRole("button", { name: "“add buy milk tomorrow”" })).toBeVisible();
      await expect(taskPanel(page).getByTestId("task-panel-empty")).toBeVisible();
      await expect(taskPanel(page).getByRole("link", { name: "All tasks →" })).toHaveAttribute("href", "/tasks");
    });

    await test.step("3. “add buy milk tomorrow”: the reply streams in, the task shows in the panel and on /tasks", async () => {
      // The stream's frames arrive 80 ms apart, so its pieces render one after another.
      await paceSse(page, 80);
      const answer = await watchNextAnswer(page);
      await composer(page).fill("add buy milk tomorrow");
      await composer(page).press("Enter");
      // The message shows at once; sending waits for the answer (Stop instead of Send), typing does not.
      await expect(userMessages(page).first()).toHaveText("You: add buy milk tomorrow");
      await expect(composer(page)).toBeEditable();
      await expect(page.getByRole("button", { name: "Stop" })).toBeVisible();
      await expect(page).toHaveURL(/\/chat\?thread=[0-9a-f-]{36}$/);
      // Tool activity is visible while the call runs or once it is done.
      await expect(page.getByTestId("chat-workflow")).toContainText(/Adding “Buy milk”|Added “Buy milk”/);
      await expect(assistantMessages(page).first()).not.toHaveText(/^Assistant: $/, { timeout: 20_000 });
      await expect(assistantMessages(page).first()).toHaveText(`Assistant: ${BUY_MILK_REPLY}`, { timeout: 30_000 });
      await paceSse(page, 0);
      const { texts } = await answer();
      const partial = texts.filter((t) => t !== BUY_MILK_REPLY && BUY_MILK_REPLY.startsWith(t));
      expect(partial.length, `the answer should render in pieces, saw: ${JSON.stringify(texts)}`).toBeGreaterThan(0);
      expect(texts.at(-1)).toBe(BUY_MILK_REPLY);
      await expect(page.getByTestId("chat-workflow").getByRole("listitem").first()).toHaveAttribute("data-state", "complete");
      await waitForTurn(page);
      await expect(composer(page)).toBeFocused();

      const row = openTasks(page).getByRole("listitem").filter({ hasText: "Buy milk" });
      await expect(row).toBeVisible();
      await expect(row.locator("time")).toHaveText("Tomorrow");
      await expect(page.getByTestId("chat-title")).toHaveText("Add buy milk tomorrow");

      const chatUrl = page.url();
      await page.goto("/tasks");
      const onTasksPage = page.getByRole("list", { name: "Tasks" }).getByRole("listitem").filter({ hasText: "Buy milk" });
      await expect(onTasksPage).toBeVisible();
      await expect(onTasksPage.locator("time")).toHaveText("Tomorrow");
      await page.goto(chatUrl);
      await expect(assistantMessages(page).first()).toHaveText(`Assistant: ${BUY_MILK_REPLY}`);
    });

    await test.step("4. “mark buy milk as done”: the panel shows it done", async () => {
      const answer = await watchNextAnswer(page);
      await say(page, "mark buy milk as done");
      const { firstAt, enterAt } = await answer();
      expect(firstAt).toBeDefined();
      console.log(`[measure] Enter → first streamed character of the reply: ${(firstAt! - enterAt!).toFixed(0)} ms`);
      await expect(await lastAnswer(page)).toHaveText("Assistant: Marked “Buy milk” as done. ✓");
      await expect(openTasks(page)).toHaveCount(0);
      await expect(taskPanel(page).getByTestId("task-panel-empty")).toBeVisible();
      await expect(completedTasks(page).getByRole("checkbox", { name: "Mark “Buy milk” as not done" })).toBeChecked();
    });

    await test.step("5. “delete buy milk”: Cancel keeps it, Delete removes it", async () => {
      await say(page, "delete buy milk");
      const card = cards(page).last();
      await expect(card).toContainText("Delete “Buy milk”?");
      await expect(card).toContainText("Confirmation required");
      await expect(card.getByRole("button", { name: "Delete" })).toBeEnabled();
      await screenshot(page, "chat-desktop-light-pending-card");
      await card.getByRole("button", { name: "Cancel" }).click();
      await waitForTurn(page);
      await expect(card).toHaveAttribute("data-status", "Cancelled");
      await expect(card).toContainText("Cancelled");
      await expect(card.getByRole("button")).toHaveCount(0);
      await expect(completedTasks(page).getByText("Buy milk", { exact: true })).toBeVisible();

      await say(page, "delete buy milk");
      const second = cards(page).last();
      await expect(second).toContainText("Delete “Buy milk”?");
      await expect(cards(page)).toHaveCount(2);
      // Keyboard works too: Tab to the card's Delete button and press Enter.
      await second.getByRole("button", { name: "Delete" }).focus();
      await page.keyboard.press("Enter");
      await waitForTurn(page);
      await expect(second).toHaveAttribute("data-status", "Confirmed");
      // A confirmed card keeps one button: Undo.
      await expect(second.getByRole("button")).toHaveText(["Undo"]);
      await expect(await lastAnswer(page)).toHaveText("Assistant: Deleted “Buy milk”.");
      await expect(taskPanel(page).getByText("Buy milk", { exact: true })).toHaveCount(0);
    });

    await test.step("screenshots: desktop and mobile, light and dark", async () => {
      await page.setViewportSize({ width: 1280, height: 800 });
      await setTheme(page, "light");
      await screenshot(page, "chat-desktop-light");
      await setTheme(page, "dark");
      await screenshot(page, "chat-desktop-dark");
      await page.setViewportSize({ width: 390, height: 844 });
      await screenshot(page, "chat-mobile-dark");
      await setTheme(page, "light");
      await screenshot(page, "chat-mobile-light");
      await page.getByRole("button", { name: "Tasks" }).click();
      await expect(page.getByRole("dialog", { name: "Tasks" })).toBeVisible();
      await screenshot(page, "chat-mobile-tasks-drawer");
      await page.keyboard.press("Escape");
      await page.getByRole("button", { name: "Chats" }).click();
      await expect(page.getByRole("dialog", { name: "Conversations" })).toBeVisible();
      await screenshot(page, "chat-mobile-conversations-drawer");
      await page.keyboard.press("Escape");
      await page.setViewportSize({ width: 1280, height: 800 });
    });

    const firstThreadUrl = page.url();
    const expectFirstConversation = async () => {
      await expect(userMessages(page)).toHaveText(["You: add buy milk tomorrow", "You: mark buy milk as done", "You: delete buy milk", "You: delete buy milk"]);
      await expect(cards(page)).toHaveCount(2);
      await expect(cards(page).nth(0)).toHaveAttribute("data-status", "Cancelled");
      await expect(cards(page).nth(1)).toHaveAttribute("data-status", "Confirmed");
      await expect(assistantMessages(page).first()).toHaveText(`Assistant: ${BUY_MILK_REPLY}`);
      await expect(cards(page).nth(0).getByRole("button")).toHaveCount(0);
      await expect(cards(page).nth(1).getByRole("button")).toHaveText(["Undo"]);
    };

    await test.step("6. reload: the conversation and the resolved cards are intact", async () => {
      await page.reload();
      await expectFirstConversation();
      await expect(page).toHaveURL(firstThreadUrl);
    });

    await test.step("7. a second thread, then back to the first from the list", async () => {
      await threadList(page).getByRole("button", { name: "New chat" }).click();
      await expect(page).toHaveURL(/\/chat$/);
      await expect(page.getByTestId("chat-start-screen")).toBeVisible();
      await say(page, "what's left?");
      await expect(await lastAnswer(page)).toContainText("Nothing left to do");
      await expect(page).toHaveURL(/\/chat\?thread=/);
      expect(page.url()).not.toBe(firstThreadUrl);
      const threads = threadList(page).getByTestId("thread-list").getByRole("listitem");
      await expect(threads).toHaveCount(2);
      await expect(threads.first()).toContainText("What's left");
      await threadList(page).getByRole("button", { name: /^Add buy milk tomorrow/ }).click();
      await expect(page).toHaveURL(firstThreadUrl);
      await expectFirstConversation();
      // Back goes to the second thread again.
      await page.goBack();
      await expect(userMessages(page)).toHaveText(["You: what's left?"]);
      await page.goForward();
      await expectFirstConversation();
    });

    await test.step("8. restart the server on the same data: the history is still there", async () => {
      await server.stop();
      await server.start();
      await page.reload();
      await expectFirstConversation();
      await say(page, "what's left?");
      await expect(await lastAnswer(page)).toContainText("Nothing left to do");
    });

    await test.step("9. another user sees none of it", async () => {
      await page.getByRole("button", { name: "Sign out" }).click();
      await expect(page).toHaveURL(/\/sign-in/);
      await context.setExtraHTTPHeaders({ "x-forwarded-for": distinctClientIp() });
      await signUp(page, newCredentials("chat-other"));
      await page.goto("/chat");
      await expect(threadList(page)).toContainText("No conversations yet.");
      await expect(threadList(page).getByRole("button", { name: /Add buy milk tomorrow/ })).toHaveCount(0);
      await expect(page.getByTestId("chat-start-screen")).toBeVisible();
      await expect(taskPanel(page).getByTestId("task-panel-empty")).toBeVisible();
      // The first user's thread by its address: not found, nothing shown.
      await page.goto(firstThreadUrl.replace(/^https?:\/\/[^/]+/, ""));
      await expect(chat(page).getByRole("alert")).toContainText("This conversation doesn't exist any more.");
      await expect(userMessages(page)).toHaveCount(0);
      // Writing from there starts a thread of the second user's own.
      await say(page, "what's left?");
      await expect(await lastAnswer(page)).toContainText("Nothing left to do");
      await expect(threadList(page).getByTestId("thread-list").getByRole("listitem")).toHaveCount(1);
    });
  });

  test("a long thread pages older messages in at the top; threads can be renamed and deleted", async ({ page }) => {
    test.setTimeout(180_000);
    await signUp(page, newCredentials("chat-threads"));
    // 30 turns (60 items) through the protocol itself, faster than typing them.
    const post = async (data: unknown) => {
      const res = await page.request.post("/api/chat", { data });
      expect(res.status()).toBe(200);
      return res.text();
    };
    const input = (text: string) => ({ content: [{ type: "input_text", text }], attachments: [], inference_options: {} });
    const created = await post({ type: "threads.create", params: { input: input("message 01") } });
    const threadId = (JSON.parse(created.split("\n\n")[0]!.slice("data: ".length)) as { thread: { id: string } }).thread.id;
    for (let i = 2; i <= 30; i++) await post({ type: "threads.add_user_message", params: { thread_id: threadId, input: input(`message ${String(i).padStart(2, "0")}`) } });

    await page.goto(`/chat?thread=${threadId}`);
    // The newest 20 items: messages 21–30 and their answers.
    await expect(userMessages(page)).toHaveCount(10);
    await expect(userMessages(page).first()).toHaveText("You: message 21");
    await expect(userMessages(page).last()).toHaveText("You: message 30");
    const scroller = page.getByTestId("chat-scroller");
    await expect.poll(() => scroller.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeLessThan(5);

    // Scroll to the top: the older items come in above, and what was on screen stays put.
    await scroller.evaluate((el) => (el.scrollTop = 0));
    await expect(userMessages(page)).toHaveCount(30);
    await expect(userMessages(page).first()).toHaveText("You: message 01");
    await expect(page.getByRole("button", { name: "Load earlier messages" })).toHaveCount(0);
    const offset = await userMessages(page).filter({ hasText: /message 21$/ }).evaluate((el) => {
      const box = el.getBoundingClientRect();
      const view = el.closest('[data-testid="chat-scroller"]')!.getBoundingClientRect();
      return box.top - view.top;
    });
    // message 21 was at the top before; it still is (within a line), not pushed down by 40 new items.
    expect(Math.abs(offset)).toBeLessThan(120);

    // Rename from the list; the header and the list show it, and it is kept.
    const list = threadList(page);
    await list.getByRole("button", { name: "Rename “Message 01”" }).click();
    const title = list.getByRole("textbox", { name: "Conversation title" });
    await expect(title).toBeFocused();
    await title.fill("Thirty messages");
    await title.press("Enter");
    await expect(page.getByTestId("chat-title")).toHaveText("Thirty messages");
    await expect(list.getByRole("button", { name: /^Thirty messages/ })).toBeVisible();
    // Escape leaves a rename without saving.
    await list.getByRole("button", { name: "Rename “Thirty messages”" }).click();
    await title.fill("Not this");
    await title.press("Escape");
    await expect(list.getByRole("button", { name: /^Thirty messages/ })).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("chat-title")).toHaveText("Thirty messages");

    // Delete asks first; Cancel keeps it, Delete removes it and shows a new chat.
    await list.getByRole("button", { name: "Delete “Thirty messages”" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete this conversation?" });
    await expect(dialog).toContainText("Thirty messages");
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(list.getByRole("button", { name: /^Thirty messages/ })).toBeVisible();
    await list.getByRole("button", { name: "Delete “Thirty messages”" }).click();
    await dialog.getByRole("button", { name: "Delete", exact: true }).click();
    await expect(list).toContainText("No conversations yet.");
    await expect(page).toHaveURL(/\/chat$/);
    await expect(page.getByTestId("chat-start-screen")).toBeVisible();
    const gone = await page.request.post("/api/chat", { data: { type: "items.list", params: { thread_id: threadId } } });
    expect(gone.status()).toBe(404);
  });

  test("errors show inline with Retry; Stop keeps the partial answer", async ({ page }) => {
    await installSsePacing(page);
    await signUp(page, newCredentials("chat-stop"));
    await page.goto("/chat");
    await say(page, "add water plants");

    // A server error before streaming: the message is not stored; it stays as "Not sent", and its Retry posts it again.
    let failNext = true;
    await page.route("**/api/chat", async (route) => {
      if (failNext && route.request().postDataJSON()?.type === "threads.add_user_message") {
        failNext = false;
        await route.fulfill({ status: 503, json: { error: "service_unavailable", message: "The service is briefly unavailable." } });
      } else await route.continue();
    });
    await composer(page).fill("what's left?");
    await composer(page).press("Enter");
    const error = page.getByTestId("chat-error");
    await expect(error).toContainText("The service is briefly unavailable.");
    await expect(userMessages(page)).toHaveText(["You: add water plants", "You: what's left?"]);
    await page.getByTestId("chat-unsent").getByRole("button", { name: "Retry" }).click();
    await waitForTurn(page);
    await expect(error).toHaveCount(0);
    await expect(page.getByTestId("chat-unsent")).toHaveCount(0);
    await expect(userMessages(page)).toHaveText(["You: add water plants", "You: what's left?"]);
    await expect(await lastAnswer(page)).toContainText("Water plants");

    // An error event after the message was stored: Retry asks for a new answer to it.
    await page.unroute("**/api/chat");
    await page.route("**/api/chat", async (route) => {
      const body = route.request().postDataJSON() as { type: string };
      if (body.type !== "threads.add_user_message") return route.continue();
      const res = await route.fetch();
      const text = await res.text();
      const cut = text.split("\n\n").filter((f) => f.includes('"thread.item.done"') && f.includes('"user_message"'));
      await route.fulfill({
        status: 200,
        headers: { "content-type": "text/event-stream" },
        body: `${cut.join("\n\n")}\n\ndata: ${JSON.stringify({ type: "error", code: "stream.error", allow_retry: true })}\n\n`,
      });
    });
    await composer(page).fill("thanks");
    await composer(page).press("Enter");
    await expect(error).toContainText("Something went wrong while answering");
    await page.unroute("**/api/chat");
    const retried = page.waitForRequest((r) => r.url().endsWith("/api/chat") && r.postDataJSON()?.type === "threads.retry_after_item");
    await error.getByRole("button", { name: "Retry" }).click();
    await retried;
    await waitForTurn(page);
    await expect(error).toHaveCount(0);
    await expect(userMessages(page).last()).toHaveText("You: thanks");
    await expect(await lastAnswer(page)).toHaveText("Assistant: You're welcome!");

    // Stop: the answer is still arriving (frames 800 ms apart); Stop keeps what came and frees the composer.
    await paceSse(page, 800);
    await composer(page).fill("what's left?");
    await composer(page).press("Enter");
    const partial = assistantMessages(page).last();
    await expect(partial).toHaveAttribute("data-streaming", "true", { timeout: 20_000 });
    await expect(partial).toContainText(/You have/, { timeout: 20_000 });
    await page.getByRole("button", { name: "Stop" }).click();
    await paceSse(page, 0);
    await expect(composer(page)).toBeEnabled();
    await expect(composer(page)).toBeFocused();
    await expect(page.getByRole("button", { name: "Stop" })).toHaveCount(0);
    await expect(partial).not.toHaveAttribute("data-streaming");
    const stopped = await partial.textContent();
    expect(stopped).toContain("You have");
    expect(stopped, "the answer was cut short").not.toContain("Water plants");
    // Nothing more arrives after Stop.
    await page.waitForTimeout(1500);
    expect(await partial.textContent()).toBe(stopped);
    await expect(page.getByTestId("chat-error")).toHaveCount(0);
    // The conversation goes on.
    await say(page, "thanks");
    await expect(await lastAnswer(page)).toHaveText("Assistant: You're welcome!");
  });
});

// ---- ChatKit and its fallback, on playwright.config.ts's server ----------------------

test.describe("ChatKit, and when it cannot load", () => {
  test.beforeEach(async ({ context }) => {
    test.skip(process.env.NEXT_PUBLIC_CHAT_UI === "builtin", "the configured server was built with NEXT_PUBLIC_CHAT_UI=builtin");
    await context.setExtraHTTPHeaders({ "x-forwarded-for": distinctClientIp() });
  });

  /**
   * Records, from navigation start, when the page was loading ChatKit (before the wait
   * starts), when ChatKit's script element was added (after it started), when the script
   * failed, and when the built-in client took over (the notice's data-client).
   */
  async function recordFallback(page: Page) {
    await page.addInitScript(() => {
      const w = window as unknown as { __fallback: { loadingAt?: number; scriptAt?: number; errorAt?: number; builtinAt?: number } };
      w.__fallback = {};
      const isChatKit = (node: unknown) => node instanceof HTMLScriptElement && node.src.includes("cdn.platform.openai.com");
      window.addEventListener("error", (e) => isChatKit(e.target) && (w.__fallback.errorAt ??= performance.now()), true);
      new MutationObserver((records) => {
        for (const r of records) for (const n of r.addedNodes) if (isChatKit(n)) w.__fallback.scriptAt ??= performance.now();
        const client = document.querySelector('[data-testid="chat-client-notice"]')?.getAttribute("data-client");
        if (client === "loading") w.__fallback.loadingAt ??= performance.now();
        if (client === "builtin") w.__fallback.builtinAt ??= performance.now();
      }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["data-client"] });
    });
    return () => page.evaluate(() => (window as unknown as { __fallback: { loadingAt?: number; scriptAt?: number; errorAt?: number; builtinAt?: number } }).__fallback);
  }

  /** The fallback, as the page shows it (no developer text) and as the console says it. */
  async function expectFallback(page: Page, infos: string[], timeout: number) {
    await expect(page.getByTestId("chat-client-notice")).toHaveAttribute("data-client", "builtin", { timeout });
    await expect(page.getByTestId("chat-client-notice")).toHaveText("");
    await expect.poll(() => infos).toContain("[chat] Using the built-in chat client because ChatKit could not load");
  }
  const consoleInfos = (page: Page) => {
    const infos: string[] = [];
    page.on("console", (m) => void (m.type() === "info" && infos.push(m.text())));
    return infos;
  };

  test("a blocked ChatKit script falls back to the built-in client at once, and it works", async ({ page }) => {
    let requested = 0;
    await page.route("**/cdn.platform.openai.com/**", (route) => {
      requested++;
      return route.abort();
    });
    await signUp(page, newCredentials("chat-fallback"));
    const timing = await recordFallback(page);
    const infos = consoleInfos(page);
    await page.goto("/chat?chatkitTimeout=1500");
    await expectFallback(page, infos, 1500 + 5000);
    expect(requested, "the page asked for ChatKit's script").toBeGreaterThan(0);
    const { scriptAt, errorAt, builtinAt } = await timing();
    console.log(`[measure] fallback, script blocked: ${(builtinAt! - scriptAt!).toFixed(0)} ms after the script was requested (${builtinAt!.toFixed(0)} ms from navigation start)`);
    // The script's error, not the timeout, brought the built-in client.
    expect(errorAt).toBeDefined();
    expect(builtinAt! - errorAt!).toBeLessThan(1000);
    await expect(composer(page)).toBeFocused();
    await say(page, "add call mum on friday");
    await expect(await lastAnswer(page)).toHaveText(/^Assistant: Added “Call mum” \(due/);
    await expect(openTasks(page).getByText("Call mum", { exact: true })).toBeVisible();
  });

  test("a ChatKit script that never arrives falls back when the timeout ends", async ({ page }) => {
    // The request hangs: only the timeout can decide.
    let requested = 0;
    await page.route("**/cdn.platform.openai.com/**", () => {
      requested++;
    });
    await signUp(page, newCredentials("chat-timeout"));
    const timing = await recordFallback(page);
    const infos = consoleInfos(page);
    await page.goto("/chat?chatkitTimeout=1500");
    await expect(page.getByTestId("chat-client-notice")).toHaveAttribute("data-client", "loading");
    await expectFallback(page, infos, 1500 + 5000);
    expect(requested).toBeGreaterThan(0);
    const { loadingAt, scriptAt, errorAt, builtinAt } = await timing();
    console.log(`[measure] fallback, script hanging, chatkitTimeout=1500: ${(builtinAt! - scriptAt!).toFixed(0)} ms after the script was requested`);
    expect(errorAt).toBeUndefined();
    // Not before the timeout (the wait starts after "Loading ChatKit…" shows), and not long after it.
    expect(builtinAt! - loadingAt!).toBeGreaterThanOrEqual(1500);
    expect(builtinAt! - scriptAt!).toBeLessThan(1500 + 1000);
    await expect(composer(page)).toBeEnabled();
  });

  test("ChatKit is wired to our endpoint, theme and task panel (a stand-in for the CDN's web component)", async ({ page }) => {
    // No machine here reaches OpenAI's CDN, so a minimal `openai-chatkit` element stands in for it:
    // it records the options the page gives it, and the test fires ChatKit's events from it.
    await page.route("**/cdn.platform.openai.com/**", (route) =>
      route.fulfill({
        contentType: "application/javascript",
        body: `customElements.define("openai-chatkit", class extends HTMLElement {
          setOptions(options) { window.__chatkit = { options, calls: (window.__chatkit?.calls ?? 0) + 1 }; }
          focusComposer() {} setThreadId() {} sendUserMessage() {} setComposerValue() {} fetchUpdates() {} sendCustomAction() {} showHistory() {} hideHistory() {}
        });`,
      }),
    );
    await signUp(page, newCredentials("chatkit"));
    await page.goto("/chat");
    await expect(page.getByTestId("chat-client-notice")).toHaveAttribute("data-client", "chatkit");
    await expect(page.getByTestId("chat-client-notice").getByRole("button", { name: "Use the simple chat" })).toBeVisible();
    type Seen = { options: { api: { url: string; domainKey: string }; theme: { colorScheme: string }; history: unknown; composer: unknown; startScreen: { prompts: Array<{ prompt: string }> } }; calls: number };
    const seen = () => page.evaluate(() => (window as unknown as { __chatkit?: Seen }).__chatkit);
    await expect.poll(async () => (await seen())?.options.api.url).toBe("/api/chat");
    const first = (await seen())!;
    expect(first.options.api.domainKey).toBe("domain_pk_localhost_dev");
    expect(first.options.history).toEqual({ enabled: true, showDelete: true, showRename: true });
    expect(first.options.composer).toMatchObject({ attachments: { enabled: false }, dictation: { enabled: false } });
    expect(first.options.startScreen.prompts[0]?.prompt).toBe("add buy milk tomorrow");
    expect(first.options.theme.colorScheme).toBe("light");

    // ChatKit's requests go through our fetch, with the session cookie.
    const listed = await page.evaluate(async () => {
      const { options } = (window as unknown as { __chatkit: { options: { api: { fetch: typeof fetch } } } }).__chatkit;
      const res = await options.api.fetch("/api/chat", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ type: "threads.list", params: {} }) });
      return { status: res.status, body: await res.json() };
    });
    expect(listed).toEqual({ status: 200, body: { data: [], has_more: false } });

    // The theme toggle reaches ChatKit.
    await page.getByRole("button", { name: "Switch to dark mode" }).click();
    await expect.poll(async () => (await seen())?.options.theme.colorScheme).toBe("dark");
    await page.getByRole("button", { name: "Switch to light mode" }).click();
    await expect.poll(async () => (await seen())?.options.theme.colorScheme).toBe("light");

    const fire = (name: string, detail?: unknown) =>
      page.evaluate(
        ([n, d]) => {
          const el = document.querySelector("openai-chatkit")!;
          el.dispatchEvent(new CustomEvent(n as string, { detail: n === "chatkit.error" ? { error: new Error(String(d)) } : d }));
        },
        [name, detail] as const,
      );
    // The end of a response reloads the task panel.
    const reloaded = page.waitForRequest((r) => r.url().includes("/api/tasks?") && r.method() === "GET");
    await fire("chatkit.response.end");
    await reloaded;
    // The open thread goes into the address.
    await fire("chatkit.thread.change", { threadId: "3f0c2d4e-5b6a-4c7d-8e9f-0a1b2c3d4e5f" });
    await expect(page).toHaveURL(/\/chat\?thread=3f0c2d4e-5b6a-4c7d-8e9f-0a1b2c3d4e5f$/);
    // Errors show on the page, with a way out.
    await fire("chatkit.error", "Domain verification failed");
    const alert = page.getByRole("alert").filter({ hasText: "ChatKit: Domain verification failed" });
    await expect(alert).toBeVisible();
    await alert.getByRole("button", { name: "Use the built-in client" }).click();
    await expect(page.getByTestId("chat-client-notice")).toHaveText("Switched to the simple chat.");
    await expect(composer(page)).toBeFocused();
  });
});
