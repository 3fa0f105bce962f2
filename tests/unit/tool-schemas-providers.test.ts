import { getAllMcpTools, type FunctionTool } from "@openai/agents";
import { afterEach, describe, expect, it } from "vitest";
import { InProcessMcpServer } from "@/mcp/in-process";
import { schemaForDialect, type JsonSchema } from "@/mcp/provider-schema";
import { createTaskServer } from "@/mcp/server";
import { TOOL_NAMES } from "@/mcp/tools";
import { geminiViolations, OPENAI_LIMITS, openAIStrictViolations, schemaShape } from "../helpers/provider-schema-rules";

/**
 * Every task tool's input schema, exactly as a model receives it: the real MCP client lists the
 * tools of createTaskServer over the in-memory transport, the adapter (mcp/in-process.ts) turns
 * each schema into the provider's dialect, and the Agents SDK wraps it as a function tool. The
 * rules are code in tests/helpers/provider-schema-rules.ts, with their documented sources.
 */

const open: InProcessMcpServer[] = [];

async function adapterFor(provider: string) {
  const server = new InProcessMcpServer("tasks", () => createTaskServer("user-x"), undefined, { provider });
  open.push(server);
  await server.connect();
  return server;
}

/** What the adapter hands the SDK: name → input schema. */
async function adapterSchemas(provider: string): Promise<Map<string, JsonSchema>> {
  const tools = await (await adapterFor(provider)).listTools();
  return new Map(tools.map((t) => [t.name, t.inputSchema as JsonSchema]));
}

/** What the SDK sends as the tool's `parameters`, and whether it sends it strict. */
async function sdkTools(provider: string, convertSchemasToStrict: boolean): Promise<FunctionTool[]> {
  const tools = await getAllMcpTools({ mcpServers: [await adapterFor(provider)], convertSchemasToStrict });
  return tools.filter((t): t is FunctionTool => t.type === "function");
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

describe("every tool is checked", () => {
  it("the adapter lists exactly the registry's tools, for each provider", async () => {
    for (const provider of ["openai", "compatible", "gemini"]) {
      expect([...(await adapterSchemas(provider)).keys()].sort()).toEqual([...TOOL_NAMES].sort());
    }
  });
});

describe("OpenAI strict function calling", () => {
  it("today the SDK sends MCP tools non-strict (getAllMcpTools' default), with the root opened", async () => {
    const tools = await sdkTools("openai", false);
    expect(tools).toHaveLength(TOOL_NAMES.length);
    for (const tool of tools) {
      expect(tool.strict, tool.name).toBe(false);
      expect(tool.parameters.additionalProperties, tool.name).toBe(true);
    }
  });

  it("every tool converts to strict with the SDK's own conversion, and the strict schema meets OpenAI's documented rules", async () => {
    const tools = await sdkTools("openai", true);
    expect(tools.map((t) => t.name).sort()).toEqual([...TOOL_NAMES].sort());
    for (const tool of tools) {
      // strict: false here would mean the SDK fell back after failing to convert this tool.
      expect(tool.strict, `${tool.name} fell back to non-strict`).toBe(true);
      expect(openAIStrictViolations(tool.parameters), tool.name).toEqual([]);
    }
  });

  it("strict form: an optional field becomes required and nullable, so the tools must take null for it", async () => {
    const strict = new Map((await sdkTools("openai", true)).map((t) => [t.name, t.parameters as JsonSchema]));
    const addTask = strict.get("add_task")!;
    expect(addTask.required).toEqual(Object.keys(addTask.properties ?? {}));
    expect(addTask.properties?.dueDate?.anyOf).toContainEqual({ type: "null" });
    // The published schema keeps dueDate optional and not nullable: the adapter's null rule drops the null.
    const published = (await adapterSchemas("openai")).get("add_task")!;
    expect(published.required).toEqual(["title"]);
    expect(JSON.stringify(published.properties?.dueDate)).not.toContain("null");
  });

  it("why the adapter keeps OpenAI non-strict: strict update_task could not say 'leave the due date as it is'", async () => {
    const published = (await adapterSchemas("openai")).get("update_task")!;
    const strict = (await sdkTools("openai", true)).find((t) => t.name === "update_task")!.parameters as JsonSchema;
    for (const field of ["dueDate", "description"]) {
      // Published: optional (absent = unchanged), and null clears it.
      expect(published.required, field).not.toContain(field);
      expect(published.properties?.[field]?.anyOf, field).toContainEqual({ type: "null" });
      // Strict: the field must be sent, and its only null is the one that clears, so the SDK strips nothing.
      expect(strict.required, field).toContain(field);
      expect(strict.properties?.[field], field).toEqual(published.properties?.[field]);
    }
  });

  it("the adapter leaves OpenAI's schema as the server published it, less $schema", async () => {
    const schemas = await adapterSchemas("openai");
    for (const [name, schema] of schemas) {
      expect(JSON.stringify(schema), name).not.toContain('"$schema"');
      expect(schema.additionalProperties, name).toBe(false);
    }
    expect(schemas.get("delete_task")?.properties?.id).toMatchObject({ type: "integer", exclusiveMinimum: 0 });
  });
});

describe("Gemini (OpenAI-compatible endpoint, OpenAPI 3.0 Schema subset)", () => {
  it("the adapter's Gemini variant of every tool has only Gemini Schema fields", async () => {
    const schemas = await adapterSchemas("gemini");
    expect(schemas.size).toBe(TOOL_NAMES.length);
    for (const [name, schema] of schemas) expect(geminiViolations(schema), name).toEqual([]);
  });

  it("what the SDK sends for Gemini breaks no rule except the root additionalProperties the SDK itself adds", async () => {
    for (const tool of await sdkTools("gemini", false)) {
      expect(tool.parameters.additionalProperties, tool.name).toBe(true);
      expect(geminiViolations(tool.parameters, { sdkRoot: true }), tool.name).toEqual([]);
      expect(geminiViolations(tool.parameters).filter((p) => !p.startsWith('$: keyword "additionalProperties"')), tool.name).toEqual([]);
    }
  });

  it("the conversion keeps every tool's fields, required lists and limits", async () => {
    const published = await adapterSchemas("openai");
    const gemini = await adapterSchemas("gemini");
    for (const [name, schema] of published) expect(schemaShape(gemini.get(name)), name).toEqual(schemaShape(schema));

    // exclusiveMinimum 0 on an integer id is exactly minimum 1; the upper bound stays.
    expect(gemini.get("delete_task")?.properties?.id).toMatchObject({ type: "integer", minimum: 1, maximum: 2147483647 });
    expect((gemini.get("delete_tasks")?.properties?.ids as JsonSchema).items).toMatchObject({ type: "integer", minimum: 1 });
    expect(gemini.get("delete_tasks")?.properties?.ids).toMatchObject({ minItems: 1, maxItems: 50 });
    // A nullable field is the one type with nullable: true, description kept.
    const dueDate = gemini.get("update_task")?.properties?.dueDate;
    expect(dueDate).toMatchObject({ type: "string", nullable: true, pattern: expect.any(String), description: expect.stringContaining("YYYY-MM-DD") });
    // uuid is not a Gemini format; the pattern still says it.
    const changeSetId = gemini.get("undo_last_change")?.properties?.changeSetId;
    expect(changeSetId).not.toHaveProperty("format");
    expect(changeSetId?.pattern).toBe(published.get("undo_last_change")?.properties?.changeSetId?.pattern);
  });
});

describe("negative controls: hand-made bad schemas are rejected", () => {
  const good = { type: "object", properties: { title: { type: "string" } }, required: ["title"], additionalProperties: false };

  it("the OpenAI checker accepts a good schema and names each broken rule", () => {
    expect(openAIStrictViolations(good)).toEqual([]);
    const cases: [unknown, string][] = [
      [{ anyOf: [good, good] }, "the root must not be anyOf"],
      [{ ...good, type: "array" }, "the root must be type object"],
      [{ ...good, additionalProperties: true }, "additionalProperties must be false"],
      [{ type: "object", properties: good.properties, required: ["title"] }, "additionalProperties must be false"],
      [{ ...good, properties: { ...good.properties, note: { type: "string" } } }, 'property "note" must be required'],
      [{ ...good, properties: { title: { type: "string", allOf: [{ type: "string" }] } } }, 'keyword "allOf" is not supported'],
      [{ ...good, properties: { title: { type: "string", format: "uri" } } }, 'format "uri" is not supported'],
      [{ ...good, properties: { title: { type: "string", default: "x" } } }, 'keyword "default" is not supported'],
      [{ ...good, properties: { title: { type: "date" } } }, 'type "date" is not supported'],
      [{ ...good, properties: { title: { type: "string", enum: Array.from({ length: 1001 }, (_, i) => `v${i}`) } } }, "enum values in all"],
    ];
    for (const [schema, rule] of cases) expect(openAIStrictViolations(schema).join("\n"), rule).toContain(rule);
  });

  it("the OpenAI checker enforces the nesting and property limits", () => {
    let deep: object = { type: "string" };
    for (let i = 0; i < OPENAI_LIMITS.nesting; i++) deep = { type: "object", properties: { x: deep }, required: ["x"], additionalProperties: false };
    expect(openAIStrictViolations(deep).join("\n")).toContain(`levels deep (at most ${OPENAI_LIMITS.nesting})`);
    const wide = Object.fromEntries(Array.from({ length: OPENAI_LIMITS.properties + 1 }, (_, i) => [`p${i}`, { type: "string" }]));
    expect(openAIStrictViolations({ type: "object", properties: wide, required: Object.keys(wide), additionalProperties: false }).join("\n")).toContain("object properties in all");
  });

  it("the Gemini checker names each field Gemini rejects, and the adapter's conversion clears all of them", () => {
    const bad = {
      $schema: "http://json-schema.org/draft-07/schema#",
      type: "object",
      additionalProperties: false,
      properties: {
        id: { type: "integer", exclusiveMinimum: 0, exclusiveMaximum: 10 },
        kind: { const: "task" },
        note: { type: ["string", "null"], default: null },
        due: { anyOf: [{ type: "string", format: "date" }, { type: "null" }], description: "Due date" },
        ref: { $ref: "#/$defs/x" },
      },
      required: ["id", "missing"],
    };
    const problems = geminiViolations(bad).join("\n");
    for (const rule of [
      'keyword "$schema"',
      'keyword "additionalProperties"',
      'keyword "exclusiveMinimum"',
      'keyword "exclusiveMaximum"',
      'keyword "const"',
      'keyword "default"',
      'keyword "$ref"',
      'type ["string","null"] is not one OpenAPI type',
      'type "null" is not one OpenAPI type',
      'format "date" is not supported',
      'required "missing" is not a property',
    ]) {
      expect(problems, rule).toContain(rule);
    }

    const { properties, ...rest } = bad;
    const convertible = { ...rest, properties: { id: properties.id, kind: properties.kind, note: properties.note, due: properties.due }, required: ["id"] };
    const converted = schemaForDialect(convertible as JsonSchema, "gemini");
    expect(geminiViolations(converted)).toEqual([]);
    expect(converted.properties).toEqual({
      id: { type: "integer", minimum: 1, maximum: 9 },
      kind: { enum: ["task"] },
      note: { type: "string", nullable: true },
      due: { type: "string", nullable: true, description: "Due date" },
    });
    // $ref is not inlined by the adapter: a schema that used one would fail the Gemini test above.
    expect(geminiViolations(schemaForDialect(bad as JsonSchema, "gemini")).join("\n")).toContain('keyword "$ref"');
  });
});
