import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { nextCookies } from "better-auth/next-js";
import { db } from "@/db";
import * as schema from "@/db/schema";
import { PASSWORD_MAX, PASSWORD_MIN } from "./auth-schemas";
import { env } from "./env";

const baseURL = env().BETTER_AUTH_URL;

export const auth = betterAuth({
  appName: "Tasktalk",
  baseURL,
  secret: env().BETTER_AUTH_SECRET,
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
  plugins: [nextCookies()],
});

export type Session = typeof auth.$Infer.Session;
