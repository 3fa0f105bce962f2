/**
 * `npm run eval`: plays eval/scenarios.json against the configured model (lib/agent/models.ts)
 * through the real chat endpoint, in-process, and judges each scenario by the tasks it leaves.
 * Prints accuracy overall and by category, every failure, turn latency and tokens, and writes
 * the full result to eval/results/<timestamp>.json.
 *
 *   npm run eval -- --only <category|id|tag>   only those scenarios
 *   npm run eval -- --json <path>              write the JSON result there instead
 *   npm run eval -- --min <pct>                exit 1 when the accuracy is lower (CI)
 *   npm run eval -- --scenarios <file>         another scenario file
 *   EVAL_CONCURRENCY=4                         scenarios at once (default 1; each is its own user)
 *   EVAL_TIME_ZONE=Europe/Berlin               the user's time zone ("today" follows it; default UTC)
 * The same options as EVAL_ONLY, EVAL_JSON, EVAL_MIN, EVAL_SCENARIOS.
 */
import fs from "node:fs";
import path from "node:path";
import { prepareEnv } from "./env";
import { categoryTable, failureReport, latencyLine, summarize, tokenLine } from "./report";
import { loadScenarios, ScenarioFileError, SCENARIOS_PATH, selectScenarios, type Scenario } from "./scenarios";
import type { ScenarioResult } from "./conversation";

const ROOT = path.resolve(import.meta.dirname, "..");

function option(flag: string, envName: string): string | undefined {
  const i = process.argv.indexOf(flag);
  if (i >= 0) {
    const value = process.argv[i + 1];
    if (!value || value.startsWith("--")) throw new ScenarioFileError(`${flag} needs a value`);
    return value;
  }
  return process.env[envName]?.trim() || undefined;
}

function readOptions() {
  const known = new Set(["--only", "--json", "--min", "--scenarios"]);
  const unknown = process.argv.slice(2).filter((a, i, all) => a.startsWith("--") && !known.has(a) && !known.has(all[i - 1] ?? ""));
  if (unknown.length) throw new ScenarioFileError(`Unknown option ${unknown[0]} (see the top of eval/run.ts)`);
  const min = option("--min", "EVAL_MIN");
  const concurrency = Number(process.env.EVAL_CONCURRENCY ?? 1);
  if (min !== undefined && !(Number(min) >= 0 && Number(min) <= 100)) throw new ScenarioFileError(`--min takes a percentage from 0 to 100, got "${min}"`);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new ScenarioFileError(`EVAL_CONCURRENCY must be a whole number ≥ 1, got "${process.env.EVAL_CONCURRENCY}"`);
  return {
    only: option("--only", "EVAL_ONLY"),
    json: option("--json", "EVAL_JSON"),
    min: min === undefined ? undefined : Number(min),
    scenarios: option("--scenarios", "EVAL_SCENARIOS") ?? SCENARIOS_PATH,
    concurrency,
    timeZone: process.env.EVAL_TIME_ZONE?.trim() || undefined,
  };
}

/** Runs `work` over `items`, `limit` at a time, keeping the order of the results. */
async function pool<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function main(): Promise<number> {
  const opts = readOptions();
  const scenarios: Scenario[] = selectScenarios(loadScenarios(path.resolve(opts.scenarios)), opts.only);
  const env = prepareEnv(ROOT);

  // App modules read the environment when they load, so they are loaded only now.
  const { selectModel } = await import("@/lib/agent/models");
  const { todayIn } = await import("@/lib/today");
  const { closeDb, migrateEmbedded } = await import("@/db");
  const { runScenario } = await import("./conversation");
  const { installUsageMeter } = await import("./usage");
  const proxy = env.localPostgres ? await (await import("../tests/helpers/ws-proxy")).startWsProxy(0) : null;
  if (proxy) process.env.NEON_WS_PROXY = proxy.address;

  const choice = selectModel();
  const today = () => todayIn(opts.timeZone);
  const startedAt = new Date();
  console.log(`Tasktalk eval: ${scenarios.length} scenarios against ${choice.label} (${choice.kind}, model "${choice.model}")`);
  if (env.modelSettingsFrom) console.log(`model settings from ${env.modelSettingsFrom}`);
  console.log(`database: ${env.database}${proxy ? ` via ws proxy ${proxy.address}` : ""}; today ${today()} (${opts.timeZone ?? "UTC"}); concurrency ${opts.concurrency}\n`);

  let results: ScenarioResult[];
  try {
    await migrateEmbedded();
    installUsageMeter();
    let done = 0;
    const width = String(scenarios.length).length;
    results = await pool(scenarios, opts.concurrency, async (scenario) => {
      const result = await runScenario(scenario, { today, timeZone: opts.timeZone }).catch((error: unknown): ScenarioResult => ({
        id: scenario.id,
        category: scenario.category,
        passed: false,
        differences: [`the run failed: ${error instanceof Error ? error.message : String(error)}`],
        notes: [],
        turns: [],
        usage: { requests: 0, inputTokens: 0, outputTokens: 0, totalTokens: 0 },
        today: today(),
        tasksAfter: [],
      }));
      done += 1;
      console.log(`[${String(done).padStart(width)}/${scenarios.length}] ${result.passed ? "✓" : "✗"} ${result.id}`);
      return result;
    });
  } finally {
    await closeDb();
    await proxy?.close();
    if (env.pgliteDir) fs.rmSync(env.pgliteDir, { recursive: true, force: true });
  }

  const summary = summarize(results);
  console.log(`\n${failureReport(results)}\n`);
  console.log(`Model: ${choice.label} (${choice.kind}, "${choice.model}")\n`);
  console.log(categoryTable(summary));
  console.log(`\n${latencyLine(summary)}`);
  console.log(tokenLine(summary, choice.kind === "offline"));
  const failedIds = results.filter((r) => !r.passed).map((r) => r.id);
  if (failedIds.length) console.log(`failed: ${failedIds.join(", ")}`);

  const out = opts.json ? path.resolve(opts.json) : path.join(ROOT, "eval", "results", `${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const record = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    model: { kind: choice.kind, model: choice.model, label: choice.label },
    database: env.database,
    timeZone: opts.timeZone ?? "UTC",
    scenarioFile: path.relative(ROOT, path.resolve(opts.scenarios)),
    only: opts.only ?? null,
    summary,
    results,
  };
  fs.writeFileSync(out, `${JSON.stringify(record, null, 2)}\n`);
  console.log(`\nscore ${summary.accuracy.toFixed(1)}% (${summary.passed}/${summary.total}); result written to ${path.relative(process.cwd(), out).startsWith("..") ? out : path.relative(process.cwd(), out)}`);

  if (opts.min !== undefined && summary.accuracy < opts.min) {
    console.log(`below --min ${opts.min}%: exit 1`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ScenarioFileError ? `eval: ${error.message}` : error);
    process.exit(2);
  },
);
