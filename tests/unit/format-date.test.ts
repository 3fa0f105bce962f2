import { describe, expect, it } from "vitest";
import { addDays, compareIso, daysBetween, formatFullDate, formatRelativeDate, formatShortDate } from "@/lib/dates";
import { formatRelativeInstant, todayIn } from "@/lib/today";

/** 2026-12-31 is a Thursday: the last day of the year, so "tomorrow" is in the next year. */
const NYE = "2026-12-31";

describe("formatRelativeDate (a calendar day seen on the viewer's today)", () => {
  it.each([
    ["2026-12-31", "Today"],
    ["2027-01-01", "Tomorrow"],
    ["2026-12-30", "Yesterday"],
    // Within six days either way: the weekday's name.
    ["2027-01-02", "Saturday"],
    ["2027-01-06", "Wednesday"],
    ["2026-12-29", "Tuesday"],
    ["2026-12-25", "Friday"],
    // A week or more away: a short date, with the year only when it is not this year.
    ["2027-01-07", "Jan 7, 2027"],
    ["2026-12-24", "Dec 24"],
    ["2026-03-04", "Mar 4"],
    ["2025-12-31", "Dec 31, 2025"],
    ["1999-07-04", "Jul 4, 1999"],
  ])("%s → %s", (date, words) => {
    expect(formatRelativeDate(date, NYE)).toBe(words);
  });

  it("reads the year from today, so the same date changes wording across New Year", () => {
    expect(formatRelativeDate("2027-03-04", "2027-01-01")).toBe("Mar 4");
    expect(formatRelativeDate("2027-03-04", NYE)).toBe("Mar 4, 2027");
    expect(formatRelativeDate("2026-12-20", "2027-01-01")).toBe("Dec 20, 2026");
  });

  it("counts calendar days, not 24-hour spans, across a daylight-saving change", () => {
    // 2026-03-08 is the US spring-forward day; the dates are calendar days, so no hour is lost.
    expect(daysBetween("2026-03-07", "2026-03-09")).toBe(2);
    expect(formatRelativeDate("2026-03-09", "2026-03-08")).toBe("Tomorrow");
    expect(formatRelativeDate("2026-10-26", "2026-10-25")).toBe("Tomorrow");
  });

  it("handles leap days", () => {
    expect(formatRelativeDate("2028-02-29", "2028-02-28")).toBe("Tomorrow");
    expect(formatRelativeDate("2028-03-01", "2028-02-29")).toBe("Tomorrow");
    expect(formatShortDate("2028-02-29", "2026-01-01")).toBe("Feb 29, 2028");
  });

  it("is the same in every process time zone (a due date is a date, not an instant)", () => {
    // Every formatter pins UTC, so TZ of the server or the browser cannot shift a day.
    expect(formatRelativeDate("2026-01-01", "2026-01-01")).toBe("Today");
    expect(formatFullDate("2026-03-04")).toBe("Wednesday, March 4, 2026");
  });
});

describe("formatRelativeInstant (a timestamp, on the viewer's calendar)", () => {
  const now = new Date("2026-12-31T23:30:00Z");

  it("uses the viewer's zone for both the instant and today", () => {
    // 23:30 UTC on Dec 31 is already Jan 1 in Tokyo; an instant 2 hours earlier is Jan 1 there too.
    expect(formatRelativeInstant("2026-12-31T21:30:00Z", "Asia/Tokyo", now)).toBe("Today");
    // ...but in UTC that instant is on Dec 31, the same day as now.
    expect(formatRelativeInstant("2026-12-31T21:30:00Z", undefined, now)).toBe("Today");
    // 15:00 UTC on Dec 31 is Jan 1 00:00 in Tokyo, while in New York it is Dec 31 10:00.
    expect(formatRelativeInstant("2026-12-31T14:59:00Z", "Asia/Tokyo", now)).toBe("Yesterday");
    expect(formatRelativeInstant("2026-12-31T04:00:00Z", "America/New_York", now)).toBe("Yesterday");
    expect(formatRelativeInstant("2026-12-31T06:00:00Z", "America/New_York", now)).toBe("Today");
  });

  it("writes older instants as short dates, with the year when it differs from the viewer's", () => {
    // In New York it is still Dec 31, 2026; in Berlin (00:30) it is already 2027.
    expect(formatRelativeInstant("2026-06-15T12:00:00Z", "America/New_York", now)).toBe("Jun 15");
    expect(formatRelativeInstant("2026-06-15T12:00:00Z", "Europe/Berlin", now)).toBe("Jun 15, 2026");
    // In Tokyo it is already 2027, so a 2026 date carries its year.
    expect(formatRelativeInstant("2026-06-15T12:00:00Z", "Asia/Tokyo", now)).toBe("Jun 15, 2026");
  });

  it("falls back to UTC for an unknown zone and writes nothing for an invalid instant", () => {
    expect(formatRelativeInstant("2026-12-30T12:00:00Z", "Not/AZone", now)).toBe("Yesterday");
    expect(formatRelativeInstant("not a date", "UTC", now)).toBe("");
  });
});

describe("the spelled-out names agree with Intl's en-US words", () => {
  // lib/dates.ts spells weekdays and months itself (Intl formatters are slow to build in a
  // browser); this checks it against Intl for every day of four years, a leap year included,
  // and a few far-off years.
  const weekday = new Intl.DateTimeFormat("en-US", { weekday: "long", timeZone: "UTC" });
  const short = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
  const shortYear = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
  const full = new Intl.DateTimeFormat("en-US", { dateStyle: "full", timeZone: "UTC" });
  const days: string[] = [];
  for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2030, 0, 1); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  days.push("1999-07-04", "2000-02-29", "2100-12-31", "9999-12-31");

  it("for every day in 2026–2029 and a few others", () => {
    const mismatches: string[] = [];
    for (const day of days) {
      const at = new Date(`${day}T00:00:00Z`);
      const today = addDays(day, -3);
      const expected = {
        weekday: weekday.format(at),
        short: short.format(at),
        shortYear: shortYear.format(at),
        full: full.format(at),
      };
      const actual = {
        weekday: formatRelativeDate(day, today),
        short: formatShortDate(day, `${day.slice(0, 4)}-06-01`),
        shortYear: formatShortDate(day, "1900-01-01"),
        full: formatFullDate(day),
      };
      if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches.push(`${day}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
    }
    expect(mismatches).toEqual([]);
    expect(days.length).toBeGreaterThan(1460);
  });
});

describe("todayIn (today's date in a zone)", () => {
  it("reads each zone's calendar and falls back to UTC for an unknown one", () => {
    const now = new Date("2026-12-31T23:30:00Z");
    expect(todayIn("Asia/Tokyo", now)).toBe("2027-01-01");
    expect(todayIn("America/New_York", now)).toBe("2026-12-31");
    // Asked twice (the second answer comes from the kept formatter) and for another instant.
    expect(todayIn("Asia/Tokyo", new Date("2026-12-31T14:00:00Z"))).toBe("2026-12-31");
    expect(todayIn("Not/AZone", now)).toBe("2026-12-31");
    expect(todayIn("Not/AZone", new Date("2027-01-01T00:30:00Z"))).toBe("2027-01-01");
    expect(todayIn(undefined, now)).toBe("2026-12-31");
  });
});

describe("todayIn with Temporal (as in Chromium and Firefox)", () => {
  // Node 22 has no Temporal, so the browser's path is run here with a spec-following polyfill,
  // against the Intl path's answers.
  it("gives the same day as Intl for zones either side of midnight and for an unknown zone", async () => {
    const { Temporal } = await import("temporal-polyfill");
    const cases: Array<[string | undefined, string]> = [];
    for (const zone of ["Asia/Tokyo", "America/New_York", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/Berlin", "UTC", "Not/AZone", undefined]) {
      for (const at of ["2026-12-31T23:30:00Z", "2026-12-31T10:00:00Z", "2026-03-08T06:59:00Z", "2028-02-29T12:00:00Z"]) cases.push([zone, at]);
    }
    const withIntl = cases.map(([zone, at]) => todayIn(zone, new Date(at)));
    const global = globalThis as { Temporal?: unknown };
    // Counts the calls, so a Temporal path that threw and fell back to Intl would fail this test.
    let asked = 0;
    const Instant = { fromEpochMilliseconds: (ms: number) => (asked++, Temporal.Instant.fromEpochMilliseconds(ms)) };
    global.Temporal = { ...Temporal, Instant };
    try {
      expect(cases.map(([zone, at]) => todayIn(zone, new Date(at)))).toEqual(withIntl);
      expect(asked).toBe(cases.filter(([zone]) => zone).length);
      expect(todayIn("Pacific/Kiritimati", new Date("2026-12-31T10:00:00Z"))).toBe("2027-01-01");
      expect(todayIn("Pacific/Pago_Pago", new Date("2026-12-31T10:00:00Z"))).toBe("2026-12-30");
    } finally {
      delete global.Temporal;
    }
  });
});

describe("compareIso (time order of ISO dates and timestamps)", () => {
  it("orders dates and timestamps by time, equal ones as equal", () => {
    expect(["2027-01-01", "2026-12-31", "2026-02-03", "2026-12-30"].sort(compareIso)).toEqual(["2026-02-03", "2026-12-30", "2026-12-31", "2027-01-01"]);
    const stamps = ["2026-12-31T23:59:59.999Z", "2026-12-31T09:00:00.000Z", "2027-01-01T00:00:00.000Z"];
    expect([...stamps].sort(compareIso)).toEqual([stamps[1], stamps[0], stamps[2]]);
    expect(compareIso("2026-12-31", "2026-12-31")).toBe(0);
    // An empty string (no date) sorts first, as the callers expect of a missing date.
    expect(compareIso("", "2026-01-01")).toBeLessThan(0);
  });
});
