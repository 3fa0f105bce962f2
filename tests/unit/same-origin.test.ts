import { describe, expect, it } from "vitest";
import { originPolicy } from "@/lib/origins";
import { appOrigins, crossSiteReason, refuseCrossSite } from "@/lib/same-origin";

const TRUSTED = ["https://tasks.example.com"];
const req = (method: string, headers: Record<string, string> = {}) => new Request("https://tasks.example.com/api/tasks", { method, headers });

describe("crossSiteReason", () => {
  it.each(["POST", "PATCH", "PUT", "DELETE"])("refuses a %s from a foreign origin", (method) => {
    expect(crossSiteReason(req(method, { origin: "https://evil.example" }), TRUSTED)).toMatch(/evil\.example/);
  });

  it.each([
    ["a sibling subdomain", "https://evil.tasks.example.com"],
    ["another scheme", "http://tasks.example.com"],
    ["another port", "https://tasks.example.com:8443"],
    ["the opaque origin", "null"],
    ["garbage", "not a url"],
  ])("treats %s as foreign", (_label, origin) => {
    expect(crossSiteReason(req("POST", { origin }), TRUSTED)).not.toBeNull();
  });

  it("refuses Sec-Fetch-Site: cross-site even without Origin, or with a trusted one", () => {
    expect(crossSiteReason(req("POST", { "sec-fetch-site": "cross-site" }), TRUSTED)).toMatch(/Sec-Fetch-Site/);
    expect(crossSiteReason(req("DELETE", { "sec-fetch-site": "Cross-Site", origin: TRUSTED[0]! }), TRUSTED)).not.toBeNull();
  });

  it("lets same-origin writes through", () => {
    expect(crossSiteReason(req("POST", { origin: "https://tasks.example.com", "sec-fetch-site": "same-origin" }), TRUSTED)).toBeNull();
  });

  it("lets a request with neither header through (curl, servers: no victim's cookies)", () => {
    expect(crossSiteReason(req("POST"), TRUSTED)).toBeNull();
  });

  it("never refuses reads", () => {
    expect(crossSiteReason(req("GET", { origin: "https://evil.example", "sec-fetch-site": "cross-site" }), TRUSTED)).toBeNull();
  });
});

describe("appOrigins", () => {
  const env = (vars: Record<string, string>) => vars as unknown as NodeJS.ProcessEnv;

  it("trusts the request's own origin and BETTER_AUTH_URL, nothing else", () => {
    const trusts = appOrigins(new Request("http://127.0.0.1:3850/api/tasks"), originPolicy(env({ BETTER_AUTH_URL: "http://localhost:3850" })));
    expect(["http://127.0.0.1:3850", "http://localhost:3850"].map(trusts)).toEqual([true, true]);
    expect(["http://localhost:3851", "https://localhost:3850", "https://evil.example"].map(trusts)).toEqual([false, false, false]);
  });

  it("on a Vercel preview, trusts the preview's own URLs and allow-listed hosts, as Better Auth does", () => {
    const policy = originPolicy(
      env({ VERCEL: "1", VERCEL_ENV: "preview", VERCEL_URL: "tasktalk-abc123-team.vercel.app", PREVIEW_TRUSTED_ORIGINS: "tasktalk-*-team.vercel.app" }),
    );
    const trusts = appOrigins(new Request("https://tasktalk-abc123-team.vercel.app/api/tasks"), policy);
    expect(trusts("https://tasktalk-git-main-team.vercel.app")).toBe(true);
    expect(trusts("https://someone-else.vercel.app")).toBe(false);
    expect(crossSiteReason(new Request("https://tasktalk-abc123-team.vercel.app/api/tasks", { method: "POST", headers: { origin: "https://someone-else.vercel.app" } }), trusts)).not.toBeNull();
  });
});

describe("refuseCrossSite", () => {
  it("answers 403 JSON", async () => {
    const res = refuseCrossSite(req("POST", { origin: "https://evil.example" }), TRUSTED)!;
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: "cross_site_request" });
  });
});
