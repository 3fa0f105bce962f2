import "server-only";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { after } from "next/server";
import { db } from "@/db";
import * as schema from "@/db/schema";
import { revokeKeysAfterPasswordChange } from "./api-keys/password-change";
import { revokeAllKeys } from "./api-keys/service";
import { displayName, PASSWORD_MAX, PASSWORD_MIN } from "./auth-schemas";
import { outageAware } from "./auth-outage";
import { clientIpHeaders } from "./client-ip";
import { env } from "./env";
import { RateLimitedError } from "./errors";
import { RESET_TOKEN_SECONDS, sendPasswordResetEmail } from "./mail/password-reset";
import { originPolicy, trustedOriginsFor } from "./origins";
import { safeNextPath } from "./redirects";
import { clearRateLimit, consumeRateLimit } from "./rate-limit";
import { lockoutBucket, signInLockoutAfter, signInLockoutBefore } from "./signin-lockout";

// Production trusts BETTER_AUTH_URL only; a Vercel preview trusts its own URLs (lib/origins.ts).
const origins = originPolicy();
for (const reason of origins.refused) console.warn(`[auth] PREVIEW_TRUSTED_ORIGINS entry ignored: ${reason}`);
const baseURL = origins.baseURL ?? env().BETTER_AUTH_URL;

/** The longest a revoked session keeps working on ordinary requests (the cookie cache's max-age). */
export const SESSION_CACHE_SECONDS = 60;

export const auth = betterAuth({
  appName: "Tasktalk",
  baseURL,
  secret: env().BETTER_AUTH_SECRET,
  trustedOrigins: (request) => trustedOriginsFor(request, origins),
  // A database outage answers 503 + Retry-After from every auth route, not an empty 500.
  database: outageAware(drizzleAdapter(db, { provider: "pg", schema })),
  emailAndPassword: {
    enabled: true,
    minPasswordLength: PASSWORD_MIN,
    maxPasswordLength: PASSWORD_MAX,
    autoSignIn: true,
    // Forgot password: Better Auth's own flow (/request-password-reset, /reset-password). The email
    // links to our /reset-password page (lib/mail/password-reset.ts), whatever `redirectTo` said.
    sendResetPassword: async ({ user, url, token }) => {
      // Per address, on top of the per-IP limit below: many addresses must not flood one inbox.
      // Over the limit nothing is sent, and the answer stays the same (no enumeration).
      if (!(await underResetMailLimit(user.email))) return console.warn("[auth] password reset mails for one address over the hourly limit: not sent");
      await sendPasswordResetEmail(user, url, token);
    },
    resetPasswordTokenExpiresIn: RESET_TOKEN_SECONDS,
    // A reset is what someone does when they think another person has the password: every session
    // ends, every API key stops working, and a sign-in lockout on the account is lifted.
    revokeSessionsOnPasswordReset: true,
    onPasswordReset: async ({ user }) => {
      await revokeAllKeys(user.id);
      const bucket = lockoutBucket({ email: user.email });
      if (bucket) await clearRateLimit(bucket);
    },
  },
  session: {
    expiresIn: 60 * 60 * 24 * 30,
    // A signed cookie carries the session for SESSION_CACHE_SECONDS, so most requests (a chat
    // turn among them) skip the session lookup in the database. The price: a session revoked
    // elsewhere keeps working for ordinary requests until the cookie's max-age runs out. Sign-out
    // clears the cookie at once in that browser; Better Auth's own sensitive routes (password,
    // sessions) and ours that mint credentials (lib/session.ts `fresh`) always ask the database.
    cookieCache: { enabled: true, maxAge: SESSION_CACHE_SECONDS },
    updateAge: 60 * 60 * 24,
  },
  // Errors that are not Better Auth's own reach app/api/auth/[...all]/route.ts, which answers them
  // as JSON (503 + Retry-After for a database outage) instead of Better Auth's empty 500.
  // Its own APIErrors (400, 401, 403, 429 …) are answered by Better Auth as before.
  onAPIError: { throw: true },
  rateLimit: {
    // On in production. Stored in the database so the limit holds across serverless instances.
    storage: "database",
    modelName: "rateLimit",
    customRules: {
      // Each request may send an email: 3 per minute per client (Better Auth's default, pinned here).
      "/request-password-reset": { window: 60, max: 3 },
      // Setting the new password: a few tries per client (a mistyped confirmation never gets here).
      "/reset-password": { window: 60, max: 10 },
      "/reset-password/*": { window: 60, max: 10 },
    },
  },
  advanced: {
    // The reset email is sent after the answer, so an existing address does not answer slower
    // than an unknown one (a timing oracle for enumeration). `after` keeps a serverless function
    // alive until it is sent; outside a Next request (tests, scripts) the promise just runs.
    backgroundTasks: { handler: runAfterResponse },
    // __Secure- cookies with the Secure flag whenever the app is served over https.
    useSecureCookies: baseURL?.startsWith("https://") ?? false,
    // Per-IP limits are only as good as the IP: never a header the client can set (lib/client-ip.ts).
    ipAddress: { ipAddressHeaders: clientIpHeaders() },
  },
  hooks: {
    // Better Auth checks that the name is a string, nothing more: the forms' rules are enforced
    // here too, so a direct request cannot store an empty or 20,000-character name.
    before: createAuthMiddleware(async (ctx) => {
      await signInLockoutBefore(ctx);
      refuseForeignRedirect(ctx);
      refuseMalformedResetToken(ctx);
      if (ctx.path !== "/sign-up/email" && ctx.path !== "/update-user" && ctx.path !== "/request-password-reset") return;
      const body = (ctx.body ?? {}) as { name?: unknown; email?: unknown };
      if (typeof body.name === "string") {
        const name = displayName.safeParse(body.name);
        const message = name.success ? (body.name.includes("\u0000") ? "The name cannot contain NUL characters." : null) : name.error.issues[0]!.message;
        if (message) throw new APIError("BAD_REQUEST", { message, code: "INVALID_NAME" });
      }
      // RFC 5321: an address is at most 254 characters.
      if (ctx.path !== "/update-user" && typeof body.email === "string" && body.email.length > 254)
        throw new APIError("BAD_REQUEST", { message: "Email addresses have at most 254 characters.", code: "INVALID_EMAIL" });
    }),
    after: createAuthMiddleware(async (ctx) => {
      await signInLockoutAfter(ctx);
      await revokeKeysAfterPasswordChange(ctx);
    }),
  },
  plugins: [nextCookies()],
});

export type Session = typeof auth.$Infer.Session;

function runAfterResponse(task: Promise<unknown>): void {
  try {
    after(task);
  } catch {
    void task;
  }
}

const RESET_MAILS_PER_HOUR = 5;

async function underResetMailLimit(email: string): Promise<boolean> {
  try {
    await consumeRateLimit(`reset-mail:${email.toLowerCase()}`, RESET_MAILS_PER_HOUR, 60 * 60, "");
    return true;
  } catch (error) {
    if (error instanceof RateLimitedError) return false;
    throw error;
  }
}

/**
 * The reset flow's redirects (`redirectTo` when asking for a link, `callbackURL` on Better Auth's
 * GET /reset-password/:token, which redirects there with the token in the query) must be a path
 * on this site. Better Auth checks them against trustedOrigins too, but not in every environment
 * (it skips the check under NODE_ENV=test), and a token sent to another site is an account lost.
 * Our emails link to /reset-password directly and send neither.
 */
function refuseForeignRedirect(ctx: { path?: string; body?: unknown; query?: unknown }): void {
  const target =
    ctx.path === "/request-password-reset"
      ? (ctx.body as { redirectTo?: unknown } | undefined)?.redirectTo
      : ctx.path?.startsWith("/reset-password/")
        ? (ctx.query as { callbackURL?: unknown } | undefined)?.callbackURL
        : undefined;
  if (target === undefined || target === "" || sameSitePath(target)) return;
  throw new APIError("FORBIDDEN", { message: "The redirect must stay on this site.", code: "INVALID_REDIRECT_URL" });
}

function sameSitePath(target: unknown): boolean {
  if (typeof target !== "string") return false;
  if (target.startsWith("/")) return safeNextPath(target) !== null;
  try {
    const url = new URL(target);
    return !!baseURL && url.origin === new URL(baseURL).origin && safeNextPath(`${url.pathname}${url.search}`) !== null;
  } catch {
    return false;
  }
}

const RESET_TOKEN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Better Auth looks any token up as is: a NUL or a lone surrogate makes PostgreSQL refuse the
 * query (a 500). Its tokens are short and alphanumeric, so anything else is simply invalid.
 */
function refuseMalformedResetToken(ctx: { path?: string; body?: unknown; query?: unknown }): void {
  if (ctx.path !== "/reset-password") return;
  const token = (ctx.body as { token?: unknown } | undefined)?.token || (ctx.query as { token?: unknown } | undefined)?.token;
  if (token === undefined || (typeof token === "string" && RESET_TOKEN.test(token))) return;
  throw new APIError("BAD_REQUEST", { message: "Invalid token", code: "INVALID_TOKEN" });
}

/** Whether a reset token from a link exists and has not expired (read only: it is not consumed). */
export async function resetTokenUsable(token: string): Promise<boolean> {
  if (!RESET_TOKEN.test(token)) return false;
  const context = await auth.$context;
  const verification = await context.internalAdapter.findVerificationValue(`reset-password:${token}`);
  return !!verification && verification.expiresAt > new Date();
}
