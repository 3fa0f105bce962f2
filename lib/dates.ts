/** Calendar dates as YYYY-MM-DD strings, the form the database and the API use. */

export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Today's date in an IANA time zone; falls back to UTC for an unknown zone. */
export function todayIn(timeZone: string | undefined, now = new Date()): string {
  if (!timeZone) return todayUtc(now);
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  } catch {
    return todayUtc(now);
  }
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
