/** Just what is used of the Temporal API, which not every browser (nor TypeScript's lib) has yet. */
type TemporalNow = { Now: { timeZoneId(): string } };

/**
 * The browser's IANA time zone ("Europe/Berlin"), or undefined when it does not say. Read once
 * per page. Temporal answers in a microsecond; Intl.DateTimeFormat, where Temporal is missing,
 * first loads the browser's locale data, which took 20–260 ms of Chromium's main thread here
 * (issue 15: it was most of a long task on every page load).
 */
let zone: string | undefined | null = null;

export function browserTimeZone(): string | undefined {
  if (zone === null) {
    const temporal = (globalThis as { Temporal?: TemporalNow }).Temporal;
    try {
      zone = temporal?.Now.timeZoneId() || Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
    } catch {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
    }
  }
  return zone;
}
