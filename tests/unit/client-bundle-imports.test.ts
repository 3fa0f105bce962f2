import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * zod is ~30 KiB gzip in a browser bundle, and the task and profile pages' budget leaves no
 * room for it: their client components take plain values from lib/tasks/constants.ts and types
 * with `import type`. This guards the direct imports; scripts/first-load-js.mjs guards the sizes.
 */
const root = path.resolve(import.meta.dirname, "../..");
const dirs = ["components/tasks", "components/profile", "components/ui"];
const files = [...dirs.flatMap((d) => fs.readdirSync(path.join(root, d)).map((f) => path.join(d, f))), "components/chat/task-panel.tsx", "lib/tasks/constants.ts"].filter(
  (f) => /\.tsx?$/.test(f),
);

// A value import (not `import type`) of zod or of a module that builds zod schemas.
const ZOD_VALUE_IMPORT = /^import\s+(?!type\b)[^;]*?from\s+"(zod|@\/lib\/tasks\/schemas|@\/lib\/auth-schemas|\.\/schemas)";/m;

describe("client components of the task and profile pages import no zod", () => {
  it("finds the files it checks", () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files)("%s", (file) => {
    const source = fs.readFileSync(path.join(root, file), "utf8");
    const isClient = source.startsWith('"use client"') || file.endsWith("constants.ts") || file.startsWith("components/tasks/");
    if (!isClient) return;
    expect(source.match(ZOD_VALUE_IMPORT)?.[0] ?? null).toBeNull();
  });

  it("would catch a value import", () => {
    expect(ZOD_VALUE_IMPORT.test('import { createTaskSchema, type Task } from "@/lib/tasks/schemas";')).toBe(true);
    expect(ZOD_VALUE_IMPORT.test('import { z } from "zod";')).toBe(true);
    expect(ZOD_VALUE_IMPORT.test('import type { Task } from "@/lib/tasks/schemas";')).toBe(false);
  });
});
