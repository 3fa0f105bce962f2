import { describe, expect, it } from "vitest";
import { todayIn } from "@/lib/today";
import { completeRule, nextDueDate, occurrenceAfter, parseRecurrence, recurrenceInWords, recurrenceSchema, type RecurrenceInput } from "@/lib/recurrence";

const words = (rule: RecurrenceInput, anchor = "2026-03-04") => recurrenceInWords(completeRule(rule, anchor));

/** The next `n` due dates, completing each occurrence on its due date. */
function series(rule: RecurrenceInput, first: string, n: number): string[] {
  const out: string[] = [];
  let due = first;
  for (let i = 0; i < n; i += 1) {
    due = nextDueDate(completeRule(rule, first), due, due);
    out.push(due);
  }
  return out;
}

describe("parseRecurrence", () => {
  const cases: Array<[string, RecurrenceInput, string]> = [
    ["water plants every day", { every: "day" }, "water plants"],
    ["stretch daily", { every: "day" }, "stretch"],
    ["feed the fish every other day", { every: "day", interval: 2 }, "feed the fish"],
    ["rotate backups every 3 days", { every: "day", interval: 3 }, "rotate backups"],
    ["standup every weekday", { every: "week", weekdays: [1, 2, 3, 4, 5] }, "standup"],
    ["long run every weekend", { every: "week", weekdays: [0, 6] }, "long run"],
    ["gym every monday", { every: "week", weekdays: [1] }, "gym"],
    ["gym every Mon, Wed and Fri", { every: "week", weekdays: [1, 3, 5] }, "gym"],
    ["piano every tuesday and thursday", { every: "week", weekdays: [2, 4] }, "piano"],
    ["team lunch on fridays", { every: "week", weekdays: [5] }, "team lunch"],
    ["payroll every 2 weeks", { every: "week", interval: 2 }, "payroll"],
    ["payroll every two weeks on friday", { every: "week", interval: 2, weekdays: [5] }, "payroll"],
    ["1:1 every other monday", { every: "week", interval: 2, weekdays: [1] }, "1:1"],
    ["review biweekly", { every: "week", interval: 2 }, "review"],
    ["clean the oven every week", { every: "week" }, "clean the oven"],
    ["pay rent every month on the 1st", { every: "month", monthDay: 1 }, "pay rent"],
    ["invoice on the 15th of every month", { every: "month", monthDay: 15 }, "invoice"],
    ["close the books monthly on the last day", { every: "month", monthDay: 31 }, "close the books"],
    ["haircut every 6 weeks", { every: "week", interval: 6 }, "haircut"],
    ["dentist every 6 months", { every: "month", interval: 6 }, "dentist"],
    ["renew passport every 10 years", { every: "year", interval: 10 }, "renew passport"],
    ["file taxes every year", { every: "year" }, "file taxes"],
    ["check smoke alarms annually", { every: "year" }, "check smoke alarms"],
  ];
  it.each(cases)("%s", (text, rule, rest) => {
    const m = parseRecurrence(text);
    expect(m?.rule).toEqual(rule);
    expect(m?.rest).toBe(rest);
    expect(recurrenceSchema.safeParse(m!.rule).success).toBe(true);
  });

  it("leaves titles alone that only mention the words", () => {
    for (const text of ["Daily standup notes", "read the weekly report", "Monthly budget review doc", "buy a monday planner", "call mom", "everyday carry list", "yearly review draft for Sam"]) {
      expect(parseRecurrence(text), text).toBeNull();
    }
  });

  it("stays fast on long hostile input", () => {
    const hostile = `every ${"monday, ".repeat(120)}x`.slice(0, 1000);
    const started = performance.now();
    parseRecurrence(hostile);
    parseRecurrence(`on ${"mondays and ".repeat(80)}`);
    expect(performance.now() - started).toBeLessThan(500);
    expect(parseRecurrence("every day ".repeat(200))).toBeNull(); // over the length limit
  });
});

describe("recurrenceSchema", () => {
  it("refuses rules that cannot mean anything", () => {
    for (const bad of [
      { every: "fortnight" },
      { every: "day", interval: 0 },
      { every: "day", interval: 400 },
      { every: "year", interval: 11 },
      { every: "day", weekdays: [1] },
      { every: "week", weekdays: [7] },
      { every: "week", weekdays: [] },
      { every: "month", monthDay: 32 },
      { every: "week", month: 2 },
      { every: "day", extra: true },
    ]) {
      expect(recurrenceSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe("recurrenceInWords", () => {
  it("says the rule as a person would", () => {
    expect(words({ every: "day" })).toBe("Every day");
    expect(words({ every: "day", interval: 2 })).toBe("Every other day");
    expect(words({ every: "day", interval: 3 })).toBe("Every 3 days");
    expect(words({ every: "week", weekdays: [1, 2, 3, 4, 5] })).toBe("Every weekday");
    expect(words({ every: "week" })).toBe("Every Wednesday"); // the anchor, 2026-03-04, is a Wednesday
    expect(words({ every: "week", weekdays: [4, 1] })).toBe("Every Monday and Thursday");
    expect(words({ every: "week", interval: 2, weekdays: [5] })).toBe("Every other Friday");
    expect(words({ every: "week", interval: 3, weekdays: [1, 3, 5] })).toBe("Every 3 weeks on Monday, Wednesday and Friday");
    expect(words({ every: "month", monthDay: 1 })).toBe("Every month on the 1st");
    expect(words({ every: "month" }, "2026-01-22")).toBe("Every month on the 22nd");
    expect(words({ every: "month", interval: 3, monthDay: 13 })).toBe("Every 3 months on the 13th");
    expect(words({ every: "year" }, "2028-02-29")).toBe("Every year on February 29");
  });
});

describe("nextDueDate", () => {
  it("daily: the day after, and never a backlog of missed days", () => {
    expect(nextDueDate({ every: "day" }, "2026-03-04", "2026-03-04")).toBe("2026-03-05");
    expect(nextDueDate({ every: "day" }, "2026-03-01", "2026-03-04")).toBe("2026-03-05");
    expect(nextDueDate({ every: "day", interval: 3 }, "2026-03-01", "2026-03-05")).toBe("2026-03-07"); // keeps its phase: 1, 4, 7
    expect(nextDueDate({ every: "day" }, null, "2026-12-31")).toBe("2027-01-01");
  });

  it("done early: the occurrence after the one due", () => {
    expect(nextDueDate({ every: "week", weekdays: [1] }, "2026-03-09", "2026-03-04")).toBe("2026-03-16");
    expect(nextDueDate({ every: "month", monthDay: 1 }, "2026-04-01", "2026-03-20")).toBe("2026-05-01");
  });

  it("weekdays skip the weekend", () => {
    expect(series({ every: "week", weekdays: [1, 2, 3, 4, 5] }, "2026-03-05", 4)).toEqual(["2026-03-06", "2026-03-09", "2026-03-10", "2026-03-11"]);
  });

  it("every other week keeps its weeks, across a year end", () => {
    expect(series({ every: "week", interval: 2, weekdays: [1, 4] }, "2026-12-21", 5)).toEqual(["2026-12-24", "2027-01-04", "2027-01-07", "2027-01-18", "2027-01-21"]);
    // Completed a week late, it comes back on its own schedule.
    expect(nextDueDate({ every: "week", interval: 2, weekdays: [1] }, "2026-03-02", "2026-03-10")).toBe("2026-03-16");
  });

  it("monthly on the 31st uses the last day of short months and returns to the 31st", () => {
    expect(series({ every: "month", monthDay: 31 }, "2026-01-31", 4)).toEqual(["2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31"]);
    expect(series({ every: "month" }, "2028-01-31", 2)).toEqual(["2028-02-29", "2028-03-31"]); // leap year; the rule keeps the 31st
    expect(series({ every: "month", monthDay: 30 }, "2026-12-30", 3)).toEqual(["2027-01-30", "2027-02-28", "2027-03-30"]);
  });

  it("every 3 months crosses the year", () => {
    expect(series({ every: "month", interval: 3, monthDay: 15 }, "2026-11-15", 3)).toEqual(["2027-02-15", "2027-05-15", "2027-08-15"]);
  });

  it("yearly on February 29 falls on the 28th in common years and the 29th in leap years", () => {
    expect(series({ every: "year" }, "2028-02-29", 4)).toEqual(["2029-02-28", "2030-02-28", "2031-02-28", "2032-02-29"]);
    expect(nextDueDate({ every: "year", interval: 2, month: 7, monthDay: 4 }, "2026-07-04", "2026-07-04")).toBe("2028-07-04");
  });

  it("follows the user's calendar day, not the server's", () => {
    // 2026-03-04 23:30 UTC: already the 5th in Auckland, still the 4th in Los Angeles.
    const now = new Date("2026-03-04T23:30:00Z");
    const auckland = todayIn("Pacific/Auckland", now);
    const losAngeles = todayIn("America/Los_Angeles", now);
    expect([auckland, losAngeles]).toEqual(["2026-03-05", "2026-03-04"]);
    expect(nextDueDate({ every: "day" }, "2026-03-04", auckland)).toBe("2026-03-06");
    expect(nextDueDate({ every: "day" }, "2026-03-04", losAngeles)).toBe("2026-03-05");
    // Across a daylight-saving change (US, 2026-03-08): calendar days, no hour arithmetic.
    expect(series({ every: "day" }, "2026-03-07", 3)).toEqual(["2026-03-08", "2026-03-09", "2026-03-10"]);
  });

  it("occurrenceAfter is strictly after", () => {
    expect(occurrenceAfter({ every: "week", weekdays: [3] }, "2026-03-04", "2026-03-04")).toBe("2026-03-11");
  });
});
