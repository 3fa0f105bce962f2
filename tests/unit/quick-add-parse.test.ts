import { describe, expect, it } from "vitest";
import { parseQuickAdd, titleWithout, type QuickAddParse } from "@/lib/quick-add/parse";

/** Quick add's reader (lib/quick-add): what each mark sets, its span, and the words it leaves alone. */

// Tuesday 1 December 2026.
const today = "2026-12-01";
const lists = [
  { id: 1, name: "Inbox" },
  { id: 7, name: "Home" },
  { id: 8, name: "Side projects" },
  { id: 9, name: "work" },
];
const labels = [
  { id: 20, name: "Errands" },
  { id: 21, name: "deep work" },
];
const parse = (text: string) => parseQuickAdd(text, { today, lists, labels });
const spans = (p: QuickAddParse, text: string) => p.tokens.map((t) => [t.kind, text.slice(t.start, t.end)]);

describe("parseQuickAdd", () => {
  it("reads the issue's example: repeat, list and priority, with spans", () => {
    const text = "Pay rent every month on the 1st #home p1";
    const p = parse(text);
    expect(p).toMatchObject({
      title: "Pay rent",
      dueDate: null,
      priority: "high",
      list: { id: 7, name: "Home" },
      unknownList: null,
      labels: [],
      recurrence: { every: "month", interval: 1, monthDay: 1 },
      recurrenceText: "Every month on the 1st",
    });
    expect(spans(p, text)).toEqual([
      ["repeat", "every month on the 1st"],
      ["list", "#home"],
      ["priority", "p1"],
    ]);
    for (const t of p.tokens) expect(t.text).toBe(text.slice(t.start, t.end));
  });

  it("reads a trailing date before or after marks, with its connector", () => {
    expect(parse("buy milk tomorrow #home @errands p2")).toMatchObject({ title: "buy milk", dueDate: "2026-12-02", priority: "medium", labels: [{ id: 20, name: "Errands" }] });
    const text = "#work report due friday";
    const p = parse(text);
    expect(p).toMatchObject({ title: "report", dueDate: "2026-12-04", list: { id: 9 } });
    expect(spans(p, text)).toEqual([
      ["list", "#work"],
      ["date", "due friday"],
    ]);
    expect(parse("dentist tomorrow at 3pm")).toMatchObject({ title: "dentist", dueDate: "2026-12-02" });
    expect(parse("send invoice dec 24")).toMatchObject({ title: "send invoice", dueDate: "2026-12-24" });
  });

  it("reads priorities: p1 p2 p3, !! and a leading or trailing urgent", () => {
    expect(parse("call bank p3")).toMatchObject({ title: "call bank", priority: "low" });
    expect(parse("call bank !!")).toMatchObject({ title: "call bank", priority: "high" });
    expect(parse("urgent: call bank")).toMatchObject({ title: "call bank", priority: "high" });
    expect(parse("call bank urgent")).toMatchObject({ title: "call bank", priority: "high" });
    expect(parse("send the urgent form")).toMatchObject({ title: "send the urgent form", priority: null });
    expect(parse("print form p4")).toMatchObject({ title: "print form p4", priority: null });
    expect(parse("print page2 of form")).toMatchObject({ title: "print page2 of form", priority: null });
  });

  it("matches lists case-insensitively, in quoted and hyphenated forms; an unknown list stays in the title", () => {
    expect(parse('sketch logo #"side projects"')).toMatchObject({ title: "sketch logo", list: { id: 8, name: "Side projects" } });
    expect(parse("sketch logo #Side-Projects")).toMatchObject({ title: "sketch logo", list: { id: 8 } });
    expect(parse("sketch logo #WORK")).toMatchObject({ list: { id: 9, name: "work" } });
    const p = parse("buy paint #garden");
    expect(p).toMatchObject({ title: "buy paint #garden", list: null, unknownList: "garden" });
    expect(p.tokens).toEqual([]);
  });

  it("keeps existing labels' ids and names new ones without an id, each once", () => {
    const p = parse('read paper @ERRANDS @reading @"deep work" @Reading');
    expect(p.title).toBe("read paper");
    expect(p.labels).toEqual([{ id: 20, name: "Errands" }, { name: "reading" }, { id: 21, name: "deep work" }]);
    expect(p.tokens.filter((t) => t.kind === "label")).toHaveLength(4);
  });

  it("reads repeats, and a weekly rule takes the due date's weekday", () => {
    expect(parse("water plants every day")).toMatchObject({ title: "water plants", recurrence: { every: "day" }, recurrenceText: "Every day" });
    expect(parse("standup every weekday #work")).toMatchObject({ title: "standup", recurrenceText: "Every weekday", list: { id: 9 } });
    // "every week" alone repeats on today's weekday (Tuesday).
    expect(parse("review budget every week")).toMatchObject({ recurrence: { every: "week", weekdays: [2] } });
    expect(parse("gym every monday and thursday")).toMatchObject({ title: "gym", recurrence: { every: "week", weekdays: [1, 4] }, dueDate: null });
    // Out of the rule's range (365 days): not a repeat, its words stay in the title.
    const tooLong = parse("plan every 900 days");
    expect(tooLong.recurrence).toBeNull();
    expect(tooLong.title).toMatch(/^plan every\b/);
  });

  it("leaves words alone: emails, C#, mid-word marks and quoted text", () => {
    expect(parse("mail bob@example.com about C# course")).toMatchObject({ title: "mail bob@example.com about C# course", list: null, labels: [], priority: null });
    const quoted = parse("read “#1 tips for tomorrow” @errands");
    expect(quoted).toMatchObject({ title: "read “#1 tips for tomorrow”", dueDate: null, labels: [{ id: 20 }] });
    expect(parse('watch "every day counts" p2')).toMatchObject({ title: 'watch "every day counts"', recurrence: null, priority: "medium" });
    expect(parse("#1 fan club")).toMatchObject({ title: "#1 fan club", list: null });
    expect(parse("tomorrow")).toMatchObject({ title: "tomorrow", dueDate: null });
    expect(parse("")).toMatchObject({ title: "", tokens: [] });
  });

  it("titleWithout puts a removed chip's words back", () => {
    const text = "buy milk tomorrow #home p1";
    const p = parse(text);
    const kept = p.tokens.filter((t) => t.kind !== "date");
    expect(titleWithout(text, kept)).toBe("buy milk tomorrow");
  });

  it("reads hostile long lines in linear time", () => {
    const hostile = [
      "#".repeat(500),
      "@".repeat(500),
      '#"'.repeat(250),
      "#a".repeat(250),
      "p1 ".repeat(166),
      "every ".repeat(83),
      "a ".repeat(250),
      `${"x".repeat(499)}!`,
      "“".repeat(500),
      "tomorrow ".repeat(55),
    ];
    for (const text of hostile) {
      const started = performance.now();
      const p = parse(text);
      expect(performance.now() - started, text.slice(0, 20)).toBeLessThan(200);
      expect(p.title.length).toBeLessThanOrEqual(500);
    }
    // Longer than the route allows: read only up to the cap.
    expect(parse(`${"word ".repeat(200)}p1`).priority).toBeNull();
  });
});
