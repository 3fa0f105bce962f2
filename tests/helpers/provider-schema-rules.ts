/**
 * Providers' documented rules for function-tool parameter schemas, as code that walks a schema
 * and lists every place it breaks one. Each violation is "<json path>: <rule>", so a failing
 * test names the tool, the field and the rule.
 */

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);

/** Children reached through schema keywords, with their path segment. */
function children(node: Node): [string, unknown][] {
  const out: [string, unknown][] = [];
  if (isNode(node.properties)) for (const [k, v] of Object.entries(node.properties)) out.push([`properties.${k}`, v]);
  if (node.items !== undefined) out.push(["items", node.items]);
  if (Array.isArray(node.anyOf)) node.anyOf.forEach((v, i) => out.push([`anyOf[${i}]`, v]));
  for (const defs of ["$defs", "definitions"]) if (isNode(node[defs])) for (const [k, v] of Object.entries(node[defs] as Node)) out.push([`${defs}.${k}`, v]);
  return out;
}

function walk(schema: unknown, visit: (node: Node, path: string, depth: number) => void, path = "$", depth = 1) {
  if (!isNode(schema)) return;
  visit(schema, path, depth);
  for (const [segment, child] of children(schema)) walk(child, visit, `${path}.${segment}`, depth + 1);
}

const isObjectNode = (n: Node) => n.type === "object" || (Array.isArray(n.type) && n.type.includes("object")) || (n.type === undefined && isNode(n.properties));

/*
 * OpenAI Structured Outputs, which strict function calling uses. Source: OpenAI API docs,
 * guide "Structured model outputs" → "Supported schemas"
 * (https://platform.openai.com/docs/guides/structured-outputs#supported-schemas, served from
 * developers.openai.com/api/docs/guides/structured-outputs; text as read on 2026-11-30):
 * - supported types: string, number, boolean, integer, object, array, enum, anyOf (optional
 *   fields are "a union type with null": `type: [T, "null"]` or `anyOf [..., {type: "null"}]`);
 * - supported properties: strings `pattern`, `format` (date-time, time, date, duration, email,
 *   hostname, ipv4, ipv6, uuid); numbers `multipleOf`, `maximum`, `exclusiveMaximum`, `minimum`,
 *   `exclusiveMinimum`; arrays `minItems`, `maxItems`;
 * - "Some type-specific keywords are not yet supported": composition (allOf, not,
 *   dependentRequired, dependentSchemas, if/then/else); "For fine-tuned models, we additionally
 *   do not support" minLength, maxLength, pattern, format, minimum, maximum, multipleOf,
 *   patternProperties, minItems, maxItems. We read "additionally" as: base models accept
 *   minLength/maxLength, so they are allowed here (our titles use them); a fine-tuned model
 *   would need them removed;
 * - "All fields must be required"; "additionalProperties: false must always be set in objects";
 *   "Root objects must not be anyOf and must be an object"; definitions ($defs/$ref) and
 *   recursion are supported;
 * - limits: "up to 5000 object properties total, with up to 10 levels of nesting"; "up to 1000
 *   enum values across all enum properties"; one enum of more than 250 string values ≤ 15,000
 *   characters; property names + definition names + enum and const values ≤ 120,000 characters.
 */
export const OPENAI_STRICT_KEYWORDS = new Set([
  "type", "properties", "required", "additionalProperties", "items", "enum", "const", "anyOf", "description", "$defs", "definitions", "$ref",
  "pattern", "format", "minLength", "maxLength",
  "multipleOf", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
  "minItems", "maxItems",
]);
export const OPENAI_STRING_FORMATS = new Set(["date-time", "time", "date", "duration", "email", "hostname", "ipv4", "ipv6", "uuid"]);
const OPENAI_TYPES = new Set(["string", "number", "boolean", "integer", "object", "array", "null"]);
export const OPENAI_LIMITS = { nesting: 10, properties: 5000, enumValues: 1000, largeEnum: 250, largeEnumChars: 15_000, totalChars: 120_000 };

export function openAIStrictViolations(schema: unknown): string[] {
  const problems: string[] = [];
  if (!isNode(schema)) return ["$: the root must be a schema object"];
  if (schema.type !== "object") problems.push("$: the root must be type object");
  if ("anyOf" in schema) problems.push("$: the root must not be anyOf");

  let properties = 0;
  let enumValues = 0;
  let chars = 0;
  for (const defs of ["$defs", "definitions"]) if (isNode(schema[defs])) chars += Object.keys(schema[defs] as Node).join("").length;

  walk(schema, (node, path, depth) => {
    if (depth > OPENAI_LIMITS.nesting) problems.push(`${path}: nested ${depth} levels deep (at most ${OPENAI_LIMITS.nesting})`);
    for (const key of Object.keys(node)) if (!OPENAI_STRICT_KEYWORDS.has(key)) problems.push(`${path}: keyword "${key}" is not supported`);
    const types = node.type === undefined ? [] : Array.isArray(node.type) ? node.type : [node.type];
    for (const t of types) if (typeof t !== "string" || !OPENAI_TYPES.has(t)) problems.push(`${path}: type ${JSON.stringify(t)} is not supported`);
    if (typeof node.format === "string" && !OPENAI_STRING_FORMATS.has(node.format)) problems.push(`${path}: format "${node.format}" is not supported`);
    if (Array.isArray(node.anyOf) && node.anyOf.length === 0) problems.push(`${path}: anyOf must not be empty`);

    if (isObjectNode(node)) {
      if (node.additionalProperties !== false) problems.push(`${path}: additionalProperties must be false`);
      const keys = isNode(node.properties) ? Object.keys(node.properties) : [];
      properties += keys.length;
      chars += keys.join("").length;
      const required = Array.isArray(node.required) ? node.required : [];
      for (const k of keys) if (!required.includes(k)) problems.push(`${path}: property "${k}" must be required (express optional as a union with null)`);
      for (const r of required) if (!keys.includes(r as string)) problems.push(`${path}: required "${String(r)}" is not a property`);
    }
    if (Array.isArray(node.enum)) {
      enumValues += node.enum.length;
      const strings = node.enum.filter((v): v is string => typeof v === "string");
      chars += strings.join("").length;
      if (node.enum.length > OPENAI_LIMITS.largeEnum && strings.join("").length > OPENAI_LIMITS.largeEnumChars) {
        problems.push(`${path}: an enum of more than ${OPENAI_LIMITS.largeEnum} values may have at most ${OPENAI_LIMITS.largeEnumChars} characters`);
      }
    }
    if (typeof node.const === "string") chars += node.const.length;
  });

  if (properties > OPENAI_LIMITS.properties) problems.push(`$: ${properties} object properties in all (at most ${OPENAI_LIMITS.properties})`);
  if (enumValues > OPENAI_LIMITS.enumValues) problems.push(`$: ${enumValues} enum values in all (at most ${OPENAI_LIMITS.enumValues})`);
  if (chars > OPENAI_LIMITS.totalChars) problems.push(`$: ${chars} characters of names and enum/const values (at most ${OPENAI_LIMITS.totalChars})`);
  return problems;
}

/*
 * Gemini function declarations: `parameters` is a Schema, "a select subset of an OpenAPI 3.0
 * schema object". Sources: Gemini API reference, Schema
 * (https://ai.google.dev/api/caching#Schema and https://ai.google.dev/api/rest/v1beta/Schema),
 * and the field list of google.ai.generativelanguage.v1beta.Schema in @google-ai/generativelanguage
 * 3.7.0 (type, format, title, description, nullable, enum, maxItems, minItems, properties,
 * required, minProperties, maxProperties, minLength, maxLength, pattern, example, anyOf,
 * propertyOrdering, default, items, minimum, maximum). `type` is one value of the Type enum
 * (STRING, NUMBER, INTEGER, BOOLEAN, ARRAY, OBJECT), never a list; null is `nullable: true`.
 * `format`: "for NUMBER type: float, double; for INTEGER type: int32, int64; for STRING type:
 * enum, date-time"; `enum` values are strings. Not fields, so the request fails with "Invalid
 * JSON payload received. Unknown name …": `$schema`, `additionalProperties`, `const`,
 * `exclusiveMinimum`/`exclusiveMaximum`, `$ref`/`$defs` (reports of exactly these 400s:
 * github.com/ahmadrosid/nakama/issues/292, github.com/bestruirui/octopus/pull/43, and the
 * `$schema` rejection that mcp/in-process.ts already worked around). `default` was added to the
 * Schema later ("ignored"); older API versions reject it, so we send none.
 */
export const GEMINI_KEYWORDS = new Set([
  "type", "format", "title", "description", "nullable", "enum", "maxItems", "minItems", "properties", "required",
  "minProperties", "maxProperties", "minLength", "maxLength", "pattern", "example", "anyOf", "propertyOrdering", "items", "minimum", "maximum",
]);
const GEMINI_TYPES = new Set(["string", "number", "integer", "boolean", "array", "object"]);
export const GEMINI_FORMATS: Record<string, readonly string[]> = { string: ["enum", "date-time"], number: ["float", "double"], integer: ["int32", "int64"] };

/**
 * `sdkRoot` allows the one key the Agents SDK itself puts on every non-strict MCP tool's root,
 * `additionalProperties: true` (mcpToFunctionTool), which no adapter before it can remove.
 */
export function geminiViolations(schema: unknown, options: { sdkRoot?: boolean } = {}): string[] {
  const problems: string[] = [];
  if (!isNode(schema)) return ["$: the root must be a schema object"];
  if (typeof schema.type !== "string" || schema.type.toLowerCase() !== "object") problems.push("$: the root must be type object");
  walk(schema, (node, path) => {
    for (const key of Object.keys(node)) {
      if (options.sdkRoot && path === "$" && key === "additionalProperties") continue;
      if (!GEMINI_KEYWORDS.has(key)) problems.push(`${path}: keyword "${key}" is not a Gemini Schema field`);
    }
    if (node.type !== undefined && (typeof node.type !== "string" || !GEMINI_TYPES.has(node.type.toLowerCase()))) {
      problems.push(`${path}: type ${JSON.stringify(node.type)} is not one OpenAPI type (use nullable for null)`);
    }
    if (typeof node.format === "string" && !(GEMINI_FORMATS[String(node.type).toLowerCase()] ?? []).includes(node.format)) {
      problems.push(`${path}: format "${node.format}" is not supported for type ${String(node.type)}`);
    }
    if (Array.isArray(node.enum) && node.enum.some((v) => typeof v !== "string")) problems.push(`${path}: enum values must be strings`);
    if (Array.isArray(node.required)) {
      const keys = isNode(node.properties) ? Object.keys(node.properties) : [];
      for (const r of node.required) if (!keys.includes(r as string)) problems.push(`${path}: required "${String(r)}" is not a property`);
    }
  });
  return problems;
}

/** Object keys at every level and which of them are required: what a conversion must keep. A nullable union reads as its non-null branch. */
export function schemaShape(schema: unknown): unknown {
  if (!isNode(schema)) return null;
  const branch = Array.isArray(schema.anyOf) ? schema.anyOf.find((b) => isNode(b) && b.type !== "null") : undefined;
  const node = isNode(branch) ? branch : schema;
  return {
    properties: isNode(node.properties) ? Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, schemaShape(v)])) : null,
    required: Array.isArray(node.required) ? [...node.required].sort() : [],
    items: node.items === undefined ? null : schemaShape(node.items),
  };
}
