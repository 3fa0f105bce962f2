import fs from "node:fs";
import type { TestProject } from "vitest/node";
import { ALL_PORTS, type FileStats } from "./config";
import { prepareSuite, readStats, skippedTeardown, type Prepared } from "./suite-setup";

/**
 * Once per `npm run test:reliability`: prepares the suite's database and build (see
 * suite-setup.ts; RELIABILITY_SKIP_BUILD=1 reuses .next-rel), and at the end prints the one
 * summary line from the counts each file left.
 */

function summary({ statsDir, started, buildMs }: Prepared) {
  const files = readStats(statsDir);
  const sum = (k: keyof Pick<FileStats, "inputs" | "fivexx" | "leaks" | "rowsLost">) => files.reduce((s, f) => s + f[k], 0);
  for (const f of files) for (const d of f.details.slice(0, 20)) console.log(`[reliability] ${f.file}: ${d}`);
  console.log(
    `\n[reliability] files reporting: ${files.map((f) => `${f.file} (${f.inputs})`).join(", ") || "none"}; ` +
      `total ${Math.round((Date.now() - started) / 1000)} s${buildMs === null ? " (build reused)" : `, build ${Math.round(buildMs / 1000)} s`}`,
  );
  console.log(`[reliability] inputs tried: ${sum("inputs")}, 5xx seen: ${sum("fivexx")}, leaks: ${sum("leaks")}, rows lost: ${sum("rowsLost")}\n`);
  fs.rmSync(statsDir, { recursive: true, force: true });
}

export default async function setup(project: TestProject) {
  const prepared = await prepareSuite(project, { label: "reliability", ports: ALL_PORTS, skipBuildEnv: "RELIABILITY_SKIP_BUILD" });
  if (prepared.skip) return skippedTeardown("reliability", prepared);
  return () => summary(prepared);
}
