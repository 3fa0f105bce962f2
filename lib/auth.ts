import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { db } from "@/db";
import * as schema from "@/db/schema";
import { revokeKeysAfterPasswordChange } from "./api-keys/password-change";
import { displayName, PASSWORD_MAX, PASSWORD_MIN } from "./auth-schemas";
import { clientIpHeaders } from "./client-ip";
import { env } from "./env";
import { originPolicy, trustedOriginsFor } from "./origins";
import { signInLockoutAfter, signInLockoutBefore } from "./signin-lockout";

// Production trusts BETTER_AUTH_URL only; a Vercel preview trusts its own URLs (lib/origins.ts).
const origins = originPolicy();
for (const reason of origins.refused) console.warn(`[auth] PREVIEW_TRUSTED_ORIGINS entry ignored: ${reason}`);
const baseURL = origins.baseURL ?? env().BETTER_AUTH_URL;

export const auth = betterAuth({
  appName: "Tasktalk",
  baseURL,
  secret: env().BETTER_AUTH_SECRET,
  trustedOrigins: (request) => trustedOriginsFor(request, origins),
  database: drizzleAdapter(db, { provider: "pg", schema }),
  emailAndPassword: {
    enabled: true,
    minPasswordLength: PASSWORD_MIN,
    maxPasswordLength: PASSWORD_MAX,
    autoSignIn: true,
  },
  session: {
    // A cookie cache would save a query per request, but a revoked session must stop at once.
    expiresIn: 60 * 60 * 24 * 30,
    updateAge: 60 * 60 * 24,
  },
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
