// Marks the client chunks a page runs while it loads with V8's explicit compile hint
// (`//# allFunctionsCalledOnLoad`, Chromium 136+). Without it V8 compiles each function the
// first time it is called, on the main thread, in the middle of booting React and hydrating;
// with it, the whole chunk is compiled while it streams in, on a background thread. Neither
// Turbopack nor Next can emit the hint (vercel/next.js discussion 101287), so next.config.ts
// runs this after the build's compile step. See docs/decisions/0027-compile-hints.md.
import fs from "node:fs";
import path from "node:path";
import { firstLoadChunks } from "./first-load-chunks.ts";

export const COMPILE_HINT = "//# allFunctionsCalledOnLoad\n";

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
