// `npm run check:vercel`: runs the real Vercel build offline (`vercel build`, pinned CLI kept in a
// cache folder, not a dependency of the app) and checks what it would deploy: no function carries
// PGlite, every function is under the size budget, /api/chat has its maxDuration, a region is set.
// The build migrates a throwaway local PostgreSQL database, the way a preview build migrates its
// Neon branch. Prints the function table.
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const CLI_VERSION = "58.10.0";
const BUDGET_MB = 12;
const CHAT_MAX_DURATION = 60;
const CI = process.env.CI === "true" || process.env.CI === "1";
const root = process.cwd();
const cacheDir = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "tasktalk", `vercel-${CLI_VERSION}`);
const cli = path.join(cacheDir, "node_modules", ".bin", "vercel");
const pgUrl = process.env.VERCEL_CHECK_PG_URL || "postgres://postgres@127.0.0.1:5432/tasktalk_vercel_check_test";
const outputDir = path.join(root, ".vercel", "output");

function skipOrFail(reason) {
  if (CI) {
    console.error(`check:vercel: ${reason}`);
    process.exit(1);
  }
  const line = "!".repeat(100);
  console.warn(`\n${line}\n!! SKIPPING check:vercel: ${reason}\n${line}\n`);
  process.exit(0);
}

function installCli() {
  if (fs.existsSync(cli)) return;
  console.log(`check:vercel: installing vercel@${CLI_VERSION} into ${cacheDir}`);
  fs.mkdirSync(cacheDir, { recursive: true });
  fs.writeFileSync(path.join(cacheDir, "package.json"), JSON.stringify({ name: "tasktalk-vercel-cli", private: true }));
  // Run from the cache folder, so the app's own .npmrc and lockfile play no part.
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", `vercel@${CLI_VERSION}`], { cwd: cacheDir, stdio: "inherit" });
}

/** A fresh, empty database for the build to migrate. */
async function freshDatabase() {
  const name = new URL(pgUrl).pathname.slice(1);
  if (!/test/.test(name)) throw new Error(`VERCEL_CHECK_PG_URL must name a throwaway database (its name must contain "test"), got ${name}`);
  const admin = new URL(pgUrl);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (error) {
    skipOrFail(`PostgreSQL at ${admin.host} is unreachable (${error.message}); the build needs a database to migrate.`);
  }
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
}

/** `.vercel/project.json` with `settings` lets `vercel build` run without a token or a linked project. */
function ensureProjectSettings() {
  const file = path.join(root, ".vercel", "project.json");
  if (fs.existsSync(file)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const settings = { framework: "nextjs", nodeVersion: "22.x", buildCommand: null, installCommand: null, outputDirectory: null, rootDirectory: null, devCommand: null, commandForIgnoringBuildStep: null };
  fs.writeFileSync(file, JSON.stringify({ projectId: "prj_offline_check", orgId: "team_offline_check", settings }, null, 2));
}

function build() {
  fs.rmSync(outputDir, { recursive: true, force: true });
  // Offline, the CLI sets none of Vercel's system variables: give the build those a preview
  // deployment would have, so it migrates (the throwaway database) as a preview build does.
  const system = { VERCEL: "1", VERCEL_ENV: "preview", VERCEL_URL: "tasktalk-check-team.vercel.app", VERCEL_BRANCH_URL: "tasktalk-git-check-team.vercel.app" };
  const env = { ...process.env, ...system, VERCEL_TELEMETRY_DISABLED: "1", NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: pgUrl, BETTER_AUTH_SECRET: randomBytes(32).toString("base64url") };
  for (const key of ["NEXT_DIST_DIR", "DATABASE_URL_UNPOOLED", "NEON_WS_PROXY", "PGLITE_DIR"]) delete env[key];
  const started = Date.now();
  const result = spawnSync(cli, ["build", "--yes"], { cwd: root, env, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`check:vercel: vercel build failed (exit ${result.status})`);
    process.exit(1);
  }
  return Math.round((Date.now() - started) / 1000);
}

function functionDirs(dir, found = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (!fs.statSync(full).isDirectory()) continue;
    if (entry.name.endsWith(".func")) found.push(full);
    else if (!entry.isSymbolicLink()) functionDirs(full, found);
  }
  return found;
}

function filesIn(dir, found = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) filesIn(full, found);
    else if (entry.isFile()) found.push(full);
  }
  return found;
}

/** Every file a function ships: those in its folder, and those `filePathMap` adds from the project. */
function inspect(funcDir) {
  const real = fs.realpathSync(funcDir);
  const config = JSON.parse(fs.readFileSync(path.join(real, ".vc-config.json"), "utf8"));
  const files = filesIn(real).map((f) => ({ name: path.relative(real, f), size: fs.statSync(f).size }));
  for (const [name, source] of Object.entries(config.filePathMap ?? {})) {
    const full = path.join(root, source);
    if (fs.existsSync(full) && fs.statSync(full).isFile()) files.push({ name, size: fs.statSync(full).size });
  }
  return { name: path.relative(path.join(outputDir, "functions"), funcDir).replace(/\.func$/, ""), real, config, files, bytes: files.reduce((s, f) => s + f.size, 0) };
}

/**
 * A function's own regions, else the project-wide `regions` of vercel.json, which Vercel applies
 * to every function at deploy time (`vercel build` does not copy it into the output).
 */
function regionsOf(fn) {
  if (fn.config.regions?.length) return fn.config.regions;
  const project = JSON.parse(fs.readFileSync(path.join(root, "vercel.json"), "utf8"));
  return project.regions?.length ? project.regions : null;
}

installCli();
await freshDatabase();
ensureProjectSettings();
const seconds = build();

const all = functionDirs(path.join(outputDir, "functions")).map(inspect);
const distinct = [...new Map(all.map((f) => [f.real, f])).values()];
const problems = [];
const rows = [];
for (const fn of all.sort((a, b) => a.name.localeCompare(b.name))) {
  const pglite = fn.files.filter((f) => /pglite\.(wasm|data)$/.test(f.name)).map((f) => path.basename(f.name));
  const mb = fn.bytes / 1024 / 1024;
  const regions = regionsOf(fn);
  if (pglite.length) problems.push(`${fn.name} contains ${[...new Set(pglite)].join(", ")}`);
  if (mb >= BUDGET_MB) problems.push(`${fn.name} is ${mb.toFixed(1)} MB (budget ${BUDGET_MB} MB)`);
  if (!regions?.length) problems.push(`${fn.name} has no region`);
  const shared = fs.lstatSync(path.join(outputDir, "functions", `${fn.name}.func`)).isSymbolicLink();
  rows.push({ fn: fn.name, mb: mb.toFixed(1), runtime: fn.config.runtime, maxDuration: fn.config.maxDuration ?? "-", regions: regions?.join(",") ?? "-", shared });
}
const chat = all.find((f) => f.name === "api/chat");
if (!chat) problems.push("no api/chat function in the output");
else if (chat.config.maxDuration !== CHAT_MAX_DURATION) problems.push(`api/chat has maxDuration ${chat.config.maxDuration ?? "unset"} (expected ${CHAT_MAX_DURATION})`);

console.log(`\ncheck:vercel: vercel build took ${seconds} s; ${all.length} functions, ${distinct.length} distinct bundles\n`);
console.log("| function | size (MB, uncompressed) | runtime | maxDuration | regions |");
console.log("| --- | --- | --- | --- | --- |");
for (const r of rows) if (!r.shared) console.log(`| ${r.fn} | ${r.mb} | ${r.runtime} | ${r.maxDuration} | ${r.regions} |`);
const links = rows.filter((r) => r.shared).length;
if (links) console.log(`(+ ${links} routes that share one of these bundles)`);
if (problems.length) {
  console.error(`\ncheck:vercel: FAILED\n${problems.map((p) => `- ${p}`).join("\n")}`);
  process.exit(1);
}
console.log(`\ncheck:vercel: OK: no function carries PGlite, all under ${BUDGET_MB} MB, api/chat maxDuration ${CHAT_MAX_DURATION} s, regions set`);
