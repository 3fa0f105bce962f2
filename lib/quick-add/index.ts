import "server-only";
import { z } from "zod";
import { listLabels } from "@/lib/labels";
import { listLists } from "@/lib/lists";
import { parseWith } from "@/lib/http";
import { isoDateSchema } from "@/lib/tasks/schemas";
import { parseQuickAdd, QUICK_ADD_TEXT_MAX, type QuickAddParse } from "./parse";

export { parseQuickAdd, titleWithout, QUICK_ADD_TEXT_MAX, type QuickAddParse, type QuickAddToken, type TokenKind } from "./parse";

export const quickAddInputSchema = z.strictObject({
  text: z
    .string({ error: "text is the line to read." })
    .max(QUICK_ADD_TEXT_MAX, `The text can be at most ${QUICK_ADD_TEXT_MAX} characters.`)
    .refine((v) => !v.includes("\u0000"), "The text cannot contain NUL characters."),
  today: isoDateSchema.optional(),
});

/** Reads a quick-add line against the user's own open lists and labels (nobody else's). */
export async function previewQuickAdd(userId: string, input: unknown, requestToday: string): Promise<QuickAddParse> {
  const { text, today } = parseWith(quickAddInputSchema, input, "quick add");
  const [lists, labels] = await Promise.all([listLists(userId), listLabels(userId)]);
  return parseQuickAdd(text, { today: today ?? requestToday, lists, labels });
}
