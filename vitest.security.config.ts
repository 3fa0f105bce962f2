import { DEFAULT_DIST_DIR, DEFAULT_PG_URL } from "./tests/security/config.ts";
import { serverSuiteConfig } from "./tests/reliability/suite-config.ts";

/**
 * `npm run test:security`: each attack from the security review tried against a real
 * `next start` on PostgreSQL through the Neon driver, with the reliability suite's toolbox, on
 * this suite's own build dir and database (SECURITY_DIST_DIR, SECURITY_PG_URL;
 * SECURITY_SKIP_BUILD=1 reuses a build).
 */
export default serverSuiteConfig("security", {
  distDir: process.env.SECURITY_DIST_DIR || DEFAULT_DIST_DIR,
  pgUrl: process.env.SECURITY_PG_URL || DEFAULT_PG_URL,
});
