import { describe, expect, it } from "vitest";
import { z } from "zod";
import { authErrorMessage, collectErrors, emailError, nameError, newPasswordError, PASSWORD_MAX, PASSWORD_MIN } from "@/lib/auth-rules";

/** The forms' zod-free checks must agree with the server's (zod's email, Better Auth's lengths). */
describe("auth form rules", () => {
  it.each(["a@b.co", "first.last+tag@example.com", "  padded@example.com  ", "x@sub.domain.example"])("accepts %j", (email) => {
    expect(emailError(email)).toBeUndefined();
    expect(z.email().safeParse(email.trim()).success).toBe(true);
  });

  it.each(["", "   ", "not-an-email", "a@b", "a@@b.co", "a b@c.co", "@example.com", `${"a".repeat(250)}@example.com`])("refuses %j", (email) => {
    expect(emailError(email)).toMatch(/^Enter (your|a valid) email/);
  });

  it("password lengths match Better Auth's limits", () => {
    expect(newPasswordError("x".repeat(PASSWORD_MIN - 1))).toBe(`Use at least ${PASSWORD_MIN} characters.`);
    expect(newPasswordError("x".repeat(PASSWORD_MIN))).toBeUndefined();
    expect(newPasswordError("x".repeat(PASSWORD_MAX))).toBeUndefined();
    expect(newPasswordError("x".repeat(PASSWORD_MAX + 1))).toBe(`Use at most ${PASSWORD_MAX} characters.`);
  });

  it("names are trimmed, required and at most 100 characters", () => {
    expect(nameError("  ")).toBe("Enter your name.");
    expect(nameError(` ${"n".repeat(100)} `)).toBeUndefined();
    expect(nameError("n".repeat(101))).toBe("Use at most 100 characters.");
  });

  it("collectErrors keeps only fields with a message", () => {
    expect(collectErrors({ email: "Enter your email.", password: undefined })).toEqual({ email: "Enter your email." });
  });

  it("Better Auth's codes become words; a 429 keeps the server's own message when it has one", () => {
    expect(authErrorMessage({ code: "INVALID_TOKEN", status: 400 })).toBe("This reset link is not valid any more: it was used already, or it expired.");
    expect(authErrorMessage({ code: "INVALID_EMAIL_OR_PASSWORD", status: 401 })).toBe("That email and password do not match. Check them and try again.");
    expect(authErrorMessage({ status: 429 })).toBe("Too many attempts. Wait a minute and try again.");
    expect(authErrorMessage({ status: 429, code: "ACCOUNT_LOCKED", message: "Too many failed sign-ins for this account. Try again in 15 minutes." })).toBe(
      "Too many failed sign-ins for this account. Try again in 15 minutes.",
    );
    expect(authErrorMessage({ status: 0, message: "Could not reach the server." })).toBe("Could not reach the server.");
  });
});
