import { expect as baseExpect, test, type APIRequestContext, type Page } from "@playwright/test";
import { distinctClientIp, newCredentials, requireChromium, signUp } from "./helpers";

/**
 * Opening a long conversation: its newest page is in the server's HTML (formatted), the page
 * shows it without a spinner, scrolled to the newest message, with no layout shift on a phone,
 * and the DOM stays small. A thread that is not yours is "not found", and nothing of it is sent.
 */

requireChromium();

const expect = baseExpect.configure({ timeout: 15_000 });

const TURNS = 30;

/** The offline model's turns, alternating adds with lists (Markdown lists in the answers). */
const turnText = (i: number) => (i % 3 === 1 ? "what's left?" : `add errand number ${i + 1} tomorrow`);

/** Posts one ChatKit streaming request and reads the stream to its end; returns the events. */
async function post(request: APIRequestContext, baseURL: string, body: unknown): Promise<Array<{ type: string; thread?: { id: string } }>> {
  const res = await request.post("/api/chat", { data: body, headers: { origin: baseURL } });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.text())
    .split("\n\n")
    .filter((f) => f.startsWith("data: "))
    .map((f) => JSON.parse(f.slice(6)));
}

const input = (text: string) => ({ content: [{ type: "input_text", text }], attachments: [], inference_options: {} });

/** A thread of `turns` exchanges, through the real chat endpoint. */
async function seedThread(page: Page, baseURL: string, turns: number): Promise<string> {
  const first = await post(page.request, baseURL, { type: "threads.create", params: { input: input(turnText(0)) } });
  const id = first.find((e) => e.type === "thread.created")!.thread!.id;
  for (let i = 1; i < turns; i++) await post(page.request, baseURL, { type: "threads.add_user_message", params: { thread_id: id, input: input(turnText(i)) } });
  return id;
}

/** Records layout shifts (not caused by input) and whether a loading spinner for the conversation ever appeared. */
async function recordLoad(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __load: { cls: number; shifts: number; spinner: boolean; longTasks: number } };
    w.__load = { cls: 0, shifts: 0, spinner: false, longTasks: 0 };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) {
        if (e.hadRecentInput) continue;
        w.__load.cls += e.value;
        w.__load.shifts++;
      }
    }).observe({ type: "layout-shift", buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__load.longTasks += e.duration;
    }).observe({ type: "longtask", buffered: true });
    new MutationObserver(() => {
      if (document.body?.textContent?.includes("Loading the conversation")) w.__load.spinner = true;
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { __load: { cls: number; shifts: number; spinner: boolean; longTasks: number } }).__load);
}

test.describe("a long conversation loads light", () => {
  test.describe.configure({ mode: "serial" });
  let threadId = "";
  let baseURL = "";
  let storage: Awaited<ReturnType<import("@playwright/test").BrowserContext["storageState"]>>;

  test.beforeAll(async ({ browser }, info) => {
    test.setTimeout(240_000);
    baseURL = info.project.use.baseURL!;
    const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": distinctClientIp() } });
    const page = await context.newPage();
    await signUp(page, newCredentials("chat-load"));
    threadId = await seedThread(page, baseURL, TURNS);
    storage = await context.storageState();
    await context.close();
  });

  test("the newest page of history is in the server's HTML, formatted, without a spinner", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storage, extraHTTPHeaders: { "x-forwarded-for": distinctClientIp() } });
    const res = await context.request.get(`/chat?thread=${threadId}`);
    expect(res.status()).toBe(200);
    const html = await res.text();
    // The last turn's message and answer are there, and older ones beyond the first page are not.
    expect(html).toContain(`You: </span>${turnText(TURNS - 1)}`);
    expect(html).toContain('data-testid="chat-assistant-message"');
    // Answers are already Markdown: a "what's left?" answer is a list, not plain text.
    expect(html).toMatch(/data-testid="chat-assistant-message"[^]*?<(ol|ul) /);
    expect(html).not.toContain("Loading the conversation");
    expect(html).not.toContain("Loading the chat");
    // In the page itself, not in a Suspense segment streamed after it into a hidden <div> (such a
    // segment is only shown by a script, and was first laid out inside React's hydration).
    const newest = html.indexOf(`You: </span>${turnText(TURNS - 1)}`);
    const hiddenSegment = html.search(/<div hidden id="S:\d+"/);
    expect(hiddenSegment === -1 || newest < hiddenSegment, "the history is outside any streamed, hidden segment").toBe(true);
    await context.close();
  });

  test("on a phone: no spinner, no layout shift, scrolled to the newest, a bounded DOM", async ({ browser }) => {
    const context = await browser.newContext({
      storageState: storage,
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 3,
      isMobile: true,
      hasTouch: true,
      extraHTTPHeaders: { "x-forwarded-for": distinctClientIp() },
    });
    const page = await context.newPage();
    // No machine here reaches OpenAI's CDN: fail fast, as a blocked script would.
    await page.route("**/cdn.platform.openai.com/**", (route) => route.abort());
    const load = await recordLoad(page);
    const started = Date.now();
    await page.goto(`/chat?thread=${threadId}`);
    const composer = page.getByRole("textbox", { name: "Message" });
    await expect(composer).toBeEnabled();
    const last = page.getByTestId("chat-user-message").last();
    await expect(last).toHaveText(`You: ${turnText(TURNS - 1)}`);
    await expect(last).toBeInViewport();
    // Let late work (the Markdown chunk, the task panel, the thread list) land before measuring.
    await page.waitForTimeout(2500);
    const scroller = page.getByTestId("chat-scroller");
    const gap = await scroller.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
    expect(gap, "scrolled to the newest message").toBeLessThan(4);
    await expect(page.getByTestId("chat-assistant-message").last()).toBeInViewport();

    const seen = await load();
    const dom = await page.evaluate(() => document.getElementsByTagName("*").length);
    const items = await page.locator("[data-item-id]").count();
    console.log(
      `[measure] /chat?thread (${TURNS} turns, 390×844): CLS ${seen.cls.toFixed(4)} (${seen.shifts} shifts), ${dom} DOM elements, ${items} items rendered, long tasks ${seen.longTasks.toFixed(0)} ms, ready in ${Date.now() - started} ms`,
    );
    expect(seen.spinner, "no loading spinner for the conversation").toBe(false);
    expect(seen.cls).toBeLessThanOrEqual(0.02);
    expect(dom).toBeLessThan(1200);
    // The asides beside the chat are hidden on a phone, and so never built; their drawers build them.
    expect(await page.locator('aside[aria-label="Tasks"] *, aside[aria-label="Conversations"] *').count()).toBe(0);
    // The chat fills the window: the page itself does not scroll.
    expect(await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight)).toBeLessThanOrEqual(0);
    // Older messages page in on the way up, a page at a time, until the first one.
    const firstShown = page.getByTestId("chat-user-message").first();
    await expect
      .poll(
        async () => {
          await scroller.evaluate((el) => el.scrollTo(0, 0));
          return (await firstShown.textContent())?.replace(/\s+/g, " ").trim();
        },
        { timeout: 20_000 },
      )
      .toBe(`You: ${turnText(0)}`);
    await context.close();
  });

  test("the chat fills the window, and the next page, reached without a reload, scrolls as usual", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storage, viewport: { width: 1280, height: 800 }, extraHTTPHeaders: { "x-forwarded-for": distinctClientIp() } });
    const page = await context.newPage();
    await page.route("**/cdn.platform.openai.com/**", (route) => route.abort());
    const main = page.locator("main#main");
    const pageOverflow = () => page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
    await page.goto(`/chat?thread=${threadId}`);
    await expect(page.getByRole("textbox", { name: "Message" })).toBeInViewport();
    expect(await pageOverflow()).toBeLessThanOrEqual(0);
    expect(await main.evaluate((el) => getComputedStyle(el).paddingTop)).toBe("8px");

    await page.getByRole("link", { name: "Dashboard" }).first().click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    // The shell lets the page grow again: the dashboard's own spacing, no fixed height.
    expect(await main.evaluate((el) => getComputedStyle(el).paddingTop)).toBe("24px");
    await page.setViewportSize({ width: 1280, height: 300 });
    await expect.poll(pageOverflow).toBeGreaterThan(0);

    await page.goBack();
    await expect(page).toHaveURL(/\/chat\?thread=/);
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect(page.getByRole("textbox", { name: "Message" })).toBeInViewport();
    await expect.poll(pageOverflow).toBeLessThanOrEqual(0);
    await context.close();
  });

  test("another user's thread is not found, and none of it is in the HTML", async ({ browser }) => {
    const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": distinctClientIp() } });
    const page = await context.newPage();
    await page.route("**/cdn.platform.openai.com/**", (route) => route.abort());
    await signUp(page, newCredentials("chat-load-other"));
    const res = await page.request.get(`/chat?thread=${threadId}`);
    expect(res.status()).toBe(200);
    const html = await res.text();
    expect(html).not.toContain("errand number");
    await page.goto(`/chat?thread=${threadId}`);
    await expect(page.getByText("This conversation doesn't exist any more.")).toBeVisible();
    await expect(page.getByTestId("chat-user-message")).toHaveCount(0);
    await context.close();
  });
});
