// Which files each page of a build loads before it is interactive, read from Next's own
// manifests. Shared by the compile-hint step (compile-hints.ts) and the page budget
// (scripts/first-load-js.mjs), so both mean the same thing by "first load".
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";

/** A page's route (as in its manifest, e.g. `/(app)/tasks/(list)/page`) and the files it loads first. */
export type PageChunks = { route: string; chunks: string[] };

/**
 * For every app page in the build under `distDir`, the files (paths like `static/chunks/x.js`)
 * it loads before it is interactive: the root main files every page runs, and the chunks of its
 * client components as its client reference manifest names them. Chunks reached only through
 * `import()` are not here: they load later.
 */
export function pageFirstLoadChunks(distDir: string): PageChunks[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(distDir, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const pages: PageChunks[] = [];
  for (const file of clientReferenceManifests(path.join(distDir, "server", "app"))) {
    // The manifest is a script that assigns globalThis.__RSC_MANIFEST (Next's own format).
    const context: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, { clientModules?: Record<string, { chunks?: string[] }> }> } = {};
    context.globalThis = context;
    vm.runInNewContext(fs.readFileSync(file, "utf8"), context);
    for (const [route, page] of Object.entries(context.__RSC_MANIFEST ?? {})) {
      const chunks = new Set(manifest.rootMainFiles);
      for (const mod of Object.values(page.clientModules ?? {})) for (const chunk of mod.chunks ?? []) chunks.add(chunk.replace(/^\/_next\//, ""));
      pages.push({ route, chunks: [...chunks] });
    }
  }
  return pages;
}

/** The JavaScript files some page loads before it is interactive (see pageFirstLoadChunks). */
export function firstLoadChunks(distDir: string, pages: PageChunks[] = pageFirstLoadChunks(distDir)): Set<string> {
  return new Set(pages.flatMap((page) => page.chunks.filter((chunk) => chunk.endsWith(".js"))));
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
