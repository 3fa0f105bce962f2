import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { App, Client, signUp, SKIP, userInput, writeStats, type Res } from "../reliability/harness";
import { createKey, mcpHeaders } from "./attack";
import { PORTS } from "./config";

/**
 * Issue 12 #8: pages had no CSP, no framing protection, no nosniff, no referrer policy (a
 * same-site iframe rendered the signed-in /tasks), and authenticated API answers could be
 * cached. The build under test has ChatKit on (NEXT_PUBLIC_CHAT_UI unset) and an http URL.
 */

const app = new App(PORTS.headers);

function expectPageHeaders(res: Res, what: string) {
  const csp = res.headers.get("content-security-policy") ?? "";
  expect(csp, what).toMatch(/(^|; )frame-ancestors 'none'(;|$)/);
  expect(csp, what).toMatch(/(^|; )default-src 'self'(;|$)/);
  expect(csp, what).toMatch(/(^|; )object-src 'none'(;|$)/);
  expect(csp, what).toMatch(/(^|; )script-src [^;]*https:\/\/cdn\.platform\.openai\.com/);
  expect(csp, what).toMatch(/(^|; )frame-src https:\/\/cdn\.platform\.openai\.com(;|$)/);
  expect(csp, what).not.toContain("unsafe-eval");
  expect(res.headers.get("x-frame-options"), what).toBe("DENY");
  expect(res.headers.get("x-content-type-options"), what).toBe("nosniff");
  expect(res.headers.get("referrer-policy"), what).toBe("strict-origin-when-cross-origin");
  // Served over http here: no HSTS.
  expect(res.headers.get("strict-transport-security"), what).toBeNull();
}

describe.skipIf(SKIP !== null)("security headers", () => {
  let user: Client;
  let key: string;
  let taskId: number;

  beforeAll(async () => {
    await app.start();
    user = await signUp(app, "headers");
    key = await createKey(user);
    const created = await user.post("/api/tasks", { title: "header check" });
    taskId = created.json.task.id;
  });

  afterAll(async () => {
    await app.stop();
    writeStats("headers");
  });

  it.each(["/", "/sign-in", "/sign-up"])("%s (signed out) carries the page headers", async (path) => {
    const res = await user.get(path, { cookie: null });
    expect(res.status).toBe(200);
    expectPageHeaders(res, path);
  });

  it.each(["/dashboard", "/tasks", "/chat", "/profile"])("%s (signed in) carries the page headers and is not cached", async (path) => {
    const res = await user.get(path);
    expect(res.status).toBe(200);
    expectPageHeaders(res, path);
    expect(res.headers.get("cache-control")).toMatch(/no-store/);
  });

  it("every authenticated API answer says Cache-Control: no-store", async () => {
    const thread = await user.chatJson({ type: "threads.list", params: {} });
    const answers: [string, Res][] = [
      ["GET /api/me", await user.get("/api/me")],
      ["GET /api/me signed out (401)", await user.get("/api/me", { cookie: null })],
      ["GET /api/tasks", await user.get("/api/tasks")],
      ["POST /api/tasks", await user.post("/api/tasks", { title: "another" })],
      ["GET /api/tasks/:id", await user.get(`/api/tasks/${taskId}`)],
      ["PATCH /api/tasks/:id", await user.request("PATCH", `/api/tasks/${taskId}`, { body: { title: "renamed" } })],
      ["POST /api/tasks/bulk", await user.post("/api/tasks/bulk", { action: "complete", ids: [taskId] })],
      ["GET /api/keys", await user.get("/api/keys")],
      ["POST /api/chat threads.list", thread],
      ["POST /api/mcp tools/list", await user.post("/api/mcp", { jsonrpc: "2.0", id: 1, method: "tools/list" }, { headers: mcpHeaders(key), cookie: null })],
      ["GET /api/auth/get-session", await user.get("/api/auth/get-session")],
      ["POST /api/auth/sign-in/email", await new Client(app).post("/api/auth/sign-in/email", { email: user.email, password: "not-it-at-all" }, { cookie: null })],
    ];
    for (const [what, res] of answers) {
      expect(res.status, `${what}: ${res.text.slice(0, 200)}`).toBeLessThan(500);
      expect(res.headers.get("cache-control"), what).toBe("no-store");
    }
    expect(answers.map(([, r]) => r.status)).toEqual([200, 401, 200, 201, 200, 200, 200, 200, 200, 200, 200, 401]);
  });

  it("the chat stream is not cached either", async () => {
    const res = await user.chatOpen({ type: "threads.create", params: { input: userInput("what's left?") } });
    await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toMatch(/no-store|no-cache/);
  });
});
