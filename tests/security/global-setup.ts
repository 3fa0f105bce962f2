import fs from "node:fs";
import type { TestProject } from "vitest/node";
import { prepareSuite, readStats, skippedTeardown } from "../reliability/suite-setup";
import { ALL_PORTS } from "./config";

/**
 * Once per `npm run test:security`: the reliability suite's setup with this suite's ports,
 * database and dist dir (vitest.security.config.ts points config.ts at them;
 * SECURITY_SKIP_BUILD=1 reuses a build), then one closing line: attacks tried, 5xx, leaks.
 */
export default async function setup(project: TestProject) {
  const prepared = await prepareSuite(project, { label: "security", ports: ALL_PORTS, skipBuildEnv: "SECURITY_SKIP_BUILD" });
  if (prepared.skip) return skippedTeardown("security", prepared);
  return () => {
    const files = readStats(prepared.statsDir);
    const sum = (k: "inputs" | "fivexx" | "leaks") => files.reduce((s, f) => s + f[k], 0);
    for (const f of files) for (const d of f.details.slice(0, 20)) console.log(`[security] ${f.file}: ${d}`);
    console.log(`\n[security] files reporting: ${files.map((f) => `${f.file} (${f.inputs})`).join(", ") || "none"}; total ${Math.round((Date.now() - prepared.started) / 1000)} s`);
    console.log(`[security] attacks tried: ${sum("inputs")}, 5xx seen: ${sum("fivexx")}, leaks: ${sum("leaks")}\n`);
    fs.rmSync(prepared.statsDir, { recursive: true, force: true });
  };
}
