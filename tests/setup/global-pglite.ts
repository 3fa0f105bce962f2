import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplateDir: string;
  }
}

/**
 * PGlite's initdb costs seconds of CPU, so it runs once: a migrated template directory
 * that each test file copies into its own temp dir.
 */
export default async function setup(project: TestProject) {
  const template = fs.mkdtempSync(path.join(os.tmpdir(), "tasktalk-pglite-template-"));
  const pglite = new PGlite(template);
  await migrate(drizzle({ client: pglite }), { migrationsFolder: "db/migrations" });
  await pglite.close();
  console.log(`\n[db] PGlite suites: each file gets a migrated copy of ${template}\n`);
  project.provide("pgliteTemplateDir", template);
  return () => fs.rmSync(template, { recursive: true, force: true });
}
