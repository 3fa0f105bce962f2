import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { distinctClientIp, newCredentials, requireChromium, signUp } from "./helpers";

/**
 * axe-core on every page a user reaches, light and dark, at 1280×800 and 390×844: no `serious`
 * or `critical` violation anywhere (issue 15). The chat is checked with a short thread and with
 * a confirmation card open. A failure lists every violation: rule, page, theme, size and target.
 */

requireChromium();

const expect = baseExpect.configure({ timeout: 20_000 });

const THEMES = ["light", "dark"] as const;
const SIZES = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "mobile", width: 390, height: 844 },
] as const;
type Theme = (typeof THEMES)[number];
type Size = (typeof SIZES)[number];

const TASK_TITLES = { open: "Water the plants", done: "Buy oat milk", later: "Call the bank" };

type Seeded = { storageState: Awaited<ReturnType<BrowserContext["storageState"]>>; ip: string; taskId: string; threadId: string };
let seeded: Seeded;

/** A context in the given theme and size: the saved choice (localStorage "theme") and the system setting agree. */
async function themedContext(browser: Browser, theme: Theme, size: Size, storageState?: Seeded["storageState"]): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: size.width, height: size.height },
    colorScheme: theme,
    storageState,
    isMobile: size.name === "mobile",
    hasTouch: size.name === "mobile",
  });
  await context.setExtraHTTPHeaders({ "x-forwarded-for": seeded?.ip ?? distinctClientIp() });
  await context.addInitScript((t) => localStorage.setItem("theme", t), theme);
  return context;
}

type Finding = { rule: string; impact: string; page: string; target: string; help: string };

async function axe(page: Page, label: string): Promise<Finding[]> {
  // Let transitions and lazy chunks settle: axe reads computed colours.
  await page.waitForLoadState("networkidle").catch(() => {});
  const results = await new AxeBuilder({ page }).analyze();
  const findings: Finding[] = [];
  for (const v of results.violations) {
    if (v.impact !== "serious" && v.impact !== "critical") continue;
    for (const node of v.nodes) findings.push({ rule: v.id, impact: v.impact, page: label, target: node.target.join(" "), help: `${v.help}: ${node.failureSummary?.split("\n").slice(1).join(" ").trim() ?? ""}` });
  }
  return findings;
}

function report(findings: Finding[]): string {
  return findings.map((f) => `  [${f.impact}] ${f.rule} on ${f.page}\n      target: ${f.target}\n      ${f.help}`).join("\n");
}

test.describe("axe-core: no serious or critical violations", () => {
  test.beforeAll(async ({ browser }) => {
    const ip = distinctClientIp();
    const context = await browser.newContext();
    await context.setExtraHTTPHeaders({ "x-forwarded-for": ip });
    const page = await context.newPage();
    const creds = newCredentials("a11y");
    await signUp(page, creds);

    // Tasks: open, due soon, overdue, and completed (their muted colours are what axe has caught before).
    const today = new Date();
    const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    let taskId = "";
    for (const [title, dueDate, priority] of [
      [TASK_TITLES.open, day(0), "high"],
      [TASK_TITLES.done, day(-2), "medium"],
      [TASK_TITLES.later, day(5), "low"],
      ["Renew passport", day(-3), "high"],
      ["Read a book", null, "low"],
    ] as const) {
      const res = await page.request.post("/api/tasks", { data: { title, dueDate, priority } });
      expect(res.status(), await res.text()).toBe(201);
      const { task } = (await res.json()) as { task: { id: string } };
      if (title === TASK_TITLES.done) expect((await page.request.patch(`/api/tasks/${task.id}`, { data: { completed: true } })).status()).toBe(200);
      if (title === TASK_TITLES.later) taskId = task.id;
    }

    // A short chat thread, through the real endpoint and the offline model.
    const chat = await page.request.post("/api/chat", { data: { type: "threads.create", params: { input: { content: [{ type: "input_text", text: "what's left?" }], attachments: [], inference_options: {} } } } });
    expect(chat.status()).toBe(200);
    const created = (await chat.text()).split("\n\n").map((f) => (f.startsWith("data: ") ? (JSON.parse(f.slice(6)) as { type: string; thread?: { id: string } }) : null)).find((e) => e?.type === "thread.created");
    const threadId = created!.thread!.id;
    const more = await page.request.post("/api/chat", { data: { type: "threads.add_user_message", params: { thread_id: threadId, input: { content: [{ type: "input_text", text: "add **buy bread** tomorrow" }], attachments: [], inference_options: {} } } } });
    expect(more.status()).toBe(200);

    // An API key, so /profile shows the key box and the client snippets.
    await page.goto("/profile");
    await page.getByLabel("Key name").fill("axe client");
    await page.getByRole("button", { name: "Create key" }).click();
    await expect(page.getByTestId("new-api-key")).toBeVisible();

    seeded = { storageState: await context.storageState(), ip, taskId, threadId };
    await context.close();
  });

  for (const theme of THEMES) {
    for (const size of SIZES) {
      test(`every page, ${theme}, ${size.name} ${size.width}×${size.height}`, async ({ browser }) => {
        test.setTimeout(360_000);
        const findings: Finding[] = [];
        const where = (path: string) => `${path} (${theme}, ${size.name})`;

        // Signed out.
        const guest = await themedContext(browser, theme, size);
        const gp = await guest.newPage();
        for (const path of ["/", "/sign-in", "/sign-up", "/forgot-password", "/reset-password?token=axe-check", "/no-such-page"]) {
          await gp.goto(path);
          await expect(gp.locator("main").first()).toBeVisible();
          findings.push(...(await axe(gp, where(path))));
        }
        await guest.close();

        // Signed in.
        const context = await themedContext(browser, theme, size, seeded.storageState);
        const page = await context.newPage();
        for (const path of ["/dashboard", "/tasks", "/tasks?status=completed", "/tasks/new", `/tasks/${seeded.taskId}/edit`, "/upcoming", "/lists", "/no-such-page"]) {
          await page.goto(path);
          await expect(page.locator("main").first()).toBeVisible();
          if (path === "/tasks") await expect(page.getByText(TASK_TITLES.open).first()).toBeVisible();
          findings.push(...(await axe(page, where(path))));
        }

        // The keyboard's dialogs (issue 16): quick add with its chips, the shortcut list, the palette.
        await page.goto("/tasks");
        await expect(page.getByText(TASK_TITLES.open).first()).toBeVisible();
        await page.locator("body").click({ position: { x: 1, y: 1 } });
        await page.keyboard.press("q");
        const quickAdd = page.getByRole("dialog", { name: "Quick add" });
        await expect(quickAdd).toBeVisible();
        await quickAdd.getByRole("textbox").first().fill("Pay rent every month on the 1st p1 @bills");
        await expect(quickAdd.getByText("Every month on the 1st")).toBeVisible({ timeout: 15_000 });
        findings.push(...(await axe(page, where("quick add with chips"))));
        await page.keyboard.press("Escape");
        await expect(quickAdd).toBeHidden();
        await page.keyboard.press("?");
        await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
        findings.push(...(await axe(page, where("keyboard shortcuts"))));
        await page.keyboard.press("Escape");
        await page.keyboard.press("Control+k");
        const palette = page.getByRole("dialog", { name: "Go to" });
        await expect(palette).toBeVisible();
        await palette.getByRole("combobox").fill("Renew");
        await expect(palette.getByRole("option", { name: /Renew passport/ })).toBeVisible({ timeout: 15_000 });
        findings.push(...(await axe(page, where("command palette"))));
        await page.keyboard.press("Escape");

        await page.goto("/profile");
        await page.getByLabel("Key name").fill(`axe ${theme} ${size.name}`);
        await page.getByRole("button", { name: "Create key" }).click();
        await expect(page.getByTestId("mcp-snippet").first()).toBeVisible();
        findings.push(...(await axe(page, where("/profile with a new key"))));

        await page.goto(`/chat?thread=${seeded.threadId}`);
        const composer = page.getByRole("textbox", { name: "Message" });
        await expect(composer).toBeEnabled({ timeout: 30_000 });
        await expect(page.getByTestId("chat-assistant-message").first()).toBeVisible();
        findings.push(...(await axe(page, where("/chat (a short thread)"))));

        await composer.fill(`delete ${TASK_TITLES.later.toLowerCase()}`);
        await composer.press("Enter");
        const card = page.getByTestId("chat-card").last();
        await expect(card).toBeVisible({ timeout: 30_000 });
        await expect(card.getByRole("button", { name: "Cancel" })).toBeEnabled();
        findings.push(...(await axe(page, where("/chat with a confirmation card open"))));
        await card.getByRole("button", { name: "Cancel" }).click();
        await context.close();

        expect(findings, `serious or critical axe violations:\n${report(findings)}`).toEqual([]);
      });
    }
  }
});
