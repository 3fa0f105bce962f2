export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Rate limits need the client's real address; see lib/client-ip.ts.
  const { installPeerAddressStamp } = await import("./lib/client-ip");
  installPeerAddressStamp();
  // A deployment's database is migrated by its build (scripts/migrate.mjs), never at start-up.
  if (process.env.DATABASE_URL) return;
  const { databaseConfigProblem } = await import("./db/config");
  const problem = databaseConfigProblem();
  if (problem) {
    // Said once, at start-up; requests that need the database answer 503 with the same words.
    console.error(`[tasktalk] ${problem}`);
    return;
  }
  const { migrateEmbedded } = await import("./db");
  await migrateEmbedded();
}
