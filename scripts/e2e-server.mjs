// Builds the app and serves it with `next start` for the browser tests: a throwaway PGlite
// directory by default, or the Postgres in E2E_DATABASE_URL through the Neon driver (via the
// loopback WebSocket proxy, after `npm run db:migrate`).
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const port = process.env.E2E_PORT ?? "3100";
const dataDir = path.join(process.cwd(), ".data", `e2e-${port}`);
fs.rmSync(dataDir, { recursive: true, force: true });

const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? "e2e-secret-not-for-production-0123456789",
  BETTER_AUTH_URL: `http://localhost:${port}`,
  PGLITE_DIR: dataDir,
  // The tests give each browser context its own X-Forwarded-For (tests/e2e/helpers.ts), as a
  // trusted proxy would, so Better Auth's per-IP sign-up limit does not lump them together.
  TRUSTED_PROXY_HEADER: "x-forwarded-for",
  // Password reset emails go to the SMTP server tests/e2e/password-reset.spec.ts starts on
  // E2E_PORT + 2000 (5100 in CI); nothing listening there just means no email is delivered.
  SMTP_URL: process.env.SMTP_URL ?? `smtp://127.0.0.1:${Number(port) + 2000}`,
};
delete env.DATABASE_URL;

const children = [];
if (process.env.E2E_DATABASE_URL) {
  const proxyPort = String(Number(port) + 1000);
  children.push(spawn("npx", ["tsx", "tests/helpers/ws-proxy.ts", proxyPort], { stdio: "inherit", env }));
  env.DATABASE_URL = process.env.E2E_DATABASE_URL;
  env.NEON_WS_PROXY = `127.0.0.1:${proxyPort}`;
  execFileSync("npx", ["drizzle-kit", "migrate"], { stdio: "inherit", env });
}

if (process.env.E2E_SKIP_BUILD !== "1") execFileSync("npx", ["next", "build"], { stdio: "inherit", env });
const server = spawn("npx", ["next", "start", "-p", port, "-H", "127.0.0.1"], { stdio: "inherit", env });
children.push(server);
const stop = () => children.forEach((c) => c.kill("SIGTERM"));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
server.on("exit", (code) => {
  stop();
  process.exit(code ?? 0);
});
