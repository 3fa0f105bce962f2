import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { PRIORITIES, TITLE_MAX } from "@/lib/tasks/schemas";
import { parseRecurrence } from "@/lib/recurrence";
import { DATE_TOKEN } from "./dates";

/**
 * The scenario file's format. Everything in it is judged by what is in the database after
 * the conversation (and, for read-only questions, by the reply), never by which tools the
 * model chose, so any model can be compared with any other.
 */

export const SCENARIOS_PATH = path.join(import.meta.dirname, "scenarios.json");

const dateToken = z.string().regex(DATE_TOKEN, "a date token: today, tomorrow, yesterday, +3d, -2d, +1w or next:friday");
const dueDate = z.union([dateToken, z.null(), z.array(dateToken).min(1)]);

const listName = z.string().trim().min(1).max(60);
const labelName = z.string().trim().min(1).max(40);

const setupTaskSchema = z.strictObject({
  title: z.string().trim().min(1).max(TITLE_MAX),
  description: z.string().optional(),
  dueDate: dateToken.nullable().optional(),
  priority: z.enum(PRIORITIES).optional(),
  completed: z.boolean().optional(),
  /** One of the scenario's lists (by name); without it the task is in the Inbox. */
  list: listName.optional(),
  /** Label names; each must be among the scenario's labels. */
  labels: z.array(labelName).optional(),
  /** A repeat phrase as lib/recurrence reads it: "every monday", "every month on the 1st". */
  repeat: z.string().min(1).optional(),
});

/** A list the user has before the conversation (besides the Inbox). */
const setupListSchema = z.union([listName, z.strictObject({ name: listName, archived: z.boolean().optional() })]);

/** A user message, or a press of the pending confirmation card's button. */
const turnSchema = z.union([z.string().trim().min(1, "a turn cannot be empty"), z.strictObject({ card: z.enum(["confirm", "cancel"]) })]);

/** One task that must exist after the run, found by its title (case-insensitive) or a part of it. */
const taskExpectationSchema = z
  .strictObject({
    title: z.string().min(1).optional(),
    titleContains: z.string().min(1).optional(),
    completed: z.boolean().optional(),
    dueDate: dueDate.optional(),
    priority: z.enum(PRIORITIES).optional(),
    /** The name of the list it is in ("Inbox" for the Inbox), case-insensitive. */
    list: listName.optional(),
    /** Exactly these labels, in any order, case-insensitive. */
    labels: z.array(labelName).optional(),
    /** The repeat rule in words ("Every Monday", lib/recurrence's recurrenceInWords), or false for none. */
    repeats: z.union([z.string().min(1), z.literal(false)]).optional(),
  })
  .refine((t) => (t.title === undefined) !== (t.titleContains === undefined), "give exactly one of title and titleContains");

const expectationSchema = z
  .strictObject({
    /** The user's whole list after the run: exactly these titles (case-insensitive unless exactTitles). */
    titles: z.array(z.string().min(1)).optional(),
    /** Titles must match character for character (quotes, Markdown, capitals). */
    exactTitles: z.boolean().optional(),
    tasks: z.array(taskExpectationSchema).min(1).optional(),
    /** Nothing changed: every task as the setup left it. */
    unchanged: z.literal(true).optional(),
    count: z.number().int().min(0).optional(),
    openCount: z.number().int().min(0).optional(),
    completedCount: z.number().int().min(0).optional(),
    /** The user's lists after the run besides the Inbox, archived ones included: exactly these names (case-insensitive). */
    lists: z.array(listName).optional(),
    /** The user's labels after the run: exactly these names (case-insensitive). */
    labels: z.array(labelName).optional(),
    /** The last turn's reply (case-insensitive). */
    reply: z.strictObject({ contains: z.array(z.string().min(1)).optional(), notContains: z.array(z.string().min(1)).optional() }).optional(),
  })
  .refine((e) => Object.entries(e).some(([k, v]) => k !== "exactTitles" && v !== undefined), "an expectation must check something")
  .refine((e) => !e.exactTitles || e.titles, "exactTitles needs titles");

export const scenarioSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "ids are lowercase words with dashes"),
  category: z.string().regex(/^[a-z][a-z-]*$/, "categories are lowercase words with dashes"),
  /** Free labels for --only, e.g. "issue-14" for the ten phrasings issue 14 lists. */
  tags: z.array(z.string().min(1)).optional(),
  note: z.string().optional(),
  lists: z.array(setupListSchema).optional(),
  labels: z.array(labelName).optional(),
  setup: z.array(setupTaskSchema).optional(),
  turns: z.array(turnSchema).min(1),
  expect: expectationSchema,
});

export const scenarioFileSchema = z
  .strictObject({ about: z.string().optional(), scenarios: z.array(scenarioSchema).min(1) })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.scenarios.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: "custom", path: ["scenarios", i, "id"], message: `duplicate id "${s.id}"` });
      seen.add(s.id);
      if (typeof s.turns[0] !== "string") ctx.addIssue({ code: "custom", path: ["scenarios", i, "turns", 0], message: "the first turn must be a message" });
      const lists = new Set((s.lists ?? []).map((l) => (typeof l === "string" ? l : l.name).toLowerCase()));
      const labels = new Set((s.labels ?? []).map((l) => l.toLowerCase()));
      (s.setup ?? []).forEach((t, j) => {
        if (t.list && !lists.has(t.list.toLowerCase())) ctx.addIssue({ code: "custom", path: ["scenarios", i, "setup", j, "list"], message: `"${t.list}" is not among the scenario's lists` });
        for (const label of t.labels ?? []) if (!labels.has(label.toLowerCase())) ctx.addIssue({ code: "custom", path: ["scenarios", i, "setup", j, "labels"], message: `"${label}" is not among the scenario's labels` });
        if (t.repeat && !parseRecurrence(t.repeat)) ctx.addIssue({ code: "custom", path: ["scenarios", i, "setup", j, "repeat"], message: `"${t.repeat}" is not a repeat phrase` });
      });
    });
  });

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioTurn = Scenario["turns"][number];
export type SetupTask = z.infer<typeof setupTaskSchema>;
export type SetupList = z.infer<typeof setupListSchema>;
export type TaskExpectation = z.infer<typeof taskExpectationSchema>;
export type Expectation = Scenario["expect"];

export class ScenarioFileError extends Error {}

/** Reads and validates a scenario file; a bad file is one error that says where and what. */
export function loadScenarios(file = SCENARIOS_PATH): Scenario[] {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new ScenarioFileError(`Cannot read the scenario file ${file}: ${(e as Error).message}`);
  }
  return parseScenarioFile(raw, file);
}

export function parseScenarioFile(raw: unknown, file = "scenarios"): Scenario[] {
  const parsed = scenarioFileSchema.safeParse(raw);
  if (parsed.success) return parsed.data.scenarios;
  const scenarios = (raw as { scenarios?: Array<{ id?: unknown }> } | null)?.scenarios;
  const problems = parsed.error.issues.slice(0, 10).map((issue) => {
    const [first, index, ...rest] = issue.path;
    const id = first === "scenarios" && typeof index === "number" ? scenarios?.[index]?.id : undefined;
    const where = id !== undefined ? `scenario "${String(id)}" (#${Number(index) + 1}) ${rest.join(".")}` : issue.path.join(".") || "(file)";
    return `  - ${where}: ${issue.message}`;
  });
  const more = parsed.error.issues.length > 10 ? `\n  …and ${parsed.error.issues.length - 10} more` : "";
  throw new ScenarioFileError(`The scenario file ${file} is not valid:\n${problems.join("\n")}${more}`);
}

/** Scenarios whose id, category or tag is `only` (all when it is undefined). */
export function selectScenarios(scenarios: Scenario[], only: string | undefined): Scenario[] {
  if (!only) return scenarios;
  const picked = scenarios.filter((s) => s.id === only || s.category === only || s.tags?.includes(only));
  if (!picked.length) throw new ScenarioFileError(`--only ${only}: no scenario has that id, category or tag`);
  return picked;
}
