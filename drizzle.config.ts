import { defineConfig } from "drizzle-kit";

// `db:generate` needs no database. `db:migrate` applies db/migrations to DATABASE_URL
// (a Neon or any Postgres URL); the embedded PGlite database migrates itself on start.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./db/migrations",
  dbCredentials: { url: process.env.DATABASE_URL ?? "postgres://localhost:5432/unset" },
});
