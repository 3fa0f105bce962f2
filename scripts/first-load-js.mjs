// Prints the first-load JavaScript of each app route from a build, since `next build` (16)
// no longer prints sizes: the root main files plus every chunk the route's client
// reference manifest names, raw and gzipped. Exits 1 when a page is over the budget (issue 15:
// 150 KiB gzip), so CI fails on a page that grew. Also exits 1 when a first-load chunk lacks
// the compile hint next.config.ts adds after compiling (decision 27), so a Next upgrade that
// skips the hook cannot quietly bring back the main-thread compile time.
// Usage: node scripts/first-load-js.mjs [distDir] [--budget KiB]   (`npm run build:sizes -- .next-x`)
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import { COMPILE_HINT } from "./lib/compile-hints.ts";
import { firstLoadChunks, pageFirstLoadChunks } from "./lib/first-load-chunks.ts";

const { values: options, positionals } = parseArgs({ options: { budget: { type: "string", default: "150" } }, allowPositionals: true });
const budgetKiB = Number(options.budget);
if (!Number.isFinite(budgetKiB) || budgetKiB <= 0) {
  console.error(`--budget takes a size in KiB, got "${options.budget}"`);
  process.exit(2);
}
const dist = positionals[0] ?? process.env.NEXT_DIST_DIR ?? ".next";
if (!fs.existsSync(path.join(dist, "build-manifest.json"))) {
  console.error(`No build in ${dist} (no build-manifest.json): run next build first.`);
  process.exit(2);
}
const hintBytes = Buffer.from(COMPILE_HINT);
// Pages share most of their chunks (the framework's above all), so each file is read and
// gzipped once.
const files = new Map();
const inspect = (chunk) => {
  if (!files.has(chunk)) {
    const file = path.join(dist, chunk);
    const buf = fs.existsSync(file) ? fs.readFileSync(file) : null;
    files.set(chunk, {
      raw: buf?.length ?? 0,
      gzip: buf ? zlib.gzipSync(buf).length : 0,
      hinted: buf ? buf.subarray(0, hintBytes.length).equals(hintBytes) : true,
    });
  }
  return files.get(chunk);
};

const pages = pageFirstLoadChunks(dist);
const rows = pages.map(({ route, chunks }) => {
  let raw = 0;
  let gzip = 0;
  for (const c of chunks) {
    const s = inspect(c);
    raw += s.raw;
    gzip += s.gzip;
  }
  const url = route.replace(/\/page$/, "").replace(/\/\([^)]+\)/g, "") || "/";
  return { url, raw, gzip, chunks: chunks.length };
});
rows.sort((a, b) => a.url.localeCompare(b.url));
const over = rows.filter((r) => r.gzip / 1024 > budgetKiB);
console.log(`| route | first-load JS (gzip) | raw | chunks | ≤ ${budgetKiB} KiB |\n| --- | --- | --- | --- | --- |`);
for (const r of rows) console.log(`| ${r.url} | ${(r.gzip / 1024).toFixed(1)} KiB | ${(r.raw / 1024).toFixed(1)} KiB | ${r.chunks} | ${r.gzip / 1024 > budgetKiB ? "over" : "ok"} |`);
if (rows.length === 0) {
  console.error(`No page manifests found in ${dist}/server/app.`);
  process.exit(2);
}
const unhinted = [...firstLoadChunks(dist, pages)].filter((chunk) => !inspect(chunk).hinted);
if (unhinted.length > 0) {
  console.error(`\nFirst-load chunks without the compile hint (${JSON.stringify(COMPILE_HINT.trim())}): ${unhinted.join(", ")}.\nBuild with next build, whose runAfterProductionCompile hook in next.config.ts adds it.`);
  process.exit(1);
}
if (over.length > 0) {
  console.error(`\nFirst-load JS over the ${budgetKiB} KiB gzip budget: ${over.map((r) => `${r.url} (${(r.gzip / 1024).toFixed(1)} KiB)`).join(", ")}`);
  process.exit(1);
}
console.log(`\nEvery page is within the ${budgetKiB} KiB gzip budget.`);
