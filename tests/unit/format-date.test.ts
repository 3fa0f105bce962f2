import { describe, expect, it } from "vitest";
import { daysBetween, formatFullDate, formatRelativeDate, formatRelativeInstant, formatShortDate } from "@/lib/dates";

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
