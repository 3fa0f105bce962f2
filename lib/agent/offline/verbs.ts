import { wordTable } from "./word-table";

/**
 * Past-tense verbs back to the form a task title uses: "I called mum" names the task "Call mum",
 * "paid the rent" names "Pay rent". Regular verbs lose "-ed"; fuzzy matching absorbs the rest
 * ("baked" → "bak" still finds "Bake bread", see fuzzy.ts).
 */
const IRREGULAR = wordTable<string>({
  bought: "buy", paid: "pay", did: "do", wrote: "write", written: "write", sent: "send", made: "make", took: "take", taken: "take",
  got: "get", gotten: "get", gave: "give", given: "give", went: "go", gone: "go", ran: "run", met: "meet", rang: "ring", rung: "ring",
  sold: "sell", found: "find", fed: "feed", built: "build", brought: "bring", caught: "catch", told: "tell", ate: "eat", eaten: "eat",
  drank: "drink", swept: "sweep", threw: "throw", thrown: "throw", drove: "drive", driven: "drive", rode: "ride", spoke: "speak",
  kept: "keep", hung: "hang", won: "win", began: "begin", chose: "choose", taught: "teach", spent: "spend", held: "hold",
  sang: "sing", flew: "fly", drew: "draw", grew: "grow", saw: "see", seen: "see", came: "come", wore: "wear", left: "leave",
  sat: "sit", slept: "sleep", swam: "swim", tidied: "tidy", dug: "dig", lent: "lend", lost: "lose", heard: "hear", understood: "understand",
});

/** "-ed" words that are not past tenses, and past tenses that are commands of their own (handled elsewhere). */
const NOT_A_STATEMENT = new Set([
  "need", "feed", "seed", "speed", "bleed", "breed", "weed", "shed", "bed", "red", "wed", "embed", "proceed", "exceed", "succeed", "shred", "hundred",
  "sacred", "naked", "wicked", "added", "deleted", "removed", "renamed", "moved", "changed", "created", "marked", "updated", "postponed",
  "rescheduled", "edited", "listed", "showed", "reopened", "undid", "scheduled", "prioritized", "prioritised", "checked", "ticked", "crossed",
  // Not doing it: "I missed the deadline", "forgot to call mum".
  "missed", "forgot", "failed", "skipped", "postponed", "delayed", "wanted", "needed", "planned", "meant", "tried", "hoped", "loved", "liked", "hated",
]);

/** The base form of a past-tense verb, or undefined when the word is not one. */
export function baseOfPastTense(word: string): string | undefined {
  const w = word.toLowerCase();
  if (NOT_A_STATEMENT.has(w)) return undefined;
  if (IRREGULAR[w]) return IRREGULAR[w];
  if (w.length < 5 || !w.endsWith("ed") || w.endsWith("eed")) return undefined;
  if (w.endsWith("ied")) return `${w.slice(0, -3)}y`;
  const stem = w.slice(0, -2);
  // "submitted" → "submit", but "called" and "passed" keep their double letter.
  return /([^aeiouslfz])\1$/.test(stem) ? stem.slice(0, -1) : stem;
}
