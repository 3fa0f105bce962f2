import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { closeDb } from "../../db";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tasktalk-pglite-"));
fs.cpSync(inject("pgliteTemplateDir"), dir, { recursive: true });
delete process.env.DATABASE_URL;
process.env.PGLITE_DIR = dir;

afterAll(async () => {
  await closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
});
