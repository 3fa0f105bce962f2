import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/redirects";

describe("safeNextPath", () => {
  it.each([
    ["/tasks", "/tasks"],
    ["/tasks?status=active", "/tasks?status=active"],
    ["//evil.example.com", null],
    ["/\\evil.example.com", null],
    ["https://evil.example.com", null],
    ["/sign-in", null],
    ["/api/tasks", null],
    ["", null],
    [null, null],
  ])("%s → %s", (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });
});
