/** The deploy suite's ports (3900–3919: base, base + 1 for its ws→tcp proxy), build dir and database. */
export const PORTS = {
  preview: 3900,
  production: 3905,
  noDatabase: 3910,
} as const;

export const ALL_PORTS: number[] = Object.values(PORTS).flatMap((p) => [p, p + 1, p + 2]);

export const DEFAULT_DIST_DIR = ".next-deploy";
export const DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/tasktalk_deploy_test";
