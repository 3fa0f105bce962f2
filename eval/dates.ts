import { addDays } from "@/lib/dates";

/**
 * Dates in the scenario file are relative tokens, resolved against the "today" the model is
 * told, so the file never goes stale:
 *   today | tomorrow | yesterday | +3d | -2d | +1w | next:friday (the next Friday after today,
 *   1 to 7 days ahead: "friday" said on a Friday means next week's).
 */
export const DATE_TOKEN = /^(?:today|tomorrow|yesterday|[+-]\d{1,3}[dw]|next:(?:sunday|monday|tuesday|wednesday|thursday|friday|saturday))$/;

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

export function resolveDateToken(token: string, today: string): string {
  if (!DATE_TOKEN.test(token)) throw new Error(`Not a date token: "${token}" (use today, tomorrow, yesterday, +3d, -2d, +1w or next:friday)`);
  if (token === "today") return today;
  if (token === "tomorrow") return addDays(today, 1);
  if (token === "yesterday") return addDays(today, -1);
  if (token.startsWith("next:")) {
    const target = WEEKDAYS.indexOf(token.slice(5));
    const current = new Date(`${today}T00:00:00Z`).getUTCDay();
    return addDays(today, ((target - current + 7) % 7) || 7);
  }
  const n = Number(token.slice(0, -1));
  return addDays(today, token.endsWith("w") ? n * 7 : n);
}

/** A due date in the file: a token, null (no date), or a list of tokens any of which is right. */
export function resolveDueDate(value: string | null | string[], today: string): Array<string | null> {
  if (value === null) return [null];
  return (Array.isArray(value) ? value : [value]).map((t) => resolveDateToken(t, today));
}
