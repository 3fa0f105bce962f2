import { describe, expect, it } from "vitest";
import { userMessageInputSchema } from "@/lib/chatkit/schemas";
import { boundedRecord, deeperThan, FREE_JSON_MAX_DEPTH } from "@/lib/json-bounds";
import { timeZoneFromCookieHeader } from "@/lib/timezone";

function deep(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let i = 1; i < depth; i++) value = { a: [value] };
  return value;
}

describe("deeperThan", () => {
  it("counts objects and arrays, not scalars", () => {
    expect(deeperThan("x", 0)).toBe(false);
    expect(deeperThan({}, 0)).toBe(true);
    expect(deeperThan({}, 1)).toBe(false);
    expect(deeperThan({ a: [1] }, 1)).toBe(true);
    expect(deeperThan({ a: [1] }, 2)).toBe(false);
  });

  it("walks 100,000 levels without overflowing the stack", () => {
    expect(deeperThan(deep(100_000), 64)).toBe(true);
  });
});

describe("boundedRecord", () => {
  it("keeps ordinary options, refuses too deep or too large ones", () => {
    expect(boundedRecord().safeParse({ model: "default", tool_choice: null }).success).toBe(true);
    let ok: Record<string, unknown> = {};
    for (let i = 1; i < FREE_JSON_MAX_DEPTH; i++) ok = { a: ok };
    expect(boundedRecord().safeParse(ok).success).toBe(true);
    expect(boundedRecord().safeParse({ a: ok }).success).toBe(false);
    expect(boundedRecord().safeParse({ x: "é".repeat(3000) }).success).toBe(false);
  });

  it("is applied to a chat message's inference_options and tag data", () => {
    const input = { content: [{ type: "input_text", text: "hi" }], attachments: [] };
    expect(userMessageInputSchema.safeParse({ ...input, inference_options: {} }).success).toBe(true);
    expect(userMessageInputSchema.safeParse({ ...input, inference_options: deep(5000) }).success).toBe(false);
    const tag = { type: "input_tag", id: "t", text: "milk", data: deep(5000) };
    expect(userMessageInputSchema.safeParse({ content: [tag], attachments: [] }).success).toBe(false);
  });
});

describe("timeZoneFromCookieHeader", () => {
  it.each(["tz=%", "tz=%E0%A4%A", "a=1; tz=%ZZ"])("%s is no zone, not an exception", (cookie) => {
    expect(timeZoneFromCookieHeader(cookie)).toBeUndefined();
  });
  it("reads a valid zone", () => {
    expect(timeZoneFromCookieHeader("a=1; tz=Europe%2FParis")).toBe("Europe/Paris");
  });
});
