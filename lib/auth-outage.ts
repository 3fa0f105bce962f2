import "server-only";
import type { BetterAuthOptions } from "better-auth";
import { APIError } from "better-auth/api";
import { ServiceUnavailableError } from "./errors";
import { isDatabaseUnavailable } from "./http";

/** Seconds a client should wait before trying again while the database is unreachable. */
export const OUTAGE_RETRY_AFTER_SECONDS = 2;

/** The adapter calls that reach the database (every async method of Better Auth's DBAdapter). */
const DATABASE_METHODS = ["create", "findOne", "findMany", "count", "update", "updateMany", "delete", "deleteMany", "consumeOne", "incrementOne", "transaction"];

type AdapterFactory = (options: BetterAuthOptions) => object;

/**
 * Better Auth turns any error that is not its own APIError into an empty 500, and getSession
 * wraps one in a 500 APIError; either way the client cannot tell an outage from a bug. This
 * wraps the database adapter so that a connection failure (refused, reset, timed out) leaves
 * it as a 503 APIError with Retry-After and the same JSON shape as our routes' 503. Better Auth
 * passes its own errors through untouched, so every route answers it, including get-session.
 * The original error stays as `cause`, so our route handlers that call `auth.api` still see
 * (lib/http.ts `errorResponse`) that the database is unavailable.
 */
export function outageAware<F extends AdapterFactory>(factory: F): F {
  return ((options: BetterAuthOptions) => {
    const adapter = factory(options) as Record<string, unknown>;
    const wrapped: Record<string, unknown> = { ...adapter };
    for (const name of DATABASE_METHODS) {
      const method = adapter[name];
      if (typeof method !== "function") continue;
      wrapped[name] = async (...args: unknown[]) => {
        try {
          return await method.apply(adapter, args);
        } catch (error) {
          throw isDatabaseUnavailable(error) ? unavailable(error) : error;
        }
      };
    }
    return wrapped;
  }) as F;
}

function unavailable(cause: unknown): APIError {
  // `code` is Better Auth's error field, `error` ours: a client of either finds what it reads.
  const body = { code: "SERVICE_UNAVAILABLE", error: "service_unavailable", message: new ServiceUnavailableError().message, cause };
  return new APIError("SERVICE_UNAVAILABLE", body, { "Retry-After": String(OUTAGE_RETRY_AFTER_SECONDS) });
}
