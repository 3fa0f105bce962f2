import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { App, Client, signUp, SKIP, userInput, withPg, writeStats } from "../reliability/harness";
import { countRows, createKey } from "./attack";
import { PORTS } from "./config";

/**
 * Issue 12 #9: state-changing app routes did not look at Origin / Sec-Fetch-Site; only the
 * JSON-only rule stopped cross-site writes. Now a write a browser marks as cross-site is
 * refused with 403 before anything is read or written.
 */

const app = new App(PORTS.crossSite);
const EVIL = { origin: "https://evil.example" };
const CROSS = { "sec-fetch-site": "cross-site" };

describe.skipIf(SKIP !== null)("cross-site writes", () => {
  let user: Client;
  let taskId: number;
  let keyId: string;

  const keyCount = () => withPg(async (c) => (await c.query(`select count(*)::int as n from api_keys where user_id = $1 and revoked_at is null`, [user.userId])).rows[0].n as number);
  const task = () => withPg(async (c) => (await c.query(`select title, completed from tasks where id = $1`, [taskId])).rows[0]);

  beforeAll(async () => {
    await app.start();
    user = await signUp(app, "cross-site");
    taskId = (await user.post("/api/tasks", { title: "keep me" })).json.task.id;
    await createKey(user);
    keyId = (await user.get("/api/keys")).json.keys[0].id;
  });

  afterAll(async () => {
    await app.stop();
    writeStats("cross-site");
  });

  it.each([
    ["a foreign Origin", EVIL],
    ["Sec-Fetch-Site: cross-site (with our own Origin)", CROSS],
    ["Origin: null (a sandboxed frame)", { origin: "null" }],
    ["a sibling origin on another port", { origin: `http://localhost:${PORTS.crossSite + 1}` }],
  ])("POST /api/tasks with %s gets 403 and writes nothing", async (_label, headers) => {
    const before = await countRows("tasks", user.userId);
    const res = await user.post("/api/tasks", { title: "planted" }, { headers });
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ error: "cross_site_request" });
    expect(await countRows("tasks", user.userId)).toBe(before);
  });

  it("PATCH, DELETE and bulk changes from another site change nothing", async () => {
    expect((await user.request("PATCH", `/api/tasks/${taskId}`, { body: { title: "hijacked" }, headers: EVIL })).status).toBe(403);
    expect((await user.request("DELETE", `/api/tasks/${taskId}`, { headers: CROSS })).status).toBe(403);
    expect((await user.post("/api/tasks/bulk", { action: "complete", ids: [taskId] }, { headers: EVIL })).status).toBe(403);
    expect(await task()).toEqual({ title: "keep me", completed: false });
  });

  it("another site cannot plant a time zone (it would move the user's “today” for their MCP clients)", async () => {
    const zone = () => withPg(async (c) => (await c.query(`select time_zone from user_settings where user_id = $1`, [user.userId])).rows[0]?.time_zone ?? null);
    expect((await user.request("PUT", "/api/me/time-zone", { body: { timeZone: "Europe/Paris" } })).status).toBe(200);
    expect((await user.request("PUT", "/api/me/time-zone", { body: { timeZone: "Pacific/Kiritimati" }, headers: EVIL })).status).toBe(403);
    expect((await user.request("PUT", "/api/me/time-zone", { body: { timeZone: "Pacific/Pago_Pago" }, headers: CROSS })).status).toBe(403);
    expect(await zone()).toBe("Europe/Paris");
  });

  it("keys and chat refuse cross-site writes too", async () => {
    const keys = await keyCount();
    expect((await user.post("/api/keys", { name: "attacker's" }, { headers: EVIL })).status).toBe(403);
    expect((await user.request("DELETE", `/api/keys/${keyId}`, { headers: CROSS })).status).toBe(403);
    expect(await keyCount()).toBe(keys);
    const threads = await countRows("conversations", user.userId);
    const chat = await user.chatJson({ type: "threads.create", params: { input: userInput("add planted task") } }, { headers: EVIL });
    expect(chat.status).toBe(403);
    expect(await countRows("conversations", user.userId)).toBe(threads);
  });

  it("reads from another site are not this check's business (CORS keeps their answers from the page)", async () => {
    expect((await user.get("/api/tasks", { headers: EVIL })).status).toBe(200);
  });

  it("same-origin writes work, with or without Sec-Fetch-Site", async () => {
    expect((await user.post("/api/tasks", { title: "mine" }, { headers: { "sec-fetch-site": "same-origin" } })).status).toBe(201);
    expect((await user.post("/api/tasks", { title: "mine too" })).status).toBe(201);
  });

  it("a request with neither Origin nor Sec-Fetch-Site (curl, a server) is allowed", async () => {
    const res = await fetch(`${app.baseURL}/api/tasks`, {
      method: "POST",
      headers: { cookie: user.cookie, "content-type": "application/json" },
      body: JSON.stringify({ title: "from curl" }),
    });
    expect(res.status).toBe(201);
  });

  it("Better Auth refuses a foreign Origin on its own routes when cookies come along", async () => {
    const res = await user.post("/api/auth/update-user", { name: "Hijacked" }, { headers: EVIL });
    expect(res.status).toBe(403);
    expect((await user.get("/api/me")).json.user.name).toBe(user.name);
  });
});
