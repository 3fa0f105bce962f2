import { afterEach, describe, expect, it, vi } from "vitest";
import { extractTrailingDate, parseDatePhrase, stripTimeOfDay } from "@/lib/agent/offline/dates";

/** Dates are resolved against the `today` passed in. 2026-11-25 is a Wednesday. */
const WED = "2026-11-25";

describe("parseDatePhrase", () => {
  it.each([
    ["tomorrow at 3pm", "2026-11-26"],
    ["friday 10am", "2026-11-27"],
    ["on monday at 14:30", "2026-11-30"],
    ["tomorrow morning", "2026-11-26"],
    ["tonight at 8", WED],
    ["this evening at 7", WED],
    ["friday at noon", "2026-11-27"],
    ["dec 24 at 6pm", "2026-12-24"],
    ["tomorrow morning at 9:30am", "2026-11-26"],
    ["next week friday", "2026-12-04"],
    ["friday next week", "2026-12-04"],
    ["the 3rd", "2026-12-03"],
    ["on the 28th", "2026-11-28"],
    ["the 25th", WED],
    ["in two weeks", "2026-12-09"],
    ["a week from today", "2026-12-02"],
    ["end of month", "2026-11-30"],
    ["by the end of the month", "2026-11-30"],
    ["in 2 months", "2027-01-25"],
    ["jan 5 2027", "2027-01-05"],
    ["5 jan 2027", "2027-01-05"],
    ["12/24", "2026-12-24"],
    // what worked before still does
    ["today", WED],
    ["friday", "2026-11-27"],
    ["wednesday", "2026-12-02"],
    ["next monday", "2026-11-30"],
    ["in 3 days", "2026-11-28"],
    ["2026-12-01", "2026-12-01"],
    ["day after tomorrow", "2026-11-27"],
  ])("%s → %s", (phrase, expected) => expect(parseDatePhrase(phrase, WED)).toBe(expected));

  it.each(["3pm", "at noon", "blorpday", "march", "the report", "soon", "the 3rd one", ""])("%j is not a date", (phrase) => {
    expect(parseDatePhrase(phrase, WED)).toBeUndefined();
  });

  it("keeps a weekday that is today a week ahead, with or without a time", () => {
    const monday = "2026-11-30";
    expect(parseDatePhrase("monday", monday)).toBe("2026-12-07");
    expect(parseDatePhrase("monday at 14:30", monday)).toBe("2026-12-07");
    expect(extractTrailingDate("team meeting on monday at 14:30", monday)).toEqual({ rest: "team meeting", dueDate: "2026-12-07" });
  });

  it("ends December and February on their last days", () => {
    expect(parseDatePhrase("end of month", "2026-12-10")).toBe("2026-12-31");
    expect(parseDatePhrase("end of the month", "2027-02-01")).toBe("2027-02-28");
  });

  it("rolls “the 31st” on to the next month that has one", () => expect(parseDatePhrase("the 31st", "2027-02-10")).toBe("2027-03-31"));

  describe("never reads the clock", () => {
    afterEach(() => vi.useRealTimers());
    it.each(["tomorrow at 3pm", "end of month", "in 2 months", "the 3rd", "jan 5 2027", "friday next week"])("%s", (phrase) => {
      const atTheTime = parseDatePhrase(phrase, WED);
      vi.useFakeTimers({ now: new Date("2031-07-04T23:59:00Z") });
      expect(parseDatePhrase(phrase, WED)).toBe(atTheTime);
    });
  });
});

describe("on every day of the week", () => {
  const week = Array.from({ length: 7 }, (_, i) => `2026-11-${String(23 + i).padStart(2, "0")}`);
  const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();
  const daysAhead = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

  it.each(week)("a time after a date never moves the date (%s)", (today) => {
    for (const day of ["today", "tomorrow", "monday", "friday", "next tuesday", "dec 24", "the 3rd"])
      for (const time of ["at 3pm", "10am", "at 14:30", "morning", "at 8", "at noon"]) expect(parseDatePhrase(`${day} ${time}`, today), `${day} ${time}`).toBe(parseDatePhrase(day, today));
  });

  it.each(week)("“friday next week” is the Friday of the following Monday-to-Sunday week (%s)", (today) => {
    const date = parseDatePhrase("friday next week", today)!;
    expect(weekday(date)).toBe(5);
    const mondayAfter = 7 - ((weekday(today) + 6) % 7);
    expect(daysAhead(today, date)).toBe(mondayAfter + 4);
    expect(parseDatePhrase("next week friday", today)).toBe(date);
  });

  it.each(week)("a weekday is 1 to 7 days ahead (%s)", (today) => {
    for (const day of ["monday", "wednesday", "sunday"]) {
      const ahead = daysAhead(today, parseDatePhrase(day, today)!);
      expect(ahead).toBeGreaterThanOrEqual(1);
      expect(ahead).toBeLessThanOrEqual(7);
    }
  });
});

describe("extractTrailingDate", () => {
  it.each([
    ["dentist tomorrow at 3pm", "dentist", "2026-11-26"],
    ["call bob friday 10am", "call bob", "2026-11-27"],
    ["meeting on monday at 14:30", "meeting", "2026-11-30"],
    ["call the plumber at 9am tomorrow", "call the plumber", "2026-11-26"],
    ["take the bins out tomorrow morning", "take the bins out", "2026-11-26"],
    ["pick up Sam tonight at 8", "pick up Sam", WED],
    ["renew passport on the 3rd", "renew passport", "2026-12-03"],
    ["finish taxes by end of month", "finish taxes", "2026-11-30"],
    ["plan the party in 2 months", "plan the party", "2027-01-25"],
    ["gym friday next week", "gym", "2026-12-04"],
    ["pay invoice 12/24", "pay invoice", "2026-12-24"],
  ])("%s", (text, rest, dueDate) => expect(extractTrailingDate(text, WED)).toEqual({ rest, dueDate }));

  it.each(["call mum at 5", "game night", "watch the game in march", "read 1984", "sunday roast", "buy milk", "tomorrow"])("%j keeps its words", (text) => {
    expect(extractTrailingDate(text, WED)).toEqual({ rest: text });
  });
});

describe("stripTimeOfDay", () => {
  it.each([
    ["tomorrow at 3pm", "tomorrow"],
    ["friday 10am", "friday"],
    ["monday at 14:30", "monday"],
    ["tomorrow morning at 9", "tomorrow"],
    ["tonight at 8", "tonight"],
    ["friday", "friday"],
  ])("%s → %s", (text, expected) => expect(stripTimeOfDay(text)).toBe(expected));
});
