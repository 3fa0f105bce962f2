import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * A production `next start` that a browser spec manages itself, so it can stop the server
 * and start it again on the same data: its own build directory (NEXT_DIST_DIR), its own
 * port, and a fixed PGlite directory for the whole run. The process runs in its own process
 * group, so stopping it leaves nothing on the port.
 */

const ROOT = process.cwd();
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
/** What a build depends on; if none of it changed since the last build into the directory, that build is reused. */
const SOURCES = ["app", "components", "lib", "db", "mcp", "proxy.ts", "instrumentation.ts", "next.config.ts", "package-lock.json", "postcss.config.mjs"];

export type ChatServerOptions = {
  port: number;
  /** Build directory, relative to the project (passed as NEXT_DIST_DIR). */
  distDir: string;
  /** Extra environment for the build and the server, e.g. NEXT_PUBLIC_CHAT_UI. */
  env?: Record<string, string>;
  /** Extra environment for the server only (not part of the build). */
  runtimeEnv?: Record<string, string>;
};

function walk(target: string, out: string[]) {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    return;
  }
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(target).sort()) if (name !== "node_modules" && !name.startsWith(".")) walk(path.join(target, name), out);
  } else out.push(`${path.relative(ROOT, target)}:${stat.size}:${stat.mtimeMs}`);
}

function fingerprint(env: Record<string, string>): string {
  const entries: string[] = [];
  for (const source of SOURCES) walk(path.join(ROOT, source), entries);
  return createHash("sha256").update(JSON.stringify({ entries, env })).digest("hex");
}

export class ChatServer {
  readonly baseURL: string;
  readonly dataDir: string;
  private child: ChildProcess | null = null;
  private log = "";

  constructor(private readonly opts: ChatServerOptions) {
    // Better Auth checks the origin against BETTER_AUTH_URL, so the browser must use this exact origin.
    this.baseURL = `http://localhost:${opts.port}`;
    this.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tasktalk-chat-e2e-"));
  }

  private env(runtime = false): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const key of ["NODE_ENV", "DATABASE_URL", "NEON_WS_PROXY", "PORT"]) delete env[key];
    return {
      ...env,
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_DIST_DIR: this.opts.distDir,
      PGLITE_DIR: this.dataDir,
      BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? "e2e-secret-not-for-production-0123456789",
      BETTER_AUTH_URL: this.baseURL,
      // The specs give each browser context its own X-Forwarded-For, as a trusted proxy would,
      // so Better Auth's per-IP sign-up limit does not lump them together.
      TRUSTED_PROXY_HEADER: "x-forwarded-for",
      ...this.opts.env,
      ...(runtime ? this.opts.runtimeEnv : {}),
    };
  }

  /** Builds into the directory unless a build of exactly these sources and settings is there already. */
  async build(): Promise<{ built: boolean; ms: number }> {
    const started = Date.now();
    const stamp = path.join(ROOT, this.opts.distDir, "chat-e2e-fingerprint");
    const print = fingerprint(this.opts.env ?? {});
    if (fs.existsSync(path.join(ROOT, this.opts.distDir, "BUILD_ID")) && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === print) {
      return { built: false, ms: Date.now() - started };
    }
    const child = spawn(process.execPath, [NEXT_BIN, "build"], { cwd: ROOT, env: this.env(), stdio: ["ignore", "pipe", "pipe"] });
    let tail = "";
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-6000);
    };
    child.stdout!.on("data", keep);
    child.stderr!.on("data", keep);
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    if (code !== 0) throw new Error(`next build into ${this.opts.distDir} failed (exit ${code}):\n${tail}`);
    fs.writeFileSync(stamp, print);
    return { built: true, ms: Date.now() - started };
  }

  /** Starts `next start` and waits until `/` answers 200. */
  async start(timeoutMs = 90_000): Promise<void> {
    if (this.child) throw new Error("The chat server is already running.");
    this.log = "";
    const child = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(this.opts.port), "-H", "127.0.0.1"], {
      cwd: ROOT,
      env: this.env(true),
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.log = (this.log + chunk.toString()).slice(-20_000);
    };
    child.stdout!.on("data", keep);
    child.stderr!.on("data", keep);
    let exited = false;
    child.once("exit", () => {
      exited = true;
    });
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (exited) throw new Error(`next start exited before it was ready:\n${this.log}`);
      try {
        const res = await fetch(`http://127.0.0.1:${this.opts.port}/`, { signal: AbortSignal.timeout(5000) });
        if (res.status === 200) return;
      } catch {}
      await new Promise((r) => setTimeout(r, 250));
    }
    await this.stop();
    throw new Error(`next start was not ready within ${timeoutMs} ms:\n${this.log}`);
  }

  /** SIGTERM to the whole process group, then SIGKILL if it does not go within `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const signal = (sig: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, sig);
      } catch {}
    };
    signal("SIGTERM");
    const timer = setTimeout(() => signal("SIGKILL"), graceMs);
    await gone;
    clearTimeout(timer);
  }

  /** Stops the server and deletes its data. */
  async dispose(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }

  get output(): string {
    return this.log;
  }
}
