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

function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
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
