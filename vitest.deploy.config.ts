import { DEFAULT_DIST_DIR, DEFAULT_PG_URL } from "./tests/deploy/config.ts";
import { serverSuiteConfig } from "./tests/reliability/suite-config.ts";

/**
 * `npm run test:deploy`: the app as Vercel runs it. The build's migration step against empty
 * PostgreSQL databases, and `next start` with a preview's or production's system variables
 * (origins, cookies, a missing DATABASE_URL), on this suite's own build dir and database
 * (DEPLOY_DIST_DIR, DEPLOY_PG_URL; DEPLOY_SKIP_BUILD=1 reuses a build).
 */
export default serverSuiteConfig("deploy", {
  distDir: process.env.DEPLOY_DIST_DIR || DEFAULT_DIST_DIR,
  pgUrl: process.env.DEPLOY_PG_URL || DEFAULT_PG_URL,
});
