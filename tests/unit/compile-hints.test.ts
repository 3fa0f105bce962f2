import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { addCompileHints, COMPILE_HINT } from "@/scripts/lib/compile-hints";
import { firstLoadChunks, pageFirstLoadChunks } from "@/scripts/lib/first-load-chunks";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A dist laid out as `next build` (Turbopack) writes one: two root files, two pages, one lazy chunk. */
function fixtureDist(): string {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), "compile-hints-"));
  dirs.push(dist);
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dist, file)), { recursive: true });
    fs.writeFileSync(path.join(dist, file), text);
  };
  write("build-manifest.json", JSON.stringify({ rootMainFiles: ["static/chunks/runtime.js", "static/chunks/react-dom.js"] }));
  const manifest = (route: string, chunks: string[]) =>
    `globalThis.__RSC_MANIFEST=(globalThis.__RSC_MANIFEST||{});globalThis.__RSC_MANIFEST[${JSON.stringify(route)}]=${JSON.stringify({
      clientModules: { "[project]/components/x.tsx <module evaluation>": { id: 1, name: "*", chunks } },
    })};`;
  write("server/app/(app)/tasks/page_client-reference-manifest.js", manifest("/(app)/tasks/page", ["/_next/static/chunks/tasks.js", "/_next/static/chunks/shared.js", "/_next/static/chunks/tasks.css"]));
  write("server/app/sign-in/page_client-reference-manifest.js", manifest("/sign-in/page", ["/_next/static/chunks/shared.js"]));
  for (const name of ["runtime", "react-dom", "tasks", "shared", "lazy-dialog"]) write(`static/chunks/${name}.js`, `(function ${name.replace("-", "")}(){})();\n`);
  write("static/chunks/tasks.css", "body{}");
  write("static/chunks/tasks.js.map", JSON.stringify({ version: 3, sources: ["tasks.tsx"], mappings: "AAAA" }));
  write("static/chunks/shared.js.map", JSON.stringify({ version: 3, sections: [{ offset: { line: 0, column: 0 }, map: { version: 3, sources: [], mappings: "" } }] }));
  return dist;
}

const read = (dist: string, file: string) => fs.readFileSync(path.join(dist, file), "utf8");

describe("compile hints on first-load chunks", () => {
  it("finds the root files and every page's client chunks, and no stylesheet or lazy chunk", () => {
    const dist = fixtureDist();
    expect([...firstLoadChunks(dist)].sort()).toEqual(["static/chunks/react-dom.js", "static/chunks/runtime.js", "static/chunks/shared.js", "static/chunks/tasks.js"]);
  });

  it("lists each page's own first-load files: the root files and its client chunks, stylesheets included", () => {
    const dist = fixtureDist();
    const pages = Object.fromEntries(pageFirstLoadChunks(dist).map((p) => [p.route, [...p.chunks].sort()]));
    expect(pages).toEqual({
      "/(app)/tasks/page": ["static/chunks/react-dom.js", "static/chunks/runtime.js", "static/chunks/shared.js", "static/chunks/tasks.css", "static/chunks/tasks.js"],
      "/sign-in/page": ["static/chunks/react-dom.js", "static/chunks/runtime.js", "static/chunks/shared.js"],
    });
  });

  it("puts the hint on the first line of those chunks only, and a second run changes nothing", () => {
    const dist = fixtureDist();
    expect(addCompileHints(dist).sort()).toHaveLength(4);
    for (const name of ["runtime", "react-dom", "tasks", "shared"]) expect(read(dist, `static/chunks/${name}.js`)).toBe(`${COMPILE_HINT}(function ${name.replace("-", "")}(){})();\n`);
    expect(read(dist, "static/chunks/lazy-dialog.js").startsWith("//#")).toBe(false);
    expect(read(dist, "static/chunks/tasks.css")).toBe("body{}");
    const before = read(dist, "static/chunks/tasks.js") + read(dist, "static/chunks/tasks.js.map");
    expect(addCompileHints(dist)).toEqual([]);
    expect(read(dist, "static/chunks/tasks.js") + read(dist, "static/chunks/tasks.js.map")).toBe(before);
  });

  it("moves each source map down the one line the hint takes", () => {
    const dist = fixtureDist();
    addCompileHints(dist);
    expect(JSON.parse(read(dist, "static/chunks/tasks.js.map")).mappings).toBe(";AAAA");
    expect(JSON.parse(read(dist, "static/chunks/shared.js.map")).sections[0].offset).toEqual({ line: 1, column: 0 });
  });

  it("is a comment V8 reads: the hinted chunk still runs", () => {
    const dist = fixtureDist();
    addCompileHints(dist);
    expect(() => new Function(read(dist, "static/chunks/tasks.js"))()).not.toThrow();
  });
});
