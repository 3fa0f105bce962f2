import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPEN_REDIRECT_VARIANTS } from "../helpers/open-redirects";
import { App, Client, signUp, SKIP, writeStats } from "../reliability/harness";
import { PORTS } from "./config";

/**
 * Issue 12 #1: `/sign-in?next=/%09/evil.com` answered `307 Location: /\t/evil.com`, which a
 * browser turns into `http://evil.com/`; a `%0a` made Node refuse the header (a 500). Each
 * variant, sent raw in the query string to both pages, must redirect a signed-in user
 * somewhere on this origin, without a 5xx.
 */

const VARIANTS = OPEN_REDIRECT_VARIANTS;

const app = new App(PORTS.redirect);

describe.skipIf(SKIP !== null)("open redirect after sign-in", () => {
  let user: Client;

  beforeAll(async () => {
    await app.start();
    user = await signUp(app, "redirect");
  });

  afterAll(async () => {
    await app.stop();
    writeStats("redirect");
  });

  it.each(["/sign-in", "/sign-up"].flatMap((page) => VARIANTS.map((v) => [page, v])))("%s?next=%j stays on the origin", async (page, variant) => {
    // Encode only what fetch would otherwise reject or rewrite, so the server sees the attacker's bytes.
    const query = variant.replace(/[\t ]/g, (c) => (c === " " ? "%20" : "%09"));
    const res = await user.get(`${page}?next=${query}`);
    expect(res.status, res.text.slice(0, 200)).toBe(307);
    const location = res.headers.get("location")!;
    expect(location).not.toMatch(/[\s\\]/);
    const target = new URL(location, app.origin);
    expect(target.origin, location).toBe(app.origin);
    expect(target.pathname).toBe("/dashboard");
  });

  it("a safe next still works", async () => {
    const res = await user.get("/sign-in?next=%2Ftasks%3Fstatus%3Dactive");
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toBe("/tasks?status=active");
  });
});
