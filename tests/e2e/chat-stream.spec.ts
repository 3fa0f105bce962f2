import { expect as baseExpect, test, type Page } from "@playwright/test";
import { FakeOpenAI } from "../helpers/fake-openai";
import { ChatServer } from "./chat-server";
import { distinctClientIp, newCredentials, requireChromium, signUp } from "./helpers";

/**
 * A long answer streaming into the built-in chat client, from the real Agents SDK runner talking
 * to a loopback stand-in for the OpenAI API (tests/helpers/fake-openai.ts): the server, its
 * ChatKit stream and the browser's renderer are the app's own. One paragraph of 5,000 characters
 * is longer than the renderer parses whole while it streams (RichMarkdown's tailCut): the text
 * must keep arriving on screen, and the finished answer must be formatted in full.
 */

requireChromium();

const expect = baseExpect.configure({ timeout: 20_000 });

const PORT = Number(process.env.E2E_PORT ?? 3100) + 11;
const DIST_DIR = `${process.env.NEXT_DIST_DIR || ".next"}-builtin`;

const STEPS = 150;
const LONG_PARAGRAPH = "Here is the plan: " + Array.from({ length: STEPS }, (_, i) => `**step ${i + 1}** then [list](/tasks) and`).join(" ") + " done.";

const composer = (page: Page) => page.getByRole("textbox", { name: "Message" });
const answer = (page: Page) => page.getByTestId("chat-assistant-message").last();

test.describe("a long answer streaming in", () => {
  test.describe.configure({ mode: "serial" });
  test.use({ baseURL: `http://localhost:${PORT}` });

  let fake: FakeOpenAI;
  let server: ChatServer;

  test.beforeAll(async () => {
    test.setTimeout(900_000);
    fake = await FakeOpenAI.start((body: { stream?: boolean }) => (body.stream ? { text: LONG_PARAGRAPH, delayMs: 2 } : { text: "The plan" }));
    server = new ChatServer({
      port: PORT,
      distDir: DIST_DIR,
      env: { NEXT_PUBLIC_CHAT_UI: "builtin" },
      runtimeEnv: { OPENAI_API_KEY: "test", OPENAI_BASE_URL: fake.baseURL, AGENT_API: "responses", AGENT_TRACING: "0", CHAT_RATE_LIMIT: "1000" },
    });
    const { built, ms } = await server.build();
    console.log(`[chat-stream] ${built ? `built ${DIST_DIR} in ${(ms / 1000).toFixed(0)} s` : `reused the build in ${DIST_DIR}`}`);
    await server.start();
  });

  test.afterAll(async () => {
    await server?.dispose();
    await fake?.close();
  });

  test("one 5,000-character paragraph shows as it streams and is formatted in full once done", async ({ page, context }) => {
    expect(LONG_PARAGRAPH.length).toBeGreaterThan(4_500);
    await context.setExtraHTTPHeaders({ "x-forwarded-for": distinctClientIp() });
    await page.route("**/cdn.platform.openai.com/**", (route) => route.abort());
    await signUp(page, newCredentials("stream"));
    await page.goto("/chat");
    await expect(composer(page)).toBeEditable();

    // Every change to the page while the answer streams: the longest answer seen on screen then,
    // and whether it showed a step from past the cut (the text after a cut is shown as it came).
    await page.evaluate(() => {
      const seen = { longest: 0, lateStep: false, shownAsTyped: false };
      (window as unknown as { __streamSeen: typeof seen }).__streamSeen = seen;
      new MutationObserver(() => {
        const live = document.querySelector('[data-testid="chat-assistant-message"][data-streaming="true"]');
        const text = live?.textContent ?? "";
        seen.longest = Math.max(seen.longest, text.length);
        if (text.includes("step 140")) seen.lateStep = true;
        // The text after a cut (components/chat/markdown-rich.tsx, LongTail).
        if (live?.querySelector("p > span.whitespace-pre-line")) seen.shownAsTyped = true;
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await composer(page).fill("plan my week");
    await composer(page).press("Enter");

    await expect(page.getByRole("button", { name: "Stop" })).toHaveCount(0, { timeout: 60_000 });
    await expect(answer(page)).not.toHaveAttribute("data-streaming", "true");
    const seen = await page.evaluate(() => (window as unknown as { __streamSeen: { longest: number; lateStep: boolean; shownAsTyped: boolean } }).__streamSeen);
    expect(seen.lateStep, "a step written after the 4,500th character showed while the answer streamed").toBe(true);
    expect(seen.shownAsTyped, "the paragraph was split at a cut while it streamed").toBe(true);
    await expect(answer(page).locator("span.whitespace-pre-line")).toHaveCount(0);
    expect(seen.longest).toBeGreaterThan(3_000);
    const text = (await answer(page).textContent())!;
    expect(text).toContain("Here is the plan: step 1 then list and");
    expect(text).toContain(`step ${STEPS} then list and done.`);
    expect(text).not.toMatch(/\*\*|\]\(/);
    await expect(answer(page).locator("strong")).toHaveCount(STEPS);
    await expect(answer(page).locator('a[href="/tasks"]')).toHaveCount(STEPS);
    await expect(answer(page).locator("p")).toHaveCount(1);
  });
});
