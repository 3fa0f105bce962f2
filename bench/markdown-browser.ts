/**
 * The chat's Markdown streaming replay in Chromium: RichMarkdown rendered by react-dom into a real
 * DOM, one synchronous render per chunk (bench/markdown-browser/harness.tsx). Where
 * bench/markdown.ts renders each changed piece with react-dom/server in Node, this also counts
 * what only the browser does on every chunk: reconciling the message's unchanged pieces and
 * committing the changed one to the DOM. The "with layout" column adds the layout the browser
 * needs before it can paint each update.
 */
import { build } from "esbuild";
import { launch } from "./lib/browser";
import type { BrowserStreamResult } from "./markdown-browser/harness";
import { median } from "./lib/stats";

export type BrowserMarkdownRow = { label: string; length: number; chunk: number; renders: number; ms: number; layoutMs: number; slowestStepMs: number; elements: number };

async function bundleHarness(): Promise<string> {
  const out = await build({
    entryPoints: [new URL("./markdown-browser/harness.tsx", import.meta.url).pathname],
    bundle: true,
    write: false,
    minify: true,
    format: "iife",
    platform: "browser",
    jsx: "automatic",
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "silent",
  });
  return out.outputFiles[0]!.text;
}

export async function benchMarkdownInBrowser(opts: { messages: Array<{ label: string; length: number; text: string }>; chunks: number[]; runs: number }): Promise<BrowserMarkdownRow[]> {
  const script = await bundleHarness();
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.setContent("<!doctype html><html><body></body></html>");
    await page.addScriptTag({ content: script });
    const run = (text: string, chunk: number, layout: boolean) =>
      page.evaluate(([t, c, l]) => window.markdownStream(t, c, l), [text, chunk, layout] as const) as Promise<BrowserStreamResult>;
    const longest = opts.messages.reduce((a, b) => (b.length > a.length ? b : a)).text;
    for (const chunk of opts.chunks) await run(longest, chunk, true); // warm-up: the JIT
    const rows: BrowserMarkdownRow[] = [];
    for (const { label, length, text } of opts.messages) {
      for (const chunk of opts.chunks) {
        const plain: BrowserStreamResult[] = [];
        const laidOut: BrowserStreamResult[] = [];
        for (let i = 0; i < opts.runs; i++) {
          plain.push(await run(text, chunk, false));
          laidOut.push(await run(text, chunk, true));
        }
        rows.push({
          label,
          length,
          chunk,
          renders: plain[0]!.renders,
          ms: median(plain.map((r) => r.ms)),
          layoutMs: median(laidOut.map((r) => r.ms)),
          slowestStepMs: median(plain.map((r) => r.slowestStepMs)),
          elements: plain[0]!.elements,
        });
      }
    }
    return rows;
  } finally {
    await browser.close();
  }
}
