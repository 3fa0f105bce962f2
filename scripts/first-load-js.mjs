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
import vm from "node:vm";
import zlib from "node:zlib";
import { COMPILE_HINT, firstLoadChunks } from "./lib/compile-hints.ts";

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
const manifest = JSON.parse(fs.readFileSync(path.join(dist, "build-manifest.json"), "utf8"));
const root = manifest.rootMainFiles.map((f) => `/_next/${f}`);

function walk(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else if (entry.name === "page_client-reference-manifest.js") out.push(p);
  }
  return out;
}

const size = (chunk) => {
  const file = path.join(dist, chunk.replace(/^\/_next\//, ""));
  if (!fs.existsSync(file)) return { raw: 0, gzip: 0 };
  const buf = fs.readFileSync(file);
  return { raw: buf.length, gzip: zlib.gzipSync(buf).length };
};

const rows = [];
for (const file of walk(path.join(dist, "server", "app"))) {
  const context = { globalThis: {} };
  context.globalThis = context;
  vm.runInNewContext(fs.readFileSync(file, "utf8"), context);
  for (const [route, m] of Object.entries(context.__RSC_MANIFEST ?? {})) {
    const chunks = new Set(root);
    for (const mod of Object.values(m.clientModules ?? {})) for (const c of mod.chunks ?? []) chunks.add(c);
    let raw = 0;
    let gzip = 0;
    for (const c of chunks) {
      const s = size(c);
      raw += s.raw;
      gzip += s.gzip;
    }
    const url = route.replace(/\/page$/, "").replace(/\/\([^)]+\)/g, "") || "/";
    rows.push({ url, raw, gzip, chunks: chunks.size });
  }
}
rows.sort((a, b) => a.url.localeCompare(b.url));
const over = rows.filter((r) => r.gzip / 1024 > budgetKiB);
console.log(`| route | first-load JS (gzip) | raw | chunks | ≤ ${budgetKiB} KiB |\n| --- | --- | --- | --- | --- |`);
for (const r of rows) console.log(`| ${r.url} | ${(r.gzip / 1024).toFixed(1)} KiB | ${(r.raw / 1024).toFixed(1)} KiB | ${r.chunks} | ${r.gzip / 1024 > budgetKiB ? "over" : "ok"} |`);
if (rows.length === 0) {
  console.error(`No page manifests found in ${dist}/server/app.`);
  process.exit(2);
}
const unhinted = [...firstLoadChunks(dist)].filter((chunk) => !fs.readFileSync(path.join(dist, chunk), "utf8").startsWith(COMPILE_HINT));
if (unhinted.length > 0) {
  console.error(`\nFirst-load chunks without the compile hint (${JSON.stringify(COMPILE_HINT.trim())}): ${unhinted.join(", ")}.\nBuild with next build, whose runAfterProductionCompile hook in next.config.ts adds it.`);
  process.exit(1);
}
if (over.length > 0) {
  console.error(`\nFirst-load JS over the ${budgetKiB} KiB gzip budget: ${over.map((r) => `${r.url} (${(r.gzip / 1024).toFixed(1)} KiB)`).join(", ")}`);
  process.exit(1);
}
console.log(`\nEvery page is within the ${budgetKiB} KiB gzip budget.`);
