import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { db } from "@/db";
import * as schema from "@/db/schema";
import { revokeKeysAfterPasswordChange } from "./api-keys/password-change";
import { displayName, PASSWORD_MAX, PASSWORD_MIN } from "./auth-schemas";
import { outageAware } from "./auth-outage";
import { clientIpHeaders } from "./client-ip";
import { env } from "./env";
import { originPolicy, trustedOriginsFor } from "./origins";
import { signInLockoutAfter, signInLockoutBefore } from "./signin-lockout";

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
  },
  advanced: {
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
      if (ctx.path !== "/sign-up/email" && ctx.path !== "/update-user") return;
      const body = (ctx.body ?? {}) as { name?: unknown; email?: unknown };
      if (typeof body.name === "string") {
        const name = displayName.safeParse(body.name);
        const message = name.success ? (body.name.includes("\u0000") ? "The name cannot contain NUL characters." : null) : name.error.issues[0]!.message;
        if (message) throw new APIError("BAD_REQUEST", { message, code: "INVALID_NAME" });
      }
      // RFC 5321: an address is at most 254 characters.
      if (ctx.path === "/sign-up/email" && typeof body.email === "string" && body.email.length > 254)
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
