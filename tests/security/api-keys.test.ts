import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { App, Client, log, PASSWORD, signUp, SKIP, writeStats } from "../reliability/harness";
import { createKey, mcpHeaders } from "./attack";
import { PORTS } from "./config";

/**
 * Issue 12 #6: API keys survived "change password and sign out other devices", so a leaked
 * key kept working after the user locked everything else out. Now that change revokes the
 * user's keys (and only theirs); a change without it leaves them; POST /api/keys/revoke-all revokes
 * them all on demand.
 */

const app = new App(PORTS.apiKeys);
const toolsList = { jsonrpc: "2.0", id: 1, method: "tools/list" };

async function mcpStatus(key: string): Promise<number> {
  return (await new Client(app).post("/api/mcp", toolsList, { headers: mcpHeaders(key), cookie: null })).status;
}

async function changePassword(user: Client, currentPassword: string, newPassword: string, revokeOtherSessions: boolean) {
  const res = await user.post("/api/auth/change-password", { currentPassword, newPassword, revokeOtherSessions });
  expect(res.status, res.text.slice(0, 200)).toBe(200);
  // Revoking other sessions issues this device a new session cookie.
  const session = res.headers.getSetCookie().find((c) => c.includes("session_token="));
  if (session) user.cookie = session.split(";")[0]!;
}

describe.skipIf(SKIP !== null)("API keys and password changes", () => {
  let alice: Client;
  let bob: Client;
  let bobKey: string;

  beforeAll(async () => {
    await app.start();
    alice = await signUp(app, "keys-alice");
    bob = await signUp(app, "keys-bob");
    bobKey = await createKey(bob, "Bob's key");
  });

  afterAll(async () => {
    await app.stop();
    writeStats("api-keys");
  });

  it("a password change without signing other devices out leaves the key working", async () => {
    const key = await createKey(alice, "Laptop");
    expect(await mcpStatus(key)).toBe(200);
    await changePassword(alice, PASSWORD, "second password 123", false);
    expect(await mcpStatus(key)).toBe(200);
  });

  it("a password change that signs other devices out revokes every key of the user, and only theirs", async () => {
    const keys = [await createKey(alice, "Cursor"), await createKey(alice, "Claude")];
    for (const key of keys) expect(await mcpStatus(key)).toBe(200);
    await changePassword(alice, "second password 123", "third password 456", true);
    const statuses = await Promise.all(keys.map(mcpStatus));
    log(`api-keys: after change-password with revokeOtherSessions, the old keys → ${statuses.join(", ")}`);
    expect(statuses).toEqual([401, 401]);
    expect((await alice.get("/api/keys")).json.keys).toEqual([]);
    expect(await mcpStatus(bobKey)).toBe(200);
  });

  it("a wrong current password changes nothing and revokes nothing", async () => {
    const key = await createKey(alice, "Phone");
    const res = await alice.post("/api/auth/change-password", { currentPassword: "not my password", newPassword: "fourth password 789", revokeOtherSessions: true });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await mcpStatus(key)).toBe(200);
  });

  it("POST /api/keys/revoke-all revokes all of the user's keys at once, and only theirs", async () => {
    const keys = [await createKey(alice, "One"), await createKey(alice, "Two")];
    const res = await alice.request("POST", "/api/keys/revoke-all");
    expect(res.status).toBe(200);
    expect(res.json.revoked).toBeGreaterThanOrEqual(2);
    for (const key of keys) expect(await mcpStatus(key)).toBe(401);
    expect(await mcpStatus(bobKey)).toBe(200);
    expect((await new Client(app).request("POST", "/api/keys/revoke-all", { cookie: null })).status).toBe(401);
    // The collection itself has no DELETE: a stray or path-normalized DELETE cannot wipe the keys.
    expect((await bob.request("DELETE", "/api/keys")).status).toBe(405);
  });
});
