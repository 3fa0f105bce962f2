import type { Recurrence } from "@/lib/recurrence/rule";
import { recurrenceInWords } from "@/lib/recurrence/words";

/**
 * The Repeat select's common rules. Weekly, monthly and yearly repeat on the due date's weekday,
 * day and month (today's when there is no due date), so the option reads "Every week on Monday".
 * `custom` stands for a rule set elsewhere (the chat, quick add) that none of these matches: it
 * is kept as it is unless another choice is made. Types only from lib/recurrence/rule: zod stays
 * out of the browser.
 */
export const REPEAT_CHOICES = ["none", "day", "weekday", "week", "month", "year"] as const;
export type RepeatChoice = (typeof REPEAT_CHOICES)[number] | "custom";

const weekdayOf = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`).getUTCDay();

/** The rule a choice stands for, anchored on a YYYY-MM-DD date; null for "none". */
export function ruleFor(choice: Exclude<RepeatChoice, "custom">, anchor: string): Recurrence | null {
  const day = Number(anchor.slice(8, 10));
  switch (choice) {
    case "none":
      return null;
    case "day":
      return { every: "day", interval: 1 };
    case "weekday":
      return { every: "week", interval: 1, weekdays: [1, 2, 3, 4, 5] };
    case "week":
      return { every: "week", interval: 1, weekdays: [weekdayOf(anchor)] };
    case "month":
      return { every: "month", interval: 1, monthDay: day };
    case "year":
      return { every: "year", interval: 1, month: Number(anchor.slice(5, 7)), monthDay: day };
  }
}

export function choiceLabel(choice: Exclude<RepeatChoice, "custom">, anchor: string): string {
  const rule = ruleFor(choice, anchor);
  return rule ? recurrenceInWords(rule) : "Does not repeat";
}

/** Which choice a saved rule is, judged by how it reads; "custom" when none matches. */
export function choiceOf(rule: Recurrence | null, anchor: string): RepeatChoice {
  if (!rule) return "none";
  const words = recurrenceInWords(rule);
  return REPEAT_CHOICES.find((c) => c !== "none" && choiceLabel(c, anchor) === words) ?? "custom";
}
