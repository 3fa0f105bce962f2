import "server-only";
import { APIError } from "better-auth/api";
import { z } from "zod";
import { RateLimitedError } from "./errors";
import { clearRateLimit, consumeRateLimit, limitFromEnv } from "./rate-limit";

/**
 * A per-account limit on password guesses, on top of Better Auth's per-IP limit (which an
 * attacker with many addresses gets around). Each sign-in attempt for an email counts in a
 * database window shared by every instance; the right password clears it, so the count is the
 * run of failures. Counting the attempt before the password is checked (not the failure after)
 * keeps it atomic: a burst of parallel guesses cannot all slip in under the limit.
 *
 * Unknown emails are counted and refused exactly like real accounts, so the answer never tells
 * whether an account exists. The cost: anyone can lock an account for one window by guessing
 * wrong, which is why the window is short and the message says when to try again.
 */

export const SIGN_IN_PATH = "/sign-in/email";

// No control characters: PostgreSQL refuses a NUL in the bucket's text (a 500); Better Auth refuses such an email anyway.
const signInBody = z.object({ email: z.string().trim().toLowerCase().min(1).max(254).regex(/^[^\u0000-\u001f\u007f]*$/) });

export function signInLockoutLimit(env: NodeJS.ProcessEnv = process.env) {
  return limitFromEnv("SIGNIN_FAILURE", { limit: 5, windowSeconds: 15 * 60 }, env);
}

/** The bucket for an email as Better Auth will look it up (it lowercases), or null if the body has none. */
export function lockoutBucket(body: unknown): string | null {
  const parsed = signInBody.safeParse(body);
  return parsed.success ? `signin-fail:${parsed.data.email}` : null;
}

function minutes(seconds: number): string {
  const m = Math.ceil(seconds / 60);
  return m <= 1 ? "a minute" : `${m} minutes`;
}

/** Better Auth `hooks.before`: counts the attempt, or refuses with 429 and Retry-After once the account is locked. */
export async function signInLockoutBefore(ctx: { path?: string; body?: unknown }): Promise<void> {
  if (ctx.path !== SIGN_IN_PATH) return;
  const bucket = lockoutBucket(ctx.body);
  if (!bucket) return;
  const { limit, windowSeconds } = signInLockoutLimit();
  try {
    await consumeRateLimit(bucket, limit, windowSeconds, "{seconds}");
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    const seconds = error.retryAfterSeconds;
    throw new APIError(
      "TOO_MANY_REQUESTS",
      {
        message: `Too many failed sign-ins for this account. Try again in ${minutes(seconds)}.`,
        code: "ACCOUNT_LOCKED",
      },
      { "Retry-After": String(seconds) },
    );
  }
}

/** Better Auth `hooks.after`: a successful sign-in clears the account's failures. */
export async function signInLockoutAfter(ctx: { path?: string; body?: unknown; context: { returned?: unknown } }): Promise<void> {
  if (ctx.path !== SIGN_IN_PATH) return;
  const returned = ctx.context.returned;
  if (returned === undefined || returned instanceof Error) return;
  const bucket = lockoutBucket(ctx.body);
  if (bucket) await clearRateLimit(bucket);
}
