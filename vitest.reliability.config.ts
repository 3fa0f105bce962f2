import { serverSuiteConfig } from "./tests/reliability/suite-config.ts";

/**
 * `npm run test:reliability`: bad input, cross-user probes, a server killed mid-stream, the
 * database going away, concurrent writers and rate limits, all against a real `next start`
 * (built into .next-rel) on PostgreSQL through the Neon driver. One file at a time: each
 * starts its own server on its own port, and the fuzz test compares global row counts.
 */
export default serverSuiteConfig("reliability");
