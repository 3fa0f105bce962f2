const STOP = new Set(["the", "a", "an", "my", "task", "todo", "item", "one", "to"]);

export function normalizeTitle(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[“”"'‘’`]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

function tokens(text: string): string[] {
  const all = normalizeTitle(text).split(" ").filter(Boolean);
  const meaningful = all.filter((t) => !STOP.has(t));
  return meaningful.length ? meaningful : all;
}

/** Edit distance where swapping two neighbouring letters ("mlik") counts as one typo. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** A rough word stem, so "called", "calls" and "calling" meet "call", and "baked" meets "bake". */
function stem(word: string): string {
  if (word.length <= 3) return word;
  const s = word
    .replace(/ie[sd]$/, "y")
    .replace(/(?:ing|ed|es|s)$/, "")
    .replace(/([^aeiouslfz])\1$/, "$1")
    .replace(/e$/, "");
  return s.length >= 2 ? s : word;
}

function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (stem(a) === stem(b)) return 0.95;
  if (a.length >= 4 && b.startsWith(a)) return 0.9; // "groc" → "groceries"
  const d = editDistance(a, b);
  return 1 - d / Math.max(a.length, b.length);
}

/**
 * How well a spoken reference matches a task title, 0..1. Exact (normalized) match is 1;
 * otherwise each word of the reference is matched to its most similar title word, so
 * "by milk" and "milk" both find "Buy milk", and "grocceries" finds "Groceries".
 */
export function titleMatchScore(reference: string, title: string): number {
  const ref = normalizeTitle(reference);
  const t = normalizeTitle(title);
  if (!ref || !t) return 0;
  if (ref === t) return 1;
  const refTokens = tokens(reference);
  const titleTokens = tokens(title);
  let sum = 0;
  for (const r of refTokens) sum += Math.max(0, ...titleTokens.map((w) => tokenSimilarity(r, w)));
  const precision = sum / refTokens.length;
  const coverage = Math.min(1, refTokens.length / titleTokens.length);
  // A reference that covers the whole title ranks above one that names only part of it.
  return precision * (0.75 + 0.25 * coverage) * (t.includes(ref) ? 1 : 0.97);
}

export const MATCH_THRESHOLD = 0.62;

/** The words a command starts with, for correcting a misspelt first word ("cmoplete", "shwo", "resechdule"). */
const COMMAND_WORDS = [
  "add", "create", "complete", "finish", "mark", "delete", "remove", "rename", "show", "list", "prioritize", "prioritise",
  "reschedule", "postpone", "move", "change", "reopen", "search", "find", "update", "check", "display", "remind", "uncheck",
];

/** Two neighbouring letters swapped: "mrak" for "mark". */
function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  const diff = [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i]));
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
}

/**
 * The command word a misspelt first word stands for, or undefined. Short words are corrected
 * only for a swap of two letters, since one wrong letter in a four-letter word is often another
 * word ("make" is not "mark"); longer words allow one edit, and words of eight letters two.
 */
export function correctCommandWord(word: string): string | undefined {
  const w = word.toLowerCase();
  if (w.length < 3 || COMMAND_WORDS.includes(w)) return undefined;
  let best: { command: string; distance: number } | undefined;
  for (const command of COMMAND_WORDS) {
    const distance = isTransposition(w, command) ? 1 : editDistance(w, command);
    const allowed = isTransposition(w, command) ? 1 : w.length >= 8 ? 2 : w.length >= 5 ? 1 : 0;
    if (distance <= allowed && (!best || distance < best.distance)) best = { command, distance };
  }
  return best?.command;
}
