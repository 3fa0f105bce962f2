// The first half of `npm run vercel-build` (Vercel runs it instead of `build`): production and
// preview deployments migrate their own database before `next build`. With Neon's integration a
// preview has its own branch, cloned from its parent, so a pull request's migration runs on the
// preview's copy. Plain `npm run build` never migrates.
import { migrationUrl, runMigrations } from "./lib/migrate.mjs";
import { checkBuildEnv } from "./lib/build-env.mjs";

const fail = (message) => {
  console.error(`\nvercel-build: ${message}\n`);
  process.exit(1);
};

const problem = checkBuildEnv();
if (problem) fail(problem);

const target = process.env.VERCEL_ENV;
if (target === "production" || target === "preview") {
  const url = migrationUrl();
  if (!url)
    fail(
      `DATABASE_URL is not set for the ${target} environment, so its database cannot be migrated. ` +
        "Add the Neon integration (Vercel → Storage → Neon: it sets DATABASE_URL and DATABASE_URL_UNPOOLED, with a branch per preview) " +
        "or set DATABASE_URL under Project → Settings → Environment Variables, then redeploy.",
    );
  try {
    await runMigrations(url);
  } catch (error) {
    fail(`migrating the ${target} database failed: ${error.message}`);
  }
} else {
  console.log(`vercel-build: VERCEL_ENV=${target ?? "(unset)"}: no migration (only production and preview migrate)`);
}
