import { describe, expect, it } from "vitest";
import { filtersToApiParams, filtersToSearchParams, hidesCompleted, listedStatus, parseTaskFilters, tasksHref } from "@/components/tasks/filters";

describe("task list filters in the URL", () => {
  it("All hides completed tasks unless ?completed=shown", () => {
    const plain = parseTaskFilters({});
    expect(plain.showCompleted).toBeUndefined();
    expect(hidesCompleted(plain)).toBe(true);
    expect(listedStatus(plain)).toBe("active");

    const shown = parseTaskFilters({ completed: "shown" });
    expect(shown.showCompleted).toBe(true);
    expect(hidesCompleted(shown)).toBe(false);
    expect(listedStatus(shown)).toBe("all");
    expect(tasksHref(shown)).toBe("/tasks?completed=shown");
  });

  it("ignores any other value of completed, and the toggle only matters under All", () => {
    expect(parseTaskFilters({ completed: "1" }).showCompleted).toBeUndefined();
    expect(parseTaskFilters({ completed: ["shown", "x"] }).showCompleted).toBe(true);
    for (const status of ["active", "completed", "overdue"] as const) {
      expect(listedStatus({ status, q: "", sort: "created" })).toBe(status);
      expect(hidesCompleted({ status, q: "", sort: "created" })).toBe(false);
    }
  });

  it("round-trips sort and direction, leaving defaults out of the URL", () => {
    expect(filtersToSearchParams(parseTaskFilters({ sort: "title", order: "asc" })).toString()).toBe("sort=title");
    expect(filtersToSearchParams(parseTaskFilters({ sort: "title", order: "desc" })).toString()).toBe("sort=title&order=desc");
    expect(filtersToSearchParams(parseTaskFilters({ sort: "bogus", order: "sideways" })).toString()).toBe("");
  });

  it("asks the API for what the list holds, in the API's own terms (no completed=…, which it would refuse)", () => {
    expect(Object.fromEntries(filtersToApiParams(parseTaskFilters({ q: " milk " })))).toEqual({ status: "active", sort: "created", order: "desc", q: "milk" });
    expect(Object.fromEntries(filtersToApiParams(parseTaskFilters({ completed: "shown", sort: "due" })))).toEqual({ status: "all", sort: "due", order: "asc" });
  });
});
