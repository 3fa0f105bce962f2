import { describe, expect, it } from "vitest";
import { hostPattern, isTrustedOrigin, originPolicy, trustedOriginsFor } from "@/lib/origins";

const preview = {
  VERCEL: "1",
  VERCEL_ENV: "preview",
  VERCEL_URL: "tasktalk-abc123-team.vercel.app",
  VERCEL_BRANCH_URL: "tasktalk-git-feature-team.vercel.app",
  BETTER_AUTH_URL: "https://tasks.example.com",
} as unknown as NodeJS.ProcessEnv;

describe("origin policy", () => {
  it("production and self-hosting trust BETTER_AUTH_URL only", () => {
    const policy = originPolicy({ VERCEL: "1", VERCEL_ENV: "production", VERCEL_URL: "tasktalk-abc123-team.vercel.app", BETTER_AUTH_URL: "https://tasks.example.com/" } as unknown as NodeJS.ProcessEnv);
    expect(policy.baseURL).toBe("https://tasks.example.com");
    expect(isTrustedOrigin("https://tasks.example.com", policy)).toBe(true);
    expect(isTrustedOrigin("https://tasktalk-abc123-team.vercel.app", policy)).toBe(false);
    expect(originPolicy({ BETTER_AUTH_URL: "http://localhost:3000" } as unknown as NodeJS.ProcessEnv).exact).toEqual(["http://localhost:3000"]);
  });

  it("production on Vercel without BETTER_AUTH_URL uses the project's production domain", () => {
    const policy = originPolicy({ VERCEL: "1", VERCEL_ENV: "production", VERCEL_PROJECT_PRODUCTION_URL: "tasktalk.vercel.app" } as unknown as NodeJS.ProcessEnv);
    expect(policy.exact).toEqual(["https://tasktalk.vercel.app"]);
  });

  it("a preview trusts its own deployment and branch URLs, not production's or anyone else's", () => {
    const policy = originPolicy(preview);
    expect(policy.baseURL).toBe("https://tasktalk-git-feature-team.vercel.app");
    expect(isTrustedOrigin("https://tasktalk-git-feature-team.vercel.app", policy)).toBe(true);
    expect(isTrustedOrigin("https://tasktalk-abc123-team.vercel.app", policy)).toBe(true);
    expect(isTrustedOrigin("http://tasktalk-abc123-team.vercel.app", policy)).toBe(false);
    expect(isTrustedOrigin("https://evil.example", policy)).toBe(false);
    expect(isTrustedOrigin("https://other-git-feature-team.vercel.app", policy)).toBe(false);
    expect(isTrustedOrigin("null", policy)).toBe(false);
  });

  it("a preview allow-list matches one label and never a bare *.vercel.app", () => {
    const policy = originPolicy({ ...preview, PREVIEW_TRUSTED_ORIGINS: "tasktalk-*-team.vercel.app, *.vercel.app, *, https://*x.vercel.app, a.*.vercel.app" });
    expect(policy.patterns).toHaveLength(1);
    expect(policy.refused).toHaveLength(4);
    expect(isTrustedOrigin("https://tasktalk-git-other-team.vercel.app", policy)).toBe(true);
    expect(isTrustedOrigin("https://tasktalk-evil.com.x-team.vercel.app", policy)).toBe(false);
    expect(isTrustedOrigin("https://attacker.vercel.app", policy)).toBe(false);
    expect(isTrustedOrigin("https://tasktalk-x-team.vercel.app.evil.example", policy)).toBe(false);
    expect(trustedOriginsFor(new Request("https://x/api", { headers: { origin: "https://tasktalk-pr-9-team.vercel.app" } }), policy)).toContain("https://tasktalk-pr-9-team.vercel.app");
    expect(trustedOriginsFor(new Request("https://x/api", { headers: { origin: "https://evil.example" } }), policy)).not.toContain("https://evil.example");
  });

  it("refuses patterns that are not host names", () => {
    expect(hostPattern("tasktalk-*-team.vercel.app")).toBeInstanceOf(RegExp);
    for (const bad of ["*.vercel.app", "ab*.vercel.app", "vercel.app", "tasktalk-*.*.app", "tasktalk_*.vercel.app", "tasktalk-*-team.vercel.app/path"]) expect(typeof hostPattern(bad), bad).toBe("string");
  });
});
