import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

/**
 * A production `next start` in its own process group, for tests that kill and restart the
 * server. SIGKILL goes to the whole group, so no child keeps the port.
 */

export const NEXT_BIN = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
/** The build directory: next.config.ts honours NEXT_DIST_DIR, so parallel runs can keep separate builds. */
export const DIST_DIR = process.env.NEXT_DIST_DIR || ".next";
export const BUILD_ID_FILE = path.join(process.cwd(), DIST_DIR, "BUILD_ID");
const ROUTES_MANIFEST = path.join(process.cwd(), DIST_DIR, "app-path-routes-manifest.json");

/** Whether the build in DIST_DIR exists and serves `route` (e.g. "/api/chat"), so a stale build is not mistaken for a good one. */
export function buildServes(route: string): boolean {
  if (!fs.existsSync(BUILD_ID_FILE)) return false;
  try {
    return Object.values(JSON.parse(fs.readFileSync(ROUTES_MANIFEST, "utf8")) as Record<string, string>).includes(route);
  } catch {
    return false;
  }
}

/** Whether nothing listens on host:port. */
export function portFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/** The environment for `next build` / `next start`: the caller's, without what the test runner set for itself. */
export function serverEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Next sets NODE_ENV itself; vitest's "test" would make `next start` misbehave. Vitest's TEST=true
  // would make Better Auth skip its Origin/CSRF checks (isTest()), so the server under test must not see it.
  for (const key of ["NODE_ENV", "TEST", "DATABASE_URL", "NEON_WS_PROXY", "TEST_PG_URL", "GEMINI_API_KEY", "GEMINI_BASE_URL", "AGENT_MODEL"]) delete env[key];
  for (const key of Object.keys(env)) if (key.startsWith("VITEST")) delete env[key];
  return { ...env, NEXT_TELEMETRY_DISABLED: "1", ...extra };
}

/** Runs `next build`, streaming its output; rejects with the tail of the output if it fails. */
export async function nextBuild(env: NodeJS.ProcessEnv): Promise<number> {
  const started = Date.now();
  const child = spawn(process.execPath, [NEXT_BIN, "build"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let tail = "";
  const keep = (chunk: Buffer) => {
    process.stdout.write(chunk);
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`next build failed (exit ${code}):\n${tail}`);
  return Date.now() - started;
}

export class NextServer {
  private log = "";
  private exited: Promise<void>;
  private alive = true;

  private constructor(
    readonly child: ChildProcess,
    readonly baseURL: string,
  ) {
    const keep = (chunk: Buffer) => {
      this.log = (this.log + chunk.toString()).slice(-20_000);
    };
    child.stdout!.on("data", keep);
    child.stderr!.on("data", keep);
    this.exited = new Promise((resolve) =>
      child.on("exit", () => {
        this.alive = false;
        resolve();
      }),
    );
    liveGroups.add(child.pid!);
  }

  /** Starts `next start -p <port> -H 127.0.0.1` as the leader of a new process group. */
  static start(port: number, env: NodeJS.ProcessEnv): NextServer {
    const child = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    if (!child.pid) throw new Error("could not spawn next start");
    return new NextServer(child, `http://127.0.0.1:${port}`);
  }

  get output(): string {
    return this.log;
  }

  get running(): boolean {
    return this.alive;
  }

  /** Polls `path` until it answers 200; returns the milliseconds since `since`. */
  async waitReady(since: number, timeoutMs = 60_000, urlPath = "/"): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    let last = "no answer yet";
    while (Date.now() < deadline) {
      if (!this.alive) throw new Error(`next start exited before it was ready:\n${this.log}`);
      try {
        const res = await fetch(`${this.baseURL}${urlPath}`, { redirect: "manual", signal: AbortSignal.timeout(5000) });
        await res.arrayBuffer();
        if (res.status === 200) return Date.now() - since;
        last = `HTTP ${res.status}`;
      } catch (error) {
        last = String((error as Error).cause ?? error);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`next start did not answer 200 on ${urlPath} within ${timeoutMs} ms (last: ${last}):\n${this.log}`);
  }

  /** SIGKILL to the whole process group, then waits for the leader to be gone. */
  async kill(): Promise<void> {
    killGroup(this.child.pid!);
    await this.exited;
  }
}

const liveGroups = new Set<number>();

function killGroup(pid: number) {
  liveGroups.delete(pid);
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

// Should the test runner itself go away, take the servers with it rather than leave them on the port.
process.once("exit", () => {
  for (const pid of liveGroups) killGroup(pid);
});
