import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { App, Client, SKIP, writeStats } from "../reliability/harness";
import { PORTS } from "./config";

/**
 * A Vercel deployment whose DATABASE_URL was never set: one clear error naming the variable at
 * start-up, pages that need no database still render, and what needs it answers 503 with the
 * same words, instead of a 500 on every route from PGlite trying to write into the read-only
 * function directory.
 */

const pgliteDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tasktalk-deploy-")), "pglite");
const app = new App(PORTS.noDatabase, {
  env: { VERCEL: "1", VERCEL_ENV: "production", BETTER_AUTH_URL: "https://tasks.example.com", DATABASE_URL: "", PGLITE_DIR: pgliteDir },
});

describe.skipIf(SKIP !== null)("VERCEL=1 without DATABASE_URL", () => {
  beforeAll(() => app.start());
  afterAll(async () => {
    await app.stop();
    fs.rmSync(path.dirname(pgliteDir), { recursive: true, force: true });
    writeStats("deploy-missing-database");
  });

  it("says so once at start-up, naming the variable, and never opens the embedded database", () => {
    expect(app.output.match(/DATABASE_URL is not set/g) ?? []).toHaveLength(1);
    expect(fs.existsSync(pgliteDir)).toBe(false);
  });

  it("renders the pages that need no database", async () => {
    const client = new Client(app);
    for (const page of ["/", "/sign-in", "/sign-up"]) expect((await client.get(page, { cookie: null })).status, page).toBe(200);
  });

  it("answers 503 naming DATABASE_URL where the database is needed, never 500", async () => {
    const client = new Client(app);
    const headers = { origin: "https://tasks.example.com" };
    const signUp = await client.post("/api/auth/sign-up/email", { name: "No DB", email: "nodb@example.com", password: "correct horse battery staple" }, { cookie: null, headers, expect5xx: true });
    expect(signUp.status).toBe(503);
    expect(signUp.json.message).toMatch(/DATABASE_URL is not set/);
    expect(signUp.headers.get("retry-after")).toBeTruthy();

    const session = await client.get("/api/auth/get-session", { cookie: "__Secure-better-auth.session_token=forged.value", expect5xx: true });
    expect(session.status).toBe(503);
    expect(session.json.message).toMatch(/DATABASE_URL/);

    const tasks = await client.get("/api/tasks", { cookie: null });
    expect(tasks.status).toBe(401);
    expect(app.output).not.toMatch(/EROFS|ENOENT.*pglite/);
  });
});
