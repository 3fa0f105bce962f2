import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const script = path.resolve("scripts/ensure-env.mjs");
const dirs: string[] = [];
const run = (cwd: string, env: Record<string, string> = {}) => {
  const clean = { ...process.env };
  delete clean.BETTER_AUTH_SECRET;
  delete clean.VERCEL;
  execFileSync(process.execPath, [script], { cwd, env: { ...clean, ...env }, stdio: "pipe" });
};
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "ensure-env-"));
  dirs.push(d);
  return d;
};

afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe("scripts/ensure-env", () => {
  it("writes .env.local with a random secret on first run", () => {
    const a = tmp();
    const b = tmp();
    run(a);
    run(b);
    const secretOf = (d: string) => fs.readFileSync(path.join(d, ".env.local"), "utf8").match(/^BETTER_AUTH_SECRET=(.+)$/m)?.[1];
    expect(secretOf(a)).toMatch(/^[\w-]{40,}$/);
    expect(secretOf(a)).not.toBe(secretOf(b));
    expect(fs.readFileSync(path.join(a, ".env.local"), "utf8")).toMatch(/^BETTER_AUTH_URL=http:\/\/localhost:3000$/m);
  });

  it("never overwrites an existing file", () => {
    const d = tmp();
    fs.writeFileSync(path.join(d, ".env.local"), "BETTER_AUTH_SECRET=mine\n");
    run(d);
    expect(fs.readFileSync(path.join(d, ".env.local"), "utf8")).toBe("BETTER_AUTH_SECRET=mine\n");
  });

  it("on Vercel, fails with a clear message instead of inventing a secret", () => {
    const d = tmp();
    let stderr = "";
    try {
      run(d, { VERCEL: "1" });
    } catch (error) {
      stderr = String((error as { stderr?: Buffer }).stderr);
    }
    expect(stderr).toMatch(/BETTER_AUTH_SECRET is not set/);
    expect(fs.existsSync(path.join(d, ".env.local"))).toBe(false);
    expect(() => run(d, { VERCEL: "1", BETTER_AUTH_SECRET: "short" })).toThrow();
    run(d, { VERCEL: "1", BETTER_AUTH_SECRET: "a-real-secret-of-at-least-32-characters-0123" });
    expect(fs.existsSync(path.join(d, ".env.local"))).toBe(false);
  });

  it("writes nothing when the environment already has a secret", () => {
    const d = tmp();
    run(d, { BETTER_AUTH_SECRET: "from-env" });
    expect(fs.existsSync(path.join(d, ".env.local"))).toBe(false);
  });
});
