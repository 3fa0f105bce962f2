import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { filtersToApiParams, isFiltered, parseTaskFilters, tasksHref } from "@/components/tasks/filters";
import { choiceLabel, choiceOf, ruleFor } from "@/components/tasks/repeat-choices";
import { completeRule, nextDueDate, recurrenceInWords } from "@/lib/recurrence";

describe("list and label filters in the URL", () => {
  it("reads ?list= and ?label= and writes them back, and sends them to the API", () => {
    const filters = parseTaskFilters({ list: "12", label: "7", status: "active" });
    expect(filters).toMatchObject({ list: 12, label: 7, status: "active" });
    expect(tasksHref(filters)).toBe("/tasks?list=12&label=7&status=active");
    const api = filtersToApiParams(filters);
    expect(api.get("list")).toBe("12");
    expect(api.get("label")).toBe("7");
    expect(isFiltered(parseTaskFilters({ list: "3" }))).toBe(true);
  });

  it("drops anything that is not a positive id, so a bad URL shows every list rather than failing", () => {
    for (const bad of ["0", "-1", "1.5", "abc", "1e3", "99999999999", " 4", ""]) {
      const filters = parseTaskFilters({ list: bad, label: bad });
      expect(filters.list, bad).toBeUndefined();
      expect(filters.label, bad).toBeUndefined();
    }
    expect(tasksHref(parseTaskFilters({ list: "abc" }))).toBe("/tasks");
    expect(filtersToApiParams(parseTaskFilters({})).has("list")).toBe(false);
  });
});

describe("the task form's Repeat choices", () => {
  const due = "2026-03-31"; // a Tuesday, the 31st

  it("anchor weekly, monthly and yearly on the due date and read as the server words them", () => {
    expect(choiceLabel("none", due)).toBe("Does not repeat");
    expect(choiceLabel("day", due)).toBe("Every day");
    expect(choiceLabel("weekday", due)).toBe("Every weekday");
    expect(choiceLabel("week", due)).toBe("Every Tuesday");
    expect(choiceLabel("month", due)).toBe("Every month on the 31st");
    expect(choiceLabel("year", due)).toBe("Every year on March 31");
  });

  it("send rules the server saves unchanged, whose next date follows the due date", () => {
    for (const choice of ["day", "weekday", "week", "month", "year"] as const) {
      const rule = ruleFor(choice, due)!;
      expect(completeRule(rule, due), choice).toEqual(rule);
    }
    expect(nextDueDate(ruleFor("week", due)!, due, "2026-03-01")).toBe("2026-04-07");
    expect(nextDueDate(ruleFor("month", due)!, due, "2026-03-01")).toBe("2026-04-30");
  });

  it("recognise a saved rule, and keep one they cannot show as custom", () => {
    expect(choiceOf(null, due)).toBe("none");
    expect(choiceOf(ruleFor("weekday", due), due)).toBe("weekday");
    expect(choiceOf(ruleFor("week", due), due)).toBe("week");
    const everyOtherFriday = completeRule({ every: "week", interval: 2, weekdays: [5] }, due);
    expect(choiceOf(everyOtherFriday, due)).toBe("custom");
    expect(recurrenceInWords(everyOtherFriday)).toBe("Every other Friday");
  });
});

describe("list and label client components import no zod", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  const files = ["components/lists", "components/labels"].flatMap((d) => fs.readdirSync(path.join(root, d)).map((f) => path.join(d, f)));
  const ZOD_VALUE_IMPORT = /^import\s+(?!type\b)[^;]*?from\s+"(zod|@\/lib\/[a-z-]+\/schemas|@\/lib\/recurrence(\/rule)?|@\/lib\/(lists|labels|tasks))";/m;

  it("finds its files, and would catch a value import", () => {
    expect(files.length).toBeGreaterThan(5);
    expect(ZOD_VALUE_IMPORT.test('import { LIST_NAME_MAX } from "@/lib/lists/schemas";')).toBe(true);
    expect(ZOD_VALUE_IMPORT.test('import { parseRecurrence } from "@/lib/recurrence";')).toBe(true);
    expect(ZOD_VALUE_IMPORT.test('import type { List } from "@/lib/lists/schemas";')).toBe(false);
  });

  it.each(files)("%s", (file) => {
    const source = fs.readFileSync(path.join(root, file), "utf8");
    expect(source.match(ZOD_VALUE_IMPORT)?.[0] ?? null).toBeNull();
  });
});
