/**
 * The security suite's ports: one `next start` per test file, each base port in 3800–3899
 * with its ws→tcp proxy on base + 1 and base + 2 spare (the reliability harness's layout).
 * 3800–3849 and 3850–3899 are kept apart so files can be added without clashing.
 */
export const PORTS = {
  redirect: 3800,
  bodyCaps: 3805,
  mcpLimits: 3810,
  mcpRate: 3815,
  apiKeys: 3820,
  boundedInput: 3825,
  notFound: 3830,
  calendarFeed: 3835,
  plantedTitle: 3890,
  clientIp: 3850,
  signInLockout: 3855,
  headers: 3860,
  crossSite: 3865,
} as const;

export const ALL_PORTS: number[] = Object.values(PORTS).flatMap((p) => [p, p + 1, p + 2]);

/** Where the suite builds and which database it empties, unless told otherwise. */
export const DEFAULT_DIST_DIR = ".next-sec";
export const DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/tasktalk_sec_test";
