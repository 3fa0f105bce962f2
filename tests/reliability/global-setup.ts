import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { NEXT_BIN, nextBuild, portFree, serverEnv } from "../helpers/next-server";
import { postgresReachable, resetTestDatabase } from "../helpers/postgres";
import { ALL_PORTS, AUTH_SECRET, CI, DIST_DIR, PG_URL, type FileStats } from "./config";

/**
 * Once per `npm run test:reliability`: checks what the suite needs (skipping loudly
 * locally, failing in CI), empties and migrates the suite's own PostgreSQL database with
 * drizzle-kit, builds the app into .next-rel (unless RELIABILITY_SKIP_BUILD=1 and a build is
 * there), and at the end prints the one summary line from the counts each file left.
 */

const root = process.cwd();
const BUILD_ID = path.join(root, DIST_DIR, "BUILD_ID");
const ROUTES = path.join(root, DIST_DIR, "app-path-routes-manifest.json");

function buildServes(route: string): boolean {
  if (!fs.existsSync(BUILD_ID)) return false;
  try {
    return Object.values(JSON.parse(fs.readFileSync(ROUTES, "utf8")) as Record<string, string>).includes(route);
  } catch {
    return false;
  }
}

async function prerequisites(): Promise<string | null> {
  if (!fs.existsSync(NEXT_BIN)) return `${NEXT_BIN} is missing (run npm ci)`;
  const pg = await postgresReachable(PG_URL);
  if (!pg.ok) return `PostgreSQL at ${new URL(PG_URL).host} is unreachable (${pg.reason})`;
  const busy: number[] = [];
  for (const port of ALL_PORTS) if (!(await portFree(port))) busy.push(port);
  if (busy.length) return `port(s) ${busy.join(", ")} on 127.0.0.1 are in use (the suite uses 3710–3737)`;
  return null;
}

/**
 * `next build` adds its dist dir's type globs to tsconfig.json (and reformats it). The
 * tree's tsconfig already excludes .next-*, so when that is the build's only change, put the
 * file back byte for byte rather than leave an edit in a shared file.
 */
function guardTsconfig(): () => void {
  const file = path.join(root, "tsconfig.json");
  const before = fs.readFileSync(file, "utf8");
  return () => {
    const after = fs.readFileSync(file, "utf8");
    if (after === before) return;
    try {
      const was = JSON.parse(before);
      const now = JSON.parse(after);
      now.include = (now.include as string[] | undefined)?.filter((p) => !p.startsWith(`${DIST_DIR}/`));
      if (JSON.stringify(now) === JSON.stringify(was)) {
        fs.writeFileSync(file, before);
        console.log(`[reliability] tsconfig.json restored (next build had only added ${DIST_DIR} type paths)`);
      }
    } catch {
      // Not plain JSON (comments): leave it as the build wrote it.
    }
  };
}

function summary(statsDir: string, started: number, buildMs: number | null) {
  const files: FileStats[] = fs.existsSync(statsDir)
    ? fs
        .readdirSync(statsDir)
        .filter((f) => f.endsWith(".json"))
        .map((f) => JSON.parse(fs.readFileSync(path.join(statsDir, f), "utf8")) as FileStats)
    : [];
  const sum = (k: "inputs" | "fivexx" | "leaks" | "rowsLost") => files.reduce((s, f) => s + f[k], 0);
  for (const f of files) for (const d of f.details.slice(0, 20)) console.log(`[reliability] ${f.file}: ${d}`);
  console.log(
    `\n[reliability] files reporting: ${files.map((f) => `${f.file} (${f.inputs})`).join(", ") || "none"}; ` +
      `total ${Math.round((Date.now() - started) / 1000)} s${buildMs === null ? " (build reused)" : `, build ${Math.round(buildMs / 1000)} s`}`,
  );
  console.log(`[reliability] inputs tried: ${sum("inputs")}, 5xx seen: ${sum("fivexx")}, leaks: ${sum("leaks")}, rows lost: ${sum("rowsLost")}\n`);
  fs.rmSync(statsDir, { recursive: true, force: true });
}

export default async function setup(project: TestProject) {
  const started = Date.now();
  const statsDir = fs.mkdtempSync(path.join(os.tmpdir(), "tasktalk-reliability-"));
  const problem = await prerequisites();
  if (problem) {
    if (CI) throw new Error(`CI: the reliability suite cannot run: ${problem}`);
    const line = "!".repeat(100);
    console.warn(`\n${line}\n!! SKIPPING the reliability suite (tests/reliability): ${problem}.\n!! Nothing about bad input, isolation, crashes or outages was tested.\n${line}\n`);
    project.provide("reliability", { skip: problem, statsDir });
    return () => {
      fs.rmSync(statsDir, { recursive: true, force: true });
      console.warn(`\n[reliability] SKIPPED (${problem}): inputs tried: 0, nothing checked\n`);
    };
  }

  await resetTestDatabase(PG_URL);
  execFileSync("npx", ["drizzle-kit", "migrate"], { cwd: root, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, DATABASE_URL: PG_URL } });
  console.log(`[reliability] database ${new URL(PG_URL).pathname.slice(1)} emptied and migrated (drizzle-kit)`);

  let buildMs: number | null = null;
  if (process.env.RELIABILITY_SKIP_BUILD === "1" && buildServes("/api/chat")) {
    console.log(`[reliability] RELIABILITY_SKIP_BUILD=1: reusing the build in ${DIST_DIR}`);
  } else {
    console.log(`[reliability] building into ${DIST_DIR} (set RELIABILITY_SKIP_BUILD=1 to reuse it)…`);
    const restore = guardTsconfig();
    try {
      buildMs = await nextBuild(serverEnv({ NEXT_DIST_DIR: DIST_DIR, BETTER_AUTH_SECRET: AUTH_SECRET, BETTER_AUTH_URL: "http://localhost:3710" }));
    } finally {
      restore();
    }
    if (!buildServes("/api/chat")) throw new Error(`the fresh build in ${DIST_DIR} has no /api/chat route`);
    console.log(`[reliability] build took ${Math.round(buildMs / 1000)} s`);
  }

  project.provide("reliability", { skip: null, statsDir });
  return () => summary(statsDir, started, buildMs);
}
