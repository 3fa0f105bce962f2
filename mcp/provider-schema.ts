/**
 * Tool input schemas in the dialect each model provider accepts. Our tools publish JSON Schema
 * (draft-07, from zod); OpenAI takes it as it is once `$schema` is gone, and Gemini's
 * OpenAI-compatible endpoint takes only its OpenAPI 3.0 Schema subset
 * (https://ai.google.dev/api/caching#Schema): no `additionalProperties`, `const`,
 * `exclusiveMinimum`/`exclusiveMaximum`, `default`, `$ref`/`$defs`, type lists or `type: "null"`,
 * and `format` only from a short list. See docs/decisions/0008 ("Provider schemas").
 */

import "server-only";
export type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; anyOf?: JsonSchema[]; [key: string]: unknown };

export type SchemaDialect = "json-schema" | "gemini";

type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);

/** Keys no provider needs and Gemini refuses; our schemas carry none of them as constraints the tool relies on. */
const DROPPED_FOR_ALL = new Set(["$schema"]);
const DROPPED_FOR_GEMINI = new Set(["$schema", "$id", "$comment", "additionalProperties", "default", "examples"]);

/** Gemini's documented `format` values, by type (Schema.format). Anything else is left out; `pattern` still says it. */
const GEMINI_FORMATS: Record<string, readonly string[]> = { string: ["enum", "date-time"], number: ["float", "double"], integer: ["int32", "int64"] };

function stripKeys(schema: unknown, dropped: ReadonlySet<string>): unknown {
  if (Array.isArray(schema)) return schema.map((s) => stripKeys(s, dropped));
  if (!isNode(schema)) return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([k]) => !dropped.has(k))
      .map(([k, v]) => [k, k === "properties" && isNode(v) ? mapValues(v, (p) => stripKeys(p, dropped)) : stripKeys(v, dropped)]),
  );
}

function mapValues(node: Node, fn: (v: unknown) => unknown): Node {
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fn(v)]));
}

const isNullBranch = (s: unknown) => isNode(s) && s.type === "null" && Object.keys(s).every((k) => k === "type" || k === "description");

/** An exclusive bound as Gemini's inclusive one: exact for integers (0 → 1), the closest it can say for numbers. */
function inclusive(bound: number, integer: boolean, direction: 1 | -1): number {
  return integer ? (Number.isInteger(bound) ? bound + direction : direction === 1 ? Math.ceil(bound) : Math.floor(bound)) : bound;
}

function toGeminiNode(input: unknown): unknown {
  if (Array.isArray(input)) return input.map(toGeminiNode);
  if (!isNode(input)) return input;
  let node: Node = { ...input };

  // ["string", "null"] → type: "string", nullable: true
  if (Array.isArray(node.type)) {
    const types = node.type.filter((t) => t !== "null");
    if (types.length < node.type.length) node.nullable = true;
    if (types.length === 1) node.type = types[0];
    else {
      delete node.type;
      node.anyOf = types.map((t) => ({ type: t }));
    }
  }

  // anyOf [X, {type: "null"}] → X with nullable: true (OpenAPI 3.0 has no null type)
  if (Array.isArray(node.anyOf) && node.anyOf.some(isNullBranch)) {
    const rest = node.anyOf.filter((b) => !isNullBranch(b));
    const { anyOf: _anyOf, ...outer } = node;
    void _anyOf;
    const only = rest.length === 1 && isNode(rest[0]) ? rest[0] : null;
    node = only ? { ...only, ...outer, nullable: true } : { ...outer, anyOf: rest, nullable: true };
  }

  if ("const" in node) {
    const value = node.const;
    delete node.const;
    if (typeof value === "string") node.enum = [value];
  }

  const integer = node.type === "integer";
  if (typeof node.exclusiveMinimum === "number") {
    const min = inclusive(node.exclusiveMinimum, integer, 1);
    node.minimum = typeof node.minimum === "number" ? Math.max(node.minimum, min) : min;
  }
  if (typeof node.exclusiveMaximum === "number") {
    const max = inclusive(node.exclusiveMaximum, integer, -1);
    node.maximum = typeof node.maximum === "number" ? Math.min(node.maximum, max) : max;
  }
  delete node.exclusiveMinimum;
  delete node.exclusiveMaximum;

  if (typeof node.format === "string" && !(GEMINI_FORMATS[String(node.type)] ?? []).includes(node.format)) delete node.format;

  for (const key of DROPPED_FOR_GEMINI) delete node[key];
  if (isNode(node.properties)) node.properties = mapValues(node.properties, toGeminiNode);
  if (node.items !== undefined) node.items = toGeminiNode(node.items);
  if (Array.isArray(node.anyOf)) node.anyOf = node.anyOf.map(toGeminiNode);
  return node;
}

/** A tool's input schema as the given dialect accepts it. The input is not modified. */
export function schemaForDialect(schema: JsonSchema, dialect: SchemaDialect): JsonSchema {
  return (dialect === "gemini" ? toGeminiNode(schema) : stripKeys(schema, DROPPED_FOR_ALL)) as JsonSchema;
}

/** Gemini gets its own dialect; every other provider (OpenAI, compatible servers, offline) takes JSON Schema. */
export function dialectFor(provider: string | undefined): SchemaDialect {
  return provider === "gemini" ? "gemini" : "json-schema";
}
