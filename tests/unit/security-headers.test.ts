import { describe, expect, it } from "vitest";
import { CHATKIT_ORIGIN, contentSecurityPolicy, headerRoutes, securityHeaders } from "@/lib/security-headers";

const header = (env: Record<string, string>, key: string) => securityHeaders(env).find((h) => h.key === key)?.value;
const directive = (csp: string, name: string) => csp.split("; ").find((d) => d.startsWith(`${name} `));

describe("securityHeaders", () => {
  it("forbids framing, sniffing and full referrers", () => {
    expect(header({}, "X-Frame-Options")).toBe("DENY");
    expect(header({}, "X-Content-Type-Options")).toBe("nosniff");
    expect(header({}, "Referrer-Policy")).toBe("strict-origin-when-cross-origin");
    expect(directive(header({}, "Content-Security-Policy")!, "frame-ancestors")).toBe("frame-ancestors 'none'");
  });

  it("sends HSTS only when the app is served over https", () => {
    expect(header({ BETTER_AUTH_URL: "http://localhost:3000" }, "Strict-Transport-Security")).toBeUndefined();
    expect(header({ BETTER_AUTH_URL: "https://tasks.example.com" }, "Strict-Transport-Security")).toMatch(/max-age=\d{8}/);
    expect(header({ VERCEL: "1" }, "Strict-Transport-Security")).toBeDefined();
  });

  it("allows ChatKit's CDN script and frame while ChatKit may load, and nothing outside when builtin is forced", () => {
    const chatkit = header({}, "Content-Security-Policy")!;
    expect(directive(chatkit, "script-src")).toContain(CHATKIT_ORIGIN);
    expect(directive(chatkit, "frame-src")).toBe(`frame-src ${CHATKIT_ORIGIN}`);
    const builtin = header({ NEXT_PUBLIC_CHAT_UI: "builtin" }, "Content-Security-Policy")!;
    expect(builtin).not.toMatch(/https:/);
    expect(directive(builtin, "frame-src")).toBe("frame-src 'none'");
  });

  it("needs eval only in development", () => {
    expect(contentSecurityPolicy({ chatkit: false, dev: false })).not.toContain("unsafe-eval");
    expect(contentSecurityPolicy({ chatkit: false, dev: true })).toContain("'unsafe-eval'");
  });
});

describe("headerRoutes", () => {
  it("puts no-store on every API response", () => {
    expect(headerRoutes({}).find((r) => r.source === "/api/:path*")?.headers).toEqual([{ key: "Cache-Control", value: "no-store" }]);
  });
});
