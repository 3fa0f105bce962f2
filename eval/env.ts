import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseEnv } from "node:util";

/**
 * The eval's environment, set before any app module is loaded (they read it at import):
 * the auth settings the in-process sign-up needs, a chat rate limit no run reaches, and a
 * database: a fresh embedded PGlite in a temporary directory unless DATABASE_URL is set.
 */

/** Only these are taken from .env.local, so a key kept there is used but its DATABASE_URL is never written to. */
export const MODEL_VARIABLES = ["OPENAI_API_KEY", "OPENAI_BASE_URL", "GEMINI_API_KEY", "GEMINI_BASE_URL", "AGENT_MODEL", "AGENT_API"] as const;

export type PreparedEnv = { database: string; modelSettingsFrom: string | null; pgliteDir: string | null; localPostgres: boolean };

function readModelSettings(root: string): string | null {
  const file = path.join(root, ".env.local");
  if (!fs.existsSync(file)) return null;
  const values = parseEnv(fs.readFileSync(file, "utf8"));
  const taken = MODEL_VARIABLES.filter((name) => process.env[name] === undefined && values[name]?.trim());
  for (const name of taken) process.env[name] = values[name];
  return taken.length ? `.env.local (${taken.join(", ")})` : null;
}

export function prepareEnv(root: string): PreparedEnv {
  const modelSettingsFrom = process.env.EVAL_IGNORE_ENV_FILE === "1" ? null : readModelSettings(root);
  process.env.BETTER_AUTH_SECRET ||= randomBytes(32).toString("base64url");
  // The sign-up helper speaks to Better Auth as http://localhost:3000; the origin must match.
  process.env.BETTER_AUTH_URL = "http://localhost:3000";
  process.env.AGENT_TRACING ??= "0";
  process.env.CHAT_RATE_LIMIT = "1000000";

  const url = process.env.DATABASE_URL?.trim();
  if (url) {
    const host = new URL(url).hostname;
    const localPostgres = ["localhost", "127.0.0.1", "::1"].includes(host) && !process.env.NEON_WS_PROXY;
    return { database: `PostgreSQL ${host}${new URL(url).pathname} (DATABASE_URL)`, modelSettingsFrom, pgliteDir: null, localPostgres };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tasktalk-eval-pglite-"));
  process.env.PGLITE_DIR = dir;
  return { database: `PGlite in ${dir} (temporary)`, modelSettingsFrom, pgliteDir: dir, localPostgres: false };
}
