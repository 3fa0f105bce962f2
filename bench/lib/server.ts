import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** Building and serving the app for the benchmark: its own dist dir, its own process group. */

export const ROOT = process.cwd();
/** BENCH_DIST_DIR lets two benchmarks (or a benchmark beside a test run) keep separate builds. */
export const DIST_DIR = process.env.BENCH_DIST_DIR || ".next-bench";
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");

const TOUCHED_BY_BUILD = ["next-env.d.ts", "tsconfig.json"];

/** The caller's environment without anything that would pick another database or a real model. */
export function serverEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(OPENAI_|GEMINI_|AGENT_|VITEST|E2E_|BENCH_)/.test(key)) delete env[key];
  }
  for (const key of ["NODE_ENV", "DATABASE_URL", "NEON_WS_PROXY", "PGLITE_DIR", "TEST_PG_URL", "DATABASE_POOL_MAX", "NEXT_PUBLIC_CHAT_UI", "PORT"]) delete env[key];
  return {
    ...env,
    NEXT_DIST_DIR: DIST_DIR,
    NEXT_TELEMETRY_DISABLED: "1",
    BETTER_AUTH_SECRET: "bench-secret-not-for-production-0123456789abcdef",
    CHAT_RATE_LIMIT: "1000000",
    MCP_RATE_LIMIT: "1000000",
    AGENT_TRACING: "0",
    ...extra,
  };
}

/** Whether the dist dir holds a finished build that has the bench routes. */
export function buildExists(): boolean {
  try {
    const routes = JSON.parse(fs.readFileSync(path.join(ROOT, DIST_DIR, "app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
    return fs.existsSync(path.join(ROOT, DIST_DIR, "BUILD_ID")) && Object.values(routes).includes("/api/_bench/baseline");
  } catch {
    return false;
  }
}

/**
 * `next build` adds its dist dir's type folders to tsconfig.json's include list and points
 * next-env.d.ts at them. Both files are shared by every build in this tree, so afterwards the
 * benchmark takes out exactly its own entries (and nothing else, so another build's changes stay).
 * Next also rewrites tsconfig.json in its own formatting: when what is left means the same as the
 * file before the build, the file goes back to its text before, so the tree shows no change.
 */
function undoBuildEdits(saved: Map<string, string | null>) {
  if (fs.existsSync("tsconfig.json")) {
    const text = fs.readFileSync("tsconfig.json", "utf8");
    try {
      const config = JSON.parse(text) as { include?: string[] };
      const nextFormatted = JSON.stringify(config, null, 2) + "\n" === text;
      if (config.include?.some((p) => p.startsWith(`${DIST_DIR}/`))) {
        if (nextFormatted) {
          config.include = config.include.filter((p) => !p.startsWith(`${DIST_DIR}/`));
          const before = saved.get("tsconfig.json");
          const same = before !== null && before !== undefined && JSON.stringify(JSON.parse(before)) === JSON.stringify(config);
          fs.writeFileSync("tsconfig.json", same ? before : JSON.stringify(config, null, 2) + "\n");
        } else console.warn(`  note: tsconfig.json lists ${DIST_DIR} but is not in Next's format; left as is`);
      }
    } catch {}
  }
  const before = saved.get("next-env.d.ts");
  if (before && fs.existsSync("next-env.d.ts")) {
    const after = fs.readFileSync("next-env.d.ts", "utf8");
    const imports = /^import .*\n/gm;
    if (after !== before && after.includes(DIST_DIR) && after.replace(imports, "") === before.replace(imports, "")) fs.writeFileSync("next-env.d.ts", before);
  }
}

/** Runs `next build` into DIST_DIR. Returns its output; puts back the shared files it rewrote. */
export async function buildApp(env: NodeJS.ProcessEnv, logFile: string): Promise<{ ms: number; output: string }> {
  const saved = new Map(TOUCHED_BY_BUILD.map((f) => [f, fs.existsSync(f) ? fs.readFileSync(f, "utf8") : null]));
  const started = Date.now();
  const child = spawn(process.execPath, [NEXT_BIN, "build"], { env, cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  fs.writeFileSync(logFile, output);
  undoBuildEdits(saved);
  if (code !== 0) throw new Error(`next build failed (exit ${code}); log: ${logFile}\n${output.slice(-3000)}`);
  return { ms: Date.now() - started, output };
}

const liveGroups = new Set<number>();
process.once("exit", () => {
  for (const pid of liveGroups) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {}
  }
});

export class NextServer {
  private log = "";
  private readonly exited: Promise<void>;
  private alive = true;
  /** The pid of the process that serves requests (reported by the server itself). */
  serverPid = 0;

  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {
    const keep = (chunk: Buffer) => {
      this.log = (this.log + chunk.toString()).slice(-50_000);
    };
    child.stdout!.on("data", keep);
    child.stderr!.on("data", keep);
    this.exited = new Promise((resolve) =>
      child.on("exit", () => {
        this.alive = false;
        liveGroups.delete(child.pid!);
        resolve();
      }),
    );
    liveGroups.add(child.pid!);
  }

  get baseURL() {
    return `http://127.0.0.1:${this.port}`;
  }

  get output() {
    return this.log;
  }

  /** `next start` as the leader of a new process group, so stopping it takes every child along. */
  static async start(port: number, env: NodeJS.ProcessEnv, timeoutMs = 90_000): Promise<NextServer> {
    const child = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"], { env, cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    if (!child.pid) throw new Error("could not spawn next start");
    const server = new NextServer(child, port);
    const deadline = Date.now() + timeoutMs;
    let last = "no answer";
    while (Date.now() < deadline) {
      if (!server.alive) throw new Error(`next start exited:\n${server.log}`);
      try {
        const res = await fetch(`${server.baseURL}/api/_bench/queries`, { signal: AbortSignal.timeout(5000) });
        const body = await res.text();
        if (res.status === 200) {
          server.serverPid = (JSON.parse(body) as { pid: number }).pid;
          return server;
        }
        last = `HTTP ${res.status} ${body.slice(0, 200)}`;
      } catch (error) {
        last = String((error as Error).cause ?? error);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    await server.stop();
    throw new Error(`next start did not answer within ${timeoutMs} ms (last: ${last}):\n${server.log}`);
  }

  /** SIGTERM to the group (PGlite gets to shut down), SIGKILL if it lingers. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.alive) return;
    const pid = this.child.pid!;
    try {
      process.kill(-pid, "SIGTERM");
    } catch {}
    const timer = setTimeout(() => {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {}
    }, graceMs);
    await this.exited;
    clearTimeout(timer);
    // Children of the group (if any) go too.
    try {
      process.kill(-pid, "SIGKILL");
    } catch {}
  }
}

/** Resident memory of a process in MiB, from /proc/<pid>/status (VmRSS). */
export function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

/** The lines of `next build`'s route table for the given routes. */
export function routeTableLines(output: string, routes: string[]): string[] {
  const plain = output.replace(/\x1b\[[0-9;]*m/g, "");
  return plain.split("\n").filter((line) => routes.some((r) => new RegExp(`[─├└┌│]\\s*.?\\s*${r.replace(/\//g, "\\/")}(\\s|$)`).test(line)));
}
