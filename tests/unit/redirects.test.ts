import { describe, expect, it } from "vitest";
import { nextAfterSignIn, safeNextPath } from "@/lib/redirects";
import { OPEN_REDIRECT_VARIANTS } from "../helpers/open-redirects";

/** What a `?next=` value could be turned into by a browser: every one of these must be refused. */
const HOSTILE_NEXT = [
  ...OPEN_REDIRECT_VARIANTS,
  "/%5cevil.com",
  "/%2f/evil.com",
  "/%252F%252Fevil.com",
  "https:/evil.com",
  "/\n/evil.com",
  "/\r\n/evil.com",
  "\t//evil.com",
  "/tasks\u2028",
  "/%",
  "evil.com",
  "/sign-in",
  "/sign-up?next=/x",
  "/api/tasks",
  "/./sign-in",
  "/tasks/../api/keys",
  "",
];

describe("safeNextPath", () => {
  it.each([
    ["/tasks", "/tasks"],
    ["/tasks?status=active", "/tasks?status=active"],
    ["/tasks?q=a%20b#top", "/tasks?q=a%20b#top"],
    ["/tasks/./x/../y", "/tasks/y"],
    ["/dashboard", "/dashboard"],
  ])("keeps %s as %s", (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
    expect(safeNextPath(input, "http://localhost:3000")).toBe(expected);
  });

  it.each(HOSTILE_NEXT.map((v) => [JSON.stringify(v), v]))("refuses %s", (_label, input) => {
    expect(safeNextPath(input)).toBeNull();
    expect(safeNextPath(input, "https://app.example.com")).toBeNull();
  });

  it("refuses null, non-strings and very long values", () => {
    expect(safeNextPath(null)).toBeNull();
    expect(safeNextPath(undefined)).toBeNull();
    expect(safeNextPath(`/${"a".repeat(5000)}`)).toBeNull();
  });

  it("whatever it returns stays on the origin when a browser resolves it", () => {
    const origin = "https://app.example.com";
    for (const input of [...HOSTILE_NEXT, "/tasks", "/a//b", "/%2e%2e/x"]) {
      const out = safeNextPath(input, origin);
      if (out !== null) expect(new URL(out, origin).origin, input).toBe(origin);
    }
  });
});

describe("nextAfterSignIn (the sign-in/up pages and forms)", () => {
  const origin = "http://localhost:3000";
  it("sends a safe next on, in the form (with the window's origin) as on the server", () => {
    expect(nextAfterSignIn("/tasks?status=active", origin)).toBe("/tasks?status=active");
    expect(nextAfterSignIn("/tasks")).toBe("/tasks");
  });
  it.each(HOSTILE_NEXT.map((v) => [JSON.stringify(v), v]))("sends %s to the dashboard", (_label, input) => {
    expect(nextAfterSignIn(input, origin)).toBe("/dashboard");
  });
  it("ignores repeated ?next= values and absence", () => {
    expect(nextAfterSignIn(["/tasks", "//evil.com"], origin)).toBe("/dashboard");
    expect(nextAfterSignIn(undefined, origin)).toBe("/dashboard");
  });
});
