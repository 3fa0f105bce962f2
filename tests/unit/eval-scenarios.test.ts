import { describe, expect, it } from "vitest";
import { addDays } from "@/lib/dates";
import { resolveDateToken, resolveDueDate } from "@/eval/dates";
import { loadScenarios, parseScenarioFile, ScenarioFileError, selectScenarios } from "@/eval/scenarios";

const scenarios = loadScenarios();

describe("eval/holdout.json", () => {
  it("is valid, with ids of its own", () => {
    const holdout = loadScenarios("eval/holdout.json");
    expect(holdout.length).toBeGreaterThanOrEqual(60);
    const ids = new Set(scenarios.map((s) => s.id));
    expect(holdout.filter((s) => ids.has(s.id))).toEqual([]);
  });
});

describe("eval/scenarios.json", () => {
  it("is valid, with at least 150 scenarios and unique ids", () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(150);
    expect(new Set(scenarios.map((s) => s.id)).size).toBe(scenarios.length);
  });

  it("has at least 5 scenarios in every category", () => {
    const counts = new Map<string, number>();
    for (const s of scenarios) counts.set(s.category, (counts.get(s.category) ?? 0) + 1);
    const thin = [...counts].filter(([, n]) => n < 5);
    expect(thin).toEqual([]);
    expect(counts.size).toBeGreaterThanOrEqual(15);
  });

  it("has single- and multi-turn scenarios, card presses, and the phrasings issue 14 lists", () => {
    expect(scenarios.some((s) => s.turns.length === 1)).toBe(true);
    expect(scenarios.some((s) => s.turns.length > 1)).toBe(true);
    expect(scenarios.some((s) => s.turns.some((t) => typeof t === "object" && t.card === "cancel"))).toBe(true);
    expect(selectScenarios(scenarios, "issue-14").length).toBeGreaterThanOrEqual(10);
  });

  it("resolves every date in it on any day of the week", () => {
    for (let i = 0; i < 7; i++) {
      const today = addDays("2026-11-30", i);
      for (const s of scenarios) {
        for (const task of s.setup ?? []) if (task.dueDate) expect(resolveDateToken(task.dueDate, today)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        for (const want of s.expect.tasks ?? []) if (want.dueDate !== undefined) expect(resolveDueDate(want.dueDate, today).length).toBeGreaterThan(0);
      }
    }
  });
});

describe("date tokens", () => {
  it("are relative to today; a weekday is the next one after today", () => {
    // 2026-11-27 is a Friday.
    expect(resolveDateToken("today", "2026-11-27")).toBe("2026-11-27");
    expect(resolveDateToken("tomorrow", "2026-12-31")).toBe("2027-01-01");
    expect(resolveDateToken("-2d", "2026-03-01")).toBe("2026-02-27");
    expect(resolveDateToken("+1w", "2026-11-27")).toBe("2026-12-04");
    expect(resolveDateToken("next:saturday", "2026-11-27")).toBe("2026-11-28");
    expect(resolveDateToken("next:friday", "2026-11-27")).toBe("2026-12-04");
    expect(resolveDueDate(null, "2026-11-27")).toEqual([null]);
    expect(() => resolveDateToken("2026-12-01", "2026-11-27")).toThrow(/Not a date token/);
  });
});

describe("a bad scenario file", () => {
  const good = { id: "ok", category: "add", turns: ["add milk"], expect: { titles: ["Milk"] } };

  it("is one clear error naming the scenario and the field", () => {
    const bad = { scenarios: [good, { ...good, id: "broken", setup: [{ title: "x", dueDate: "next friday" }], expect: {} }] };
    expect(() => parseScenarioFile(bad)).toThrow(ScenarioFileError);
    expect(() => parseScenarioFile(bad)).toThrow(/scenario "broken" \(#2\) setup\.0\.dueDate: a date token/);
    expect(() => parseScenarioFile(bad)).toThrow(/scenario "broken" \(#2\) expect: an expectation must check something/);
  });

  it("refuses duplicate ids, a first turn that is a button, and unknown fields", () => {
    expect(() => parseScenarioFile({ scenarios: [good, good] })).toThrow(/duplicate id "ok"/);
    expect(() => parseScenarioFile({ scenarios: [{ ...good, turns: [{ card: "confirm" }] }] })).toThrow(/the first turn must be a message/);
    expect(() => parseScenarioFile({ scenarios: [{ ...good, expect: { titels: ["Milk"] } }] })).toThrow(/titels/);
  });

  it("refuses a setup task in a list or with a label the scenario does not have, and a repeat that is not one", () => {
    const world = { ...good, lists: ["Work"], labels: ["urgent"] };
    expect(parseScenarioFile({ scenarios: [{ ...world, setup: [{ title: "x", list: "work", labels: ["URGENT"], repeat: "every monday" }] }] })).toHaveLength(1);
    expect(() => parseScenarioFile({ scenarios: [{ ...world, setup: [{ title: "x", list: "Home" }] }] })).toThrow(/setup\.0\.list: "Home" is not among the scenario's lists/);
    expect(() => parseScenarioFile({ scenarios: [{ ...world, setup: [{ title: "x", labels: ["soon"] }] }] })).toThrow(/"soon" is not among the scenario's labels/);
    expect(() => parseScenarioFile({ scenarios: [{ ...world, setup: [{ title: "x", repeat: "sometimes" }] }] })).toThrow(/"sometimes" is not a repeat phrase/);
  });

  it("--only names a category, an id or a tag, and nothing else", () => {
    expect(selectScenarios(scenarios, "undo").every((s) => s.category === "undo")).toBe(true);
    expect(selectScenarios(scenarios, scenarios[0]!.id)).toEqual([scenarios[0]]);
    expect(() => selectScenarios(scenarios, "no-such-thing")).toThrow(/no scenario has that id, category or tag/);
  });
});
