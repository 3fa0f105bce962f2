// Prints the first-load JavaScript of each app route from a build, since `next build` (16)
// no longer prints sizes: the root main files plus every chunk the route's client
// reference manifest names, raw and gzipped. Usage: node scripts/first-load-js.mjs [distDir]
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import zlib from "node:zlib";

const dist = process.argv[2] ?? process.env.NEXT_DIST_DIR ?? ".next";
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
console.log("| route | first-load JS (gzip) | raw | chunks |\n| --- | --- | --- | --- |");
for (const r of rows) console.log(`| ${r.url} | ${(r.gzip / 1024).toFixed(1)} KiB | ${(r.raw / 1024).toFixed(1)} KiB | ${r.chunks} |`);
