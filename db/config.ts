import "server-only";
import { ServiceUnavailableError } from "@/lib/errors";

export const MISSING_DATABASE_URL =
  "DATABASE_URL is not set. On Vercel the embedded database cannot run (the function's files are read-only): " +
  "add the Neon integration, or set DATABASE_URL for this environment, and redeploy.";

/** On Vercel a database URL is required; locally, without one, the app uses embedded PGlite. */
export function databaseConfigProblem(env: NodeJS.ProcessEnv = process.env): string | null {
  return env.VERCEL && !env.DATABASE_URL?.trim() ? MISSING_DATABASE_URL : null;
}

/** A 503 that names the missing variable, instead of a 500 from deep inside a driver. */
export class DatabaseNotConfiguredError extends ServiceUnavailableError {
  constructor() {
    super(MISSING_DATABASE_URL);
  }
}

/** For routes that reach the database through a library (Better Auth) that would turn the error into an empty 500. */
export function assertDatabaseConfigured(): void {
  if (databaseConfigProblem()) throw new DatabaseNotConfiguredError();
}
