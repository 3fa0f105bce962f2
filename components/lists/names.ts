/** The longest names the API accepts (lib/lists/schemas.ts, lib/labels/schemas.ts; zod stays out of the browser). */
export const LIST_NAME_MAX = 60;
export const LABEL_NAME_MAX = 40;
