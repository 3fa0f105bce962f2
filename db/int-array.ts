/** Checked integer ids as a PostgreSQL int[] literal, to bind as one parameter (`= any($1::int[])`). */
export const intArray = (ids: readonly number[]): string => `{${ids.join(",")}}`;
