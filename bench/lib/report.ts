import type { Dist } from "./stats";

/** One line of a database's table: a figure, its baseline, their ratio, and the bar it answers to. */
export type Row = {
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
  bar: string;
  /** null: no bar for this figure. */
  pass: boolean | null;
};

export const ms = (x: number) => (Number.isFinite(x) ? `${x < 10 ? x.toFixed(2) : x.toFixed(1)}` : "–");
export const dists = (d: Dist) => `${ms(d.p50)} / ${ms(d.p95)} / ${ms(d.p99)}`;
export const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : "–");
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

export function table(title: string, rows: Row[]): string {
  const lines = [
    `### ${title}`,
    "",
    "| figure | value | baseline | ratio | bar (§8) | pass |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows.map((r) => `| ${r.figure} | ${r.value} | ${r.baseline} | ${r.ratio} | ${r.bar} | ${r.pass === null ? "—" : r.pass ? "PASS" : "**FAIL**"} |`),
  ];
  return lines.join("\n");
}
