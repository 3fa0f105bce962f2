/**
 * Constants shared by the reliability suite's global setup (main process) and its test
 * files (workers). Nothing here imports vitest's runtime, so both sides can load it.
 */

export const CI = process.env.CI === "true" || process.env.CI === "1";

/**
 * The suite's own build directory and database, so it never disturbs other runs. The
 * security suite (vitest.security.config.ts) reuses this toolbox with its own of both.
 */
export const DIST_DIR = process.env.RELIABILITY_DIST_DIR || ".next-rel";
export const PG_URL = process.env.RELIABILITY_PG_URL || "postgres://postgres@127.0.0.1:5432/tasktalk_rel_test";
export const AUTH_SECRET = "reliability-suite-secret-not-for-production-0123456789";

/**
 * One `next start` per test file, each on its own port in 3700–3799, with its loopback
 * ws→tcp proxy on port + 1 and, where a file needs one, the fake OpenAI server on port + 2.
 */
export const PORTS = {
  fuzz: 3710,
  isolation: 3715,
  kill: 3720,
  outage: 3725,
  writers: 3730,
  limits: 3735,
} as const;

export const ALL_PORTS: number[] = Object.values(PORTS).flatMap((p) => [p, p + 1, p + 2]);

export type ReliabilityContext = {
  /** Why the suite cannot run here (no PostgreSQL, port taken, …), or null. */
  skip: string | null;
  /** Where each test file leaves its counts for the closing summary line. */
  statsDir: string;
};

/** What each test file reports for the summary. */
export type FileStats = {
  file: string;
  /** Requests sent and checked. */
  inputs: number;
  /** Responses ≥ 500 that no test asked for (the deliberate database outage is counted apart). */
  fivexx: number;
  leaks: number;
  rowsLost: number;
  details: string[];
};

declare module "vitest" {
  export interface ProvidedContext {
    reliability: ReliabilityContext;
  }
}
