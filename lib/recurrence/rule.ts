import { z } from "zod";

/**
 * A repeating task's rule. Stored on the task (tasks.recurrence, jsonb) and applied when the
 * task is completed: the next occurrence is computed from it, never stored as rows ahead of time.
 *
 * - `every`: the unit; `interval`: how many units between occurrences ("every 2 weeks").
 * - `weekdays` (weekly only): 0 = Sunday … 6 = Saturday; "every weekday" is 1–5.
 * - `monthDay` (monthly and yearly): the day of the month, 1–31; a month without that day uses its
 *   last day (the 31st falls on Feb 28 or 29, Apr 30 …) without moving later months.
 * - `month` (yearly only): 1–12.
 * A saved rule is always complete (see completeRule), so later occurrences never drift.
 */
export const RECURRENCE_UNITS = ["day", "week", "month", "year"] as const;
export type RecurrenceUnit = (typeof RECURRENCE_UNITS)[number];

export const MAX_INTERVAL: Record<RecurrenceUnit, number> = { day: 365, week: 52, month: 24, year: 10 };

export const recurrenceSchema = z
  .object({
    every: z.enum(RECURRENCE_UNITS),
    interval: z.number().int().min(1).max(365).default(1),
    weekdays: z.array(z.number().int().min(0).max(6)).min(1).max(7).optional(),
    monthDay: z.number().int().min(1).max(31).optional(),
    month: z.number().int().min(1).max(12).optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.interval > MAX_INTERVAL[r.every]) ctx.addIssue({ code: "custom", path: ["interval"], message: `At most every ${MAX_INTERVAL[r.every]} ${r.every}s.` });
    if (r.weekdays && r.every !== "week") ctx.addIssue({ code: "custom", path: ["weekdays"], message: "Weekdays go with a weekly rule." });
    if (r.monthDay && r.every !== "month" && r.every !== "year") ctx.addIssue({ code: "custom", path: ["monthDay"], message: "A day of the month goes with a monthly or yearly rule." });
    if (r.month && r.every !== "year") ctx.addIssue({ code: "custom", path: ["month"], message: "A month goes with a yearly rule." });
  });

export type Recurrence = z.infer<typeof recurrenceSchema>;
export type RecurrenceInput = z.input<typeof recurrenceSchema>;

const dayOf = (isoDate: string) => Number(isoDate.slice(8, 10));
const monthOf = (isoDate: string) => Number(isoDate.slice(5, 7));
const weekdayOf = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`).getUTCDay();

/**
 * Fills in what the rule leaves to its first date: "every week" repeats on that date's weekday,
 * "every month" on its day, "every year" on its month and day. Weekdays come back sorted and
 * unique. Saving the complete rule keeps a monthly task on the 31st from sliding to the 28th.
 */
export function completeRule(rule: RecurrenceInput, anchor: string): Recurrence {
  const r = recurrenceSchema.parse(rule);
  if (r.every === "week") return { ...r, weekdays: [...new Set(r.weekdays ?? [weekdayOf(anchor)])].sort((a, b) => a - b) };
  if (r.every === "month") return { ...r, monthDay: r.monthDay ?? dayOf(anchor) };
  if (r.every === "year") return { ...r, month: r.month ?? monthOf(anchor), monthDay: r.monthDay ?? dayOf(anchor) };
  return r;
}
