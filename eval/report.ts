import type { ScenarioResult } from "./conversation";
import { noUsage, type Usage } from "./usage";

/** The figures of a run, and the text `npm run eval` prints. */

export type CategoryScore = { category: string; passed: number; total: number; accuracy: number };
export type Summary = {
  passed: number;
  total: number;
  accuracy: number;
  byCategory: CategoryScore[];
  latencyMs: { p50: number | null; p95: number | null; turns: number };
  /** Null when the provider reported no usage (the offline model uses no tokens). */
  tokens: Usage | null;
};

const pct = (passed: number, total: number) => (total ? (100 * passed) / total : 0);

/** Nearest-rank percentile. */
export function percentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function summarize(results: ScenarioResult[]): Summary {
  const categories = [...new Set(results.map((r) => r.category))].sort();
  const byCategory = categories.map((category) => {
    const rs = results.filter((r) => r.category === category);
    const passed = rs.filter((r) => r.passed).length;
    return { category, passed, total: rs.length, accuracy: pct(passed, rs.length) };
  });
  const passed = results.filter((r) => r.passed).length;
  // Button presses that found no card were never sent, so they are not turns.
  const ms = results.flatMap((r) => r.turns.filter((t) => t.status !== 0).map((t) => t.ms));
  const tokens = results.reduce((sum, r) => {
    sum.requests += r.usage.requests;
    sum.inputTokens += r.usage.inputTokens;
    sum.outputTokens += r.usage.outputTokens;
    sum.totalTokens += r.usage.totalTokens;
    return sum;
  }, noUsage());
  return {
    passed,
    total: results.length,
    accuracy: pct(passed, results.length),
    byCategory,
    latencyMs: { p50: percentile(ms, 50), p95: percentile(ms, 95), turns: ms.length },
    tokens: tokens.totalTokens > 0 ? tokens : null,
  };
}

const fmtPct = (n: number) => `${n.toFixed(1)}%`;
const fmtMs = (n: number | null) => (n === null ? "n/a" : `${Math.round(n)} ms`);
const clip = (s: string, n = 160) => {
  const one = s.replace(/\s*\n\s*/g, " ⏎ ");
  return one.length > n ? `${one.slice(0, n)}…` : one;
};

export function categoryTable(summary: Summary): string {
  const width = Math.max(8, ...summary.byCategory.map((c) => c.category.length));
  const row = (name: string, passed: number, total: number, accuracy: number) =>
    `| ${name.padEnd(width)} | ${String(passed).padStart(6)} | ${String(total).padStart(5)} | ${fmtPct(accuracy).padStart(8)} |`;
  return [
    `| ${"category".padEnd(width)} | passed | total | accuracy |`,
    `| ${"-".repeat(width)} | -----: | ----: | -------: |`,
    ...summary.byCategory.map((c) => row(c.category, c.passed, c.total, c.accuracy)),
    row("overall", summary.passed, summary.total, summary.accuracy),
  ].join("\n");
}

export function failureReport(results: ScenarioResult[]): string {
  const failed = results.filter((r) => !r.passed);
  if (!failed.length) return "No failures.";
  const blocks = failed.map((r) => {
    const said = r.turns.map((t) => `    > ${clip(t.said, 120)}\n      ${clip(t.reply || "(no reply)")}`);
    const notes = r.notes.map((n) => `    note: ${n}`);
    return [`✗ ${r.id} [${r.category}]`, ...said, ...r.differences.map((d) => `    - ${d}`), ...notes].join("\n");
  });
  return `Failures (${failed.length}):\n\n${blocks.join("\n\n")}`;
}

export function tokenLine(summary: Summary, offline: boolean): string {
  if (!summary.tokens) return `tokens: n/a (${offline ? "the offline model uses none" : "the provider reported no usage"})`;
  const t = summary.tokens;
  return `tokens: ${t.inputTokens} input, ${t.outputTokens} output, ${t.totalTokens} total over ${t.requests} model calls`;
}

export function latencyLine(summary: Summary): string {
  const l = summary.latencyMs;
  return `latency per turn: p50 ${fmtMs(l.p50)}, p95 ${fmtMs(l.p95)} (${l.turns} turns)`;
}
