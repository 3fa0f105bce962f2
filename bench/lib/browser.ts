import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { chromium, type Browser } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../../tests/helpers/chromium";

/** Page loads in headless Chromium: time to interactive and the JavaScript a page loads. */

export { CHROMIUM_PATH } from "../../tests/helpers/chromium";

export function chromiumAvailable(): boolean {
  return fs.existsSync(CHROMIUM_PATH);
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** Page-side conditions, evaluated from navigation start; `hydrated` means React has attached its props. */
export const READY = {
  /** The chat composer's textarea exists, is enabled, and React handles it. */
  chat: `(() => { const t = document.querySelector("form textarea"); return !!t && !t.disabled && Object.keys(t).some((k) => k.startsWith("__reactProps$")); })()`,
  /** The task list's search box exists and React handles it. */
  tasks: `(() => { const i = document.querySelector('input[type="search"]'); return !!i && !i.disabled && Object.keys(i).some((k) => k.startsWith("__reactProps$")); })()`,
  /** The bare baseline page is parsed. */
  baseline: `!!document.getElementById("baseline")`,
};

/** Records performance.now() (ms since navigation start) the first time `condition` holds. */
function initScript(condition: string): string {
  return `(() => {
    const check = () => { try { return ${condition}; } catch { return false; } };
    const done = () => { if (window.__benchReady === undefined && check()) { window.__benchReady = performance.now(); stop(); } };
    let timer = 0, observer = null;
    const stop = () => { clearInterval(timer); observer && observer.disconnect(); };
    timer = setInterval(done, 4);
    const observe = () => { observer = new MutationObserver(done); observer.observe(document, { subtree: true, childList: true, attributes: true }); };
    observe();
  })();`;
}

export type PageLoad = {
  /** navigation start → ready condition, ms */
  tti: number;
  /** navigation start → load event end, ms */
  load: number;
  jsFiles: number;
  /** compressed bytes on the wire (encodedBodySize) of same-origin JS */
  jsTransferBytes: number;
  /** uncompressed bytes of the same files */
  jsDecodedBytes: number;
  jsPaths: string[];
  documentBytes: number;
  /** navigation start → first byte of the document (server render), ms */
  documentTtfb: number;
  /** navigation start → the last same-origin script has arrived, ms */
  scriptsLoaded: number;
  /** CPU seconds of the renderer's main thread from navigation to ready (Chromium's ThreadTime), ms */
  mainThreadCpu: number;
  /** Which chat client was showing (data-client of the notice), on /chat. */
  chatClient: string | null;
};

/**
 * Loads `url` `times` times in one fresh context (empty cache), signed in with `cookie` when
 * given: the first load is cold, the others find the JavaScript in the HTTP cache.
 */
export async function loadPage(browser: Browser, url: string, condition: string, cookie?: { name: string; value: string }, times = 1, timeoutMs = 30_000): Promise<PageLoad[]> {
  const context = await browser.newContext();
  try {
    if (cookie) {
      const { hostname } = new URL(url);
      await context.addCookies([{ name: cookie.name, value: cookie.value, domain: hostname, path: "/", httpOnly: true, sameSite: "Lax" }]);
    }
    const page = await context.newPage();
    await page.addInitScript(initScript(condition));
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable", { timeDomain: "threadTicks" });
    const cpu = async () => ((await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "ThreadTime")?.value ?? NaN) * 1000;
    const out: PageLoad[] = [];
    for (let i = 0; i < times; i++) {
      const cpuBefore = await cpu();
      await page.goto(url, { waitUntil: "commit", timeout: timeoutMs });
      await page.waitForFunction(() => (window as unknown as { __benchReady?: number }).__benchReady !== undefined, undefined, { timeout: timeoutMs, polling: 20 });
      const mainThreadCpu = (await cpu()) - cpuBefore;
      // The sizes are read once the page has loaded (a script that never answers must not hold the figure up).
      await page.waitForLoadState("load", { timeout: 10_000 }).catch(() => {});
      const measured = await page.evaluate(() => {
        const origin = location.origin;
        const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
        const js = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).filter((r) => r.name.startsWith(origin) && /\.js(\?|$)/.test(new URL(r.name).pathname));
        return {
          tti: (window as unknown as { __benchReady: number }).__benchReady,
          load: nav.loadEventEnd,
          jsFiles: js.length,
          jsTransferBytes: js.reduce((s, r) => s + r.encodedBodySize, 0),
          jsDecodedBytes: js.reduce((s, r) => s + r.decodedBodySize, 0),
          jsPaths: js.map((r) => new URL(r.name).pathname),
          documentBytes: nav.decodedBodySize,
          documentTtfb: nav.responseStart,
          scriptsLoaded: Math.max(0, ...js.map((r) => r.responseEnd)),
          chatClient: document.querySelector("[data-testid=chat-client-notice]")?.getAttribute("data-client") ?? null,
        };
      });
      out.push({ ...measured, mainThreadCpu });
    }
    return out;
  } finally {
    await context.close();
  }
}

/** Raw and gzip sizes on disk (from the build) of the /_next/static files a page loaded. */
export function buildSizes(distDir: string, paths: string[]): { files: number; rawBytes: number; gzipBytes: number } {
  let rawBytes = 0;
  let gzipBytes = 0;
  let files = 0;
  for (const p of new Set(paths)) {
    const m = /^\/_next\/(static\/.+)$/.exec(p);
    if (!m) continue;
    const file = path.join(distDir, decodeURIComponent(m[1]!));
    if (!fs.existsSync(file)) continue;
    const data = fs.readFileSync(file);
    files++;
    rawBytes += data.byteLength;
    gzipBytes += zlib.gzipSync(data).byteLength;
  }
  return { files, rawBytes, gzipBytes };
}
