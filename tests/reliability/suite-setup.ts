import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { NEXT_BIN, nextBuild, portFree, serverEnv } from "../helpers/next-server";
import { postgresReachable, resetTestDatabase } from "../helpers/postgres";
import { AUTH_SECRET, CI, DIST_DIR, PG_URL, type FileStats } from "./config";

/**
 * The global setup both server suites share (reliability, security): check what the suite
 * needs (skip loudly locally, fail in CI), empty and migrate its database with drizzle-kit,
 * build into its dist dir unless a reusable build is there, and hand the test files the
 * "reliability" context that harness.ts reads. DIST_DIR and PG_URL come from config.ts,
 * which each suite parametrizes through RELIABILITY_DIST_DIR / RELIABILITY_PG_URL.
 */

export type SuiteOptions = {
  /** Log prefix and name in messages: "reliability", "security". */
  label: string;
  ports: number[];
  /** `${skipBuildEnv}=1` reuses an existing build that serves /api/chat. */
  skipBuildEnv: string;
};

const root = process.cwd();

function buildServes(route: string): boolean {
  if (!fs.existsSync(path.join(root, DIST_DIR, "BUILD_ID"))) return false;
  try {
    const routes = JSON.parse(fs.readFileSync(path.join(root, DIST_DIR, "app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
    return Object.values(routes).includes(route);
  } catch {
    return false;
  }
}

async function prerequisites(ports: number[]): Promise<string | null> {
  if (!fs.existsSync(NEXT_BIN)) return `${NEXT_BIN} is missing (run npm ci)`;
  const pg = await postgresReachable(PG_URL);
  if (!pg.ok) return `PostgreSQL at ${new URL(PG_URL).host} is unreachable (${pg.reason})`;
  const busy: number[] = [];
  for (const port of ports) if (!(await portFree(port))) busy.push(port);
  if (busy.length) return `port(s) ${busy.join(", ")} on 127.0.0.1 are in use (the suite uses ${Math.min(...ports)}–${Math.max(...ports)})`;
  return null;
}

/**
 * `next build` adds its dist dir's type globs to tsconfig.json (and reformats it). The
 * tree's tsconfig already excludes .next-*, so when that is the build's only change, put the
 * file back byte for byte rather than leave an edit in a shared file.
 */
function guardTsconfig(label: string): () => void {
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
        console.log(`[${label}] tsconfig.json restored (next build had only added ${DIST_DIR} type paths)`);
      }
    } catch {
      // Not plain JSON (comments): leave it as the build wrote it.
    }
  };
}

/** The counts each test file left in statsDir (see harness.ts writeStats). */
export function readStats(statsDir: string): FileStats[] {
  if (!fs.existsSync(statsDir)) return [];
  return fs
    .readdirSync(statsDir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(fs.readFileSync(path.join(statsDir, f), "utf8")) as FileStats);
}

export type Prepared = { statsDir: string; started: number; buildMs: number | null; skip: string | null };

/** Everything before the tests run; provides the context. The caller prints its own summary. */
export async function prepareSuite(project: TestProject, { label, ports, skipBuildEnv }: SuiteOptions): Promise<Prepared> {
  const started = Date.now();
  const statsDir = fs.mkdtempSync(path.join(os.tmpdir(), `tasktalk-${label}-`));
  const problem = await prerequisites(ports);
  if (problem) {
    if (CI) throw new Error(`CI: the ${label} suite cannot run: ${problem}`);
    const line = "!".repeat(100);
    console.warn(`\n${line}\n!! SKIPPING the ${label} suite: ${problem}.\n!! Nothing in it was tested.\n${line}\n`);
    project.provide("reliability", { skip: problem, statsDir });
    return { statsDir, started, buildMs: null, skip: problem };
  }

  await resetTestDatabase(PG_URL);
  execFileSync("npx", ["drizzle-kit", "migrate"], { cwd: root, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, DATABASE_URL: PG_URL } });
  console.log(`[${label}] database ${new URL(PG_URL).pathname.slice(1)} emptied and migrated (drizzle-kit)`);

  let buildMs: number | null = null;
  if (process.env[skipBuildEnv] === "1" && buildServes("/api/chat")) {
    console.log(`[${label}] ${skipBuildEnv}=1: reusing the build in ${DIST_DIR}`);
  } else {
    console.log(`[${label}] building into ${DIST_DIR} (set ${skipBuildEnv}=1 to reuse it)…`);
    const restore = guardTsconfig(label);
    try {
      // BETTER_AUTH_URL is read at run time (harness.ts appEnv sets each server's own); this one only satisfies the build.
      buildMs = await nextBuild(serverEnv({ NEXT_DIST_DIR: DIST_DIR, BETTER_AUTH_SECRET: AUTH_SECRET, BETTER_AUTH_URL: `http://localhost:${ports[0]}` }));
    } finally {
      restore();
    }
    if (!buildServes("/api/chat")) throw new Error(`the fresh build in ${DIST_DIR} has no /api/chat route`);
    console.log(`[${label}] build took ${Math.round(buildMs / 1000)} s`);
  }

  project.provide("reliability", { skip: null, statsDir });
  return { statsDir, started, buildMs, skip: null };
}

/** The banner line for a skipped suite's teardown. */
export function skippedTeardown(label: string, prepared: Prepared): () => void {
  return () => {
    fs.rmSync(prepared.statsDir, { recursive: true, force: true });
    console.warn(`\n[${label}] SKIPPED (${prepared.skip}): nothing checked\n`);
  };
}
