/**
 * `npm run bench:markdown`: the time the chat's Markdown renderer (components/chat/markdown-rich.tsx)
 * spends on an assistant message of 8k, 16k and 32k characters while it streams in, on 32k of
 * plain prose, and on the adversarial inputs of tests/unit/chat-markdown.test.ts's "linear time"
 * block. Target (issue 15): under 50 ms for the whole 32k message, and linear in its length (a
 * flat ms-per-1k-chars column).
 *
 * Two replays of the same stream:
 * - In Node: what RichMarkdown does on a new `text` (split the message into pieces, then render
 *   only the pieces whose source changed), with react-dom/server rendering each changed piece
 *   through MarkdownPiece, so the same parse and the same React elements are built.
 * - In Chromium (bench/markdown-browser.ts), when it is installed: RichMarkdown itself, rendered
 *   by react-dom into a real DOM, one synchronous render per chunk. This also counts what only
 *   the browser does on each chunk (reconciling the unchanged pieces, committing to the DOM), and
 *   a second column adds the layout before each paint.
 *
 *   BENCH_MD_CHUNKS=16,256   characters per streamed chunk (16 ≈ one network read of a few tokens)
 *   BENCH_MD_RUNS=3          runs per figure (median)
 *   BENCH_MD_BROWSER=0       skip the Chromium replay
 * Run it with NODE_ENV=production (the npm script does): React's development build is several
 * times slower than what the browser runs.
 */
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { closeUnfinished, parsePiece, splitBlocks } from "../components/chat/markdown-parse";
import { Blocks, MarkdownPiece, RichMarkdown, soleParagraph, streamingSplit } from "../components/chat/markdown-rich";
import { benchMarkdownInBrowser, type BrowserMarkdownRow } from "./markdown-browser";
import { chromiumAvailable, CHROMIUM_PATH } from "./lib/browser";
import { replayStream, type StreamReplay } from "./lib/replay-stream";
import { median } from "./lib/stats";

const int = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
};

const LENGTHS = [8_000, 16_000, 32_000];
const TARGET_MS = 50;

/** The messages streamed: the sample at each length, and 32k of plain prose beside it. */
function benchMessages(): BenchMessage[] {
  return [
    ...LENGTHS.map((length) => ({ label: `${length / 1000}k chars`, length, text: sampleMessage(length) })),
    { label: "32k prose", length: 32_000, text: proseMessage(32_000) },
  ];
}

type BenchMessage = { label: string; length: number; text: string };

/** A long assistant answer as the model writes them: headings, lists, emphasis, code, links, a table. */
export function sampleMessage(length: number): string {
  const sections: string[] = [];
  for (let i = 1; sections.join("\n\n").length < length; i++) {
    sections.push(
      [
        `## Week ${i}: what is left`,
        `You have **${i + 3} open tasks** this week, and _two_ are overdue. The most urgent is \`Bench task ${i}\`, due ~~Monday~~ tomorrow; see [the task list](/tasks?status=open) or [the docs](https://example.com/docs/${i}).`,
        `- **Buy groceries**: milk, eggs, bread (due today)\n- Call the bank about card ${1000 + i}\n  - ask about the fee\n  - ask about the limit\n- Review pull request #${i * 7}`,
        `1. Water the plants\n2. Book the dentist for ${i} pm\n3. Read chapter ${i}`,
        `| task | due | priority |\n| --- | --- | --- |\n| Pay rent | in ${i} days | high |\n| Renew passport | next month | medium |`,
        "```ts\nconst overdue = tasks.filter((t) => !t.completed && t.due < today);\n```",
        `> Tip: say "mark everything due today as done" to complete them at once.`,
      ].join("\n\n"),
    );
  }
  return sections.join("\n\n").slice(0, length);
}

/**
 * An answer with no Markdown in it: paragraphs of plain sentences. Beside the sample, which has
 * markup in every sentence, it shows what streaming costs when there is little to parse: about as
 * many pieces (223 at 32k, against the sample's 218), with nothing in them to format.
 */
export function proseMessage(length: number): string {
  const paragraphs: string[] = [];
  for (let i = 1; paragraphs.join("\n\n").length < length; i++) {
    paragraphs.push(`Task ${i} is still open, and it is due in ${i % 9} days. You said you would finish it before the weekend, so it is near the top of the list for today.`);
  }
  return paragraphs.join("\n\n").slice(0, length);
}

const render = (text: string) => renderToStaticMarkup(createElement(RichMarkdown, { text }));
const renderPiece = (source: string) => renderToStaticMarkup(createElement(MarkdownPiece, { source }));

/**
 * Streams `message` in `chunk`-character steps; returns total milliseconds, the renders done, and
 * the slowest single step (what one update costs when the message is at its longest: the jank a
 * reader could feel).
 */
export function streamOnce(message: string, chunk: number): StreamReplay {
  let previousFinished: string[] = [];
  let previousTail: string | null = null;
  let previousHead: string | null = null;
  let headIsParagraph = false;
  return replayStream(message, chunk, (text) => {
    let renders = 0;
    const pieces = splitBlocks(text);
    // What RichMarkdown renders: the finished pieces in memoized groups, where a piece renders
    // once, when it joins one (or changes), and the last piece, its open syntax closed.
    const finished = pieces.slice(0, -1);
    for (let i = 0; i < finished.length; i++) {
      if (previousFinished[i] === finished[i]) continue; // memo hit: React skips this piece
      renderPiece(finished[i]!);
      renders++;
    }
    // The last piece, as RichMarkdown's StreamingTail renders it: a long paragraph's cut is
    // parsed only when it changes (the text since is a text node); any other piece, whole.
    const raw = pieces.at(-1);
    const split = raw === undefined ? null : streamingSplit(raw);
    if (!split) previousHead = null; // React unmounts the cut's memo
    if (split && split.head !== previousHead) {
      const blocks = parsePiece(split.head);
      headIsParagraph = soleParagraph(blocks) !== null;
      renderToStaticMarkup(createElement(Blocks, { blocks }));
      renders++;
      previousHead = split.head;
    }
    const tail = raw === undefined || (split && headIsParagraph) ? null : closeUnfinished(raw);
    if (tail !== null && tail !== previousTail) {
      renderPiece(tail);
      renders++;
    }
    // The answer ends: the chat renders a cut paragraph whole once more.
    if (text.length === message.length && split && headIsParagraph) {
      renderPiece(closeUnfinished(raw!));
      renders++;
    }
    previousFinished = finished;
    previousTail = tail;
    return renders;
  });
}

function timeMedian(runs: number, fn: () => number): number {
  fn(); // warm-up: the JIT and markdown-it's lazy tables
  return median(Array.from({ length: runs }, fn));
}

export type MarkdownBenchResult = {
  streamed: Array<{ label: string; chunk: number; length: number; ms: number; renders: number; msPer1k: number; slowestStepMs: number }>;
  full: Array<{ label: string; length: number; ms: number; msPer1k: number }>;
  adversarial: Array<{ unit: string; streamedMs: number; fullMs: number }>;
};

export function benchMarkdown(opts: { chunks: number[]; runs: number }): MarkdownBenchResult {
  const result: MarkdownBenchResult = { streamed: [], full: [], adversarial: [] };
  // One whole stream first, so the JIT's warm-up is not billed to whichever row comes first (it
  // made the 8k row cost three times the 32k row per character).
  for (const chunk of opts.chunks) streamOnce(sampleMessage(LENGTHS.at(-1)!), chunk);
  for (const { label, length, text: message } of benchMessages()) {
    const full = timeMedian(opts.runs, () => {
      const t = performance.now();
      render(message);
      return performance.now() - t;
    });
    result.full.push({ label, length, ms: full, msPer1k: full / (length / 1000) });
    for (const chunk of opts.chunks) {
      let renders = 0;
      const slowest: number[] = [];
      const ms = timeMedian(opts.runs, () => {
        const r = streamOnce(message, chunk);
        renders = r.renders;
        slowest.push(r.slowestStepMs);
        return r.ms;
      });
      // The warm-up run's slowest step includes the JIT's first compile; it is left out.
      result.streamed.push({ label, chunk, length, ms, renders, msPer1k: ms / (length / 1000), slowestStepMs: median(slowest.slice(1)) });
    }
  }
  // tests/unit/chat-markdown.test.ts, "linear time": 32k characters of each unit.
  for (const unit of ["*a ", "[", "**a", "`", "_a", "![", "> ", "- "]) {
    const text = unit.repeat(Math.ceil(32_000 / unit.length)).slice(0, 32_000);
    const fullMs = timeMedian(Math.min(3, opts.runs), () => {
      const t = performance.now();
      render(text);
      return performance.now() - t;
    });
    // One run: quadratic cases take tens of seconds each, and one run already shows it.
    const streamedMs = streamOnce(text, Math.max(...opts.chunks)).ms;
    result.adversarial.push({ unit, streamedMs, fullMs });
  }
  return result;
}

const f = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));

export function markdownTables(r: MarkdownBenchResult, runs: number): string {
  const lines = [
    `Chat Markdown (components/chat/markdown-rich.tsx), medians of ${runs} runs, NODE_ENV=${process.env.NODE_ENV ?? "unset"}, load average ${os.loadavg().map((x) => x.toFixed(1)).join(" ")} on ${os.cpus().length} CPUs (wall-clock times: a loaded machine inflates them).`,
    `Target: the whole 32k message under ${TARGET_MS} ms while streaming, linear in length (a flat "per 1k chars" column).`,
    "",
  ];
  lines.push(
    "| message | chunk | renders | streamed total | per 1k chars | slowest update | full render (history) | per 1k chars | 32k < 50 ms |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  );
  for (const s of r.streamed) {
    const full = r.full.find((x) => x.label === s.label)!;
    const verdict = s.length === 32_000 ? (s.ms < TARGET_MS ? "✅" : "❌") : "";
    lines.push(`| ${s.label} | ${s.chunk} | ${s.renders} | ${f(s.ms)} ms | ${f(s.msPer1k)} ms | ${f(s.slowestStepMs)} ms | ${f(full.ms)} ms | ${f(full.msPer1k)} ms | ${verdict} |`);
  }
  lines.push("", `Adversarial inputs (32k characters of one unit; streamed in ${Math.max(...r.streamed.map((s) => s.chunk))}-character chunks):`, "", "| unit | streamed total | full render |", "| --- | --- | --- |");
  for (const a of r.adversarial) lines.push(`| ${JSON.stringify(a.unit)} | ${f(a.streamedMs)} ms | ${f(a.fullMs)} ms |`);
  return lines.join("\n");
}

export function browserMarkdownTable(rows: BrowserMarkdownRow[], runs: number): string {
  const lines = [
    `In Chromium (${CHROMIUM_PATH}): RichMarkdown rendered by react-dom into the DOM, one synchronous render per chunk, medians of ${runs} runs.`,
    "",
    "| message | chunk | renders | streamed total | per 1k chars | slowest update | with layout | elements | 32k < 50 ms |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const r of rows) {
    const verdict = r.length === 32_000 ? (r.ms < TARGET_MS ? "✅" : "❌") : "";
    lines.push(`| ${r.label} | ${r.chunk} | ${r.renders} | ${f(r.ms)} ms | ${f(r.ms / (r.length / 1000))} ms | ${f(r.slowestStepMs)} ms | ${f(r.layoutMs)} ms | ${r.elements} | ${verdict} |`);
  }
  return lines.join("\n");
}

export function markdownOptionsFromEnv() {
  return {
    chunks: (process.env.BENCH_MD_CHUNKS ?? "16,256").split(",").map(Number).filter((n) => n > 0),
    runs: int(process.env.BENCH_MD_RUNS, 3),
    browser: process.env.BENCH_MD_BROWSER !== "0",
  };
}

/** The Chromium table, or why there is none. */
export async function browserMarkdownSection(opts: { chunks: number[]; runs: number; browser: boolean }): Promise<string> {
  if (!opts.browser) return "In Chromium: skipped (BENCH_MD_BROWSER=0).";
  if (!chromiumAvailable()) return `In Chromium: skipped, ${CHROMIUM_PATH} is not installed (apt-get install -y chromium).`;
  return browserMarkdownTable(await benchMarkdownInBrowser({ messages: benchMessages(), chunks: opts.chunks, runs: opts.runs }), opts.runs);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(process.cwd(), "bench", "markdown.ts")) {
  const opts = markdownOptionsFromEnv();
  if (process.env.NODE_ENV !== "production") console.warn("note: NODE_ENV is not production, so React's slower development build is measured");
  console.log(markdownTables(benchMarkdown(opts), opts.runs));
  console.log("");
  console.log(await browserMarkdownSection(opts));
}
