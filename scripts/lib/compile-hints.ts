// Marks the client chunks a page runs while it loads with V8's explicit compile hint
// (`//# allFunctionsCalledOnLoad`, Chromium 136+). Without it V8 compiles each function the
// first time it is called, on the main thread, in the middle of booting React and hydrating;
// with it, the whole chunk is compiled while it streams in, on a background thread. Neither
// Turbopack nor Next can emit the hint (vercel/next.js discussion 101287), so next.config.ts
// runs this after the build's compile step. See docs/decisions/0027-compile-hints.md.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";

export const COMPILE_HINT = "//# allFunctionsCalledOnLoad\n";

/**
 * The files under `distDir` (paths like `static/chunks/x.js`) that some page loads before it is
 * interactive: the root main files every page runs, and each page's client components' chunks
 * as its client reference manifest names them. Chunks reached only through `import()` are not
 * here: they load later, and compiling all of them up front would be work no page asked for.
 */
export function firstLoadChunks(distDir: string): Set<string> {
  const manifest = JSON.parse(fs.readFileSync(path.join(distDir, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const chunks = new Set(manifest.rootMainFiles);
  for (const file of clientReferenceManifests(path.join(distDir, "server", "app"))) {
    // The manifest is a script that assigns globalThis.__RSC_MANIFEST (Next's own format).
    const context: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, { clientModules?: Record<string, { chunks?: string[] }> }> } = {};
    context.globalThis = context;
    vm.runInNewContext(fs.readFileSync(file, "utf8"), context);
    for (const page of Object.values(context.__RSC_MANIFEST ?? {}))
      for (const mod of Object.values(page.clientModules ?? {})) for (const chunk of mod.chunks ?? []) chunks.add(chunk.replace(/^\/_next\//, ""));
  }
  return new Set([...chunks].filter((chunk) => chunk.endsWith(".js")));
}

function clientReferenceManifests(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) clientReferenceManifests(p, out);
    else if (entry.name === "page_client-reference-manifest.js") out.push(p);
  }
  return out;
}

/**
 * Puts the hint on the first line of every first-load chunk; returns the chunks it changed.
 * Running it again changes nothing. A chunk's source map, if the build wrote one, gets one empty
 * line in front of its mappings, so it still points at the right lines.
 */
export function addCompileHints(distDir: string): string[] {
  const changed: string[] = [];
  for (const chunk of firstLoadChunks(distDir)) {
    const file = path.join(distDir, chunk);
    if (!fs.existsSync(file)) continue;
    const source = fs.readFileSync(file, "utf8");
    if (source.startsWith(COMPILE_HINT)) continue;
    fs.writeFileSync(file, COMPILE_HINT + source);
    const map = `${file}.map`;
    if (fs.existsSync(map)) {
      // A plain map starts one line later; an index map's sections each move down a line.
      const sourceMap = JSON.parse(fs.readFileSync(map, "utf8")) as { mappings?: string; sections?: Array<{ offset: { line: number } }> };
      if (typeof sourceMap.mappings === "string") sourceMap.mappings = `;${sourceMap.mappings}`;
      for (const section of sourceMap.sections ?? []) section.offset.line += 1;
      fs.writeFileSync(map, JSON.stringify(sourceMap));
    }
    changed.push(chunk);
  }
  return changed;
}
