import { z } from "zod";

/** A list's or label's name: trimmed, not empty, at most `max` characters, one line. */
export function nameSchema(what: "list" | "label", max: number) {
  return z
    .string({ error: `The ${what} name must be text.` })
    .trim()
    .min(1, `The ${what} name cannot be empty.`)
    .max(max, `A ${what} name can be at most ${max} characters.`)
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), `A ${what} name cannot contain control characters or line breaks.`);
}

/** PostgreSQL's unique_violation, however deep the driver wrapped it: two requests raced for one name. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if ((e as { code?: unknown }).code === "23505") return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
