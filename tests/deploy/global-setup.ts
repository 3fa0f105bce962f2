import fs from "node:fs";
import type { TestProject } from "vitest/node";
import { prepareSuite, readStats, skippedTeardown } from "../reliability/suite-setup";
import { ALL_PORTS } from "./config";

/** The reliability suite's setup with this suite's ports, database and dist dir, then one closing line. */
export default async function setup(project: TestProject) {
  const prepared = await prepareSuite(project, { label: "deploy", ports: ALL_PORTS, skipBuildEnv: "DEPLOY_SKIP_BUILD" });
  if (prepared.skip) return skippedTeardown("deploy", prepared);
  return () => {
    const files = readStats(prepared.statsDir);
    const sum = (k: "inputs" | "fivexx") => files.reduce((s, f) => s + f[k], 0);
    for (const f of files) for (const d of f.details.slice(0, 20)) console.log(`[deploy] ${f.file}: ${d}`);
    console.log(`\n[deploy] requests: ${sum("inputs")}, 5xx seen: ${sum("fivexx")}; total ${Math.round((Date.now() - prepared.started) / 1000)} s\n`);
    fs.rmSync(prepared.statsDir, { recursive: true, force: true });
  };
}
