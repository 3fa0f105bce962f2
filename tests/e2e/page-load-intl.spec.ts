import { expect, test, type Page } from "@playwright/test";
import { distinctClientIp, newCredentials, requireChromium, signUp } from "./helpers";

/**
 * A page load builds no Intl object. A browser's first Intl formatter or collator loads its
 * locale data: 30–260 ms of Chromium's main thread here, inside hydration's long tasks, which
 * was a large part of the pages' Lighthouse TBT (issue 15). Dates are spelled by lib/dates.ts,
 * the browser's zone and today come from Temporal, ISO strings are compared as strings.
 * Each page is loaded on a phone and on a desktop (where the chat also shows its conversation
 * list and task panel), and watched until the browser has been idle for a while.
 *
 * The same loads fetch no route ahead of a click: next/link prefetched every route it saw, and
 * processing those answers was a third of /tasks's blocking time (decision 26).
 */

requireChromium();

/** Counts every construction or call that builds locale data, with the first caller's stack. */
function recordIntl(page: Page) {
  return page.addInitScript(() => {
    const calls: string[] = [];
    (window as unknown as { __intl: string[] }).__intl = calls;
    const note = (what: string) => calls.push(`${what}\n${new Error().stack?.split("\n").slice(2, 6).join("\n")}`);
    for (const name of ["DateTimeFormat", "NumberFormat", "Collator", "PluralRules", "RelativeTimeFormat", "ListFormat", "Segmenter", "DisplayNames"] as const) {
      const original = (Intl as unknown as Record<string, unknown>)[name] as (new (...args: unknown[]) => object) | undefined;
      if (!original) continue;
      (Intl as unknown as Record<string, unknown>)[name] = new Proxy(original, {
        construct(target, args) {
          note(`new Intl.${name}`);
          return Reflect.construct(target, args);
        },
        apply(target, self, args) {
          note(`Intl.${name}()`);
          return Reflect.apply(target, self, args);
        },
      });
    }
    const wrap = (proto: object, method: string) => {
      const original = (proto as Record<string, (...args: unknown[]) => unknown>)[method]!;
      (proto as Record<string, unknown>)[method] = function (this: unknown, ...args: unknown[]) {
        note(method);
        return original.apply(this, args);
      };
    };
    wrap(String.prototype, "localeCompare");
    wrap(Number.prototype, "toLocaleString");
    for (const m of ["toLocaleString", "toLocaleDateString", "toLocaleTimeString"]) wrap(Date.prototype, m);
  });
}

/** Waits until the page has had no long task for 2 s (the idle-time work has run), then reads the calls. */
async function callsAfterLoad(page: Page): Promise<string[]> {
  await page.waitForLoadState("load");
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        let last = performance.now();
        new PerformanceObserver(() => (last = performance.now())).observe({ type: "longtask" });
        const check = () => (performance.now() - last > 2000 ? resolve() : setTimeout(check, 250));
        check();
      }),
  );
  return page.evaluate(() => (window as unknown as { __intl: string[] }).__intl);
}

const input = (text: string) => ({ content: [{ type: "input_text", text }], attachments: [], inference_options: {} });

test("the signed-in pages load without building an Intl formatter or collator, or fetching routes ahead of a click", async ({ browser }, info) => {
  test.setTimeout(180_000);
  const baseURL = info.project.use.baseURL!;
  const setup = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": distinctClientIp() } });
  const seed = await setup.newPage();
  await signUp(seed, newCredentials("intl-free"));
  const today = new Date().toISOString().slice(0, 10);
  for (const [i, dueDate] of [today, "2020-01-15", null, "2099-06-01"].entries()) {
    const res = await seed.request.post("/api/tasks", { data: { title: `Intl-free task ${i}`, dueDate } });
    expect(res.status()).toBe(201);
    if (i === 0) expect((await seed.request.patch(`/api/tasks/${(await res.json()).task.id}`, { data: { completed: true } })).status()).toBe(200);
  }
  const created = await seed.request.post("/api/chat", { data: { type: "threads.create", params: { input: input("what's left?") } }, headers: { origin: baseURL } });
  expect(created.status()).toBe(200);
  const threadId = /"thread":\{"id":"([^"]+)"/.exec(await created.text())![1];
  const storage = await setup.storageState();
  await setup.close();

  for (const viewport of [{ width: 390, height: 844 }, { width: 1440, height: 900 }]) {
    for (const path of ["/dashboard", "/tasks", "/upcoming", `/chat?thread=${threadId}`]) {
      const context = await browser.newContext({ storageState: storage, viewport, timezoneId: "Asia/Tokyo", extraHTTPHeaders: { "x-forwarded-for": distinctClientIp() } });
      // The zone cookie a first visit sets, so the page is rendered in the browser's zone. (A first
      // visit from another zone than the server's compares canonical zone names once, with Intl.)
      await context.addCookies([{ name: "tz", value: "Asia%2FTokyo", url: baseURL }]);
      const page = await context.newPage();
      await recordIntl(page);
      const routeFetches: string[] = [];
      page.on("request", (request) => {
        if (new URL(request.url()).searchParams.has("_rsc")) routeFetches.push(request.url());
      });
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 }).first()).toBeAttached();
      const calls = await callsAfterLoad(page);
      expect(calls, `${path} at ${viewport.width}px`).toEqual([]);
      expect(routeFetches, `routes fetched ahead of a click on ${path} at ${viewport.width}px`).toEqual([]);
      // The recorder sees what it should: a collator and a formatter built now are counted.
      const control = await page.evaluate(() => {
        void "a".localeCompare("b");
        void new Intl.DateTimeFormat("en-US").format(0);
        return (window as unknown as { __intl: string[] }).__intl.map((c) => c.split("\n")[0]);
      });
      expect(control).toEqual(["localeCompare", "new Intl.DateTimeFormat"]);
      // And the request recorder sees a route fetch: a click on a link is one.
      if (viewport.width > 1000) {
        await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: path === "/upcoming" ? "Tasks" : "Upcoming" }).click();
        await expect.poll(() => routeFetches.length).toBeGreaterThan(0);
      }
      await context.close();
    }
  }
});
