import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as authRoute from "@/app/api/auth/[...all]/route";
import * as revokeAllRoute from "@/app/api/keys/revoke-all/route";
import { db } from "@/db";
import { apiKeys } from "@/db/schema";
import { createApiKey, revokeAllKeys } from "@/lib/api-keys/service";
import { signUpUser } from "../helpers/auth";
import { jsonRequest, readJson } from "../helpers/http";

type User = Awaited<ReturnType<typeof signUpUser>>;
let alice: User;
let bob: User;

const liveKeys = async (userId: string) => (await db.select({ id: apiKeys.id }).from(apiKeys).where(and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))).length;

/** Through the app's /api/auth route (its body cap, then Better Auth and its hooks), as a browser would. */
async function changePassword(user: User, newPassword: string, revokeOtherSessions: boolean) {
  const res = await authRoute.POST(
    new Request("http://localhost:3000/api/auth/change-password", {
      method: "POST",
      headers: { origin: "http://localhost:3000", "content-type": "application/json", cookie: user.cookie },
      body: JSON.stringify({ currentPassword: user.password, newPassword, revokeOtherSessions }),
    }),
  );
  expect(res.status, await res.clone().text()).toBe(200);
  user.password = newPassword;
  const session = res.headers.getSetCookie().find((c) => c.includes("session_token="));
  if (session) user.cookie = session.split(";")[0]!;
}

beforeAll(async () => {
  alice = await signUpUser("revoke-alice");
  bob = await signUpUser("revoke-bob");
});

describe("revoking all of a user's API keys", () => {
  it("revokeAllKeys revokes every live key of that user and no one else's", async () => {
    await createApiKey(alice.id, { name: "A1" });
    await createApiKey(alice.id, { name: "A2" });
    await createApiKey(bob.id, { name: "B1" });
    expect(await revokeAllKeys(alice.id)).toBe(2);
    expect(await liveKeys(alice.id)).toBe(0);
    expect(await liveKeys(bob.id)).toBe(1);
    expect(await revokeAllKeys(alice.id)).toBe(0);
  });

  it("POST /api/keys/revoke-all revokes the signed-in user's keys only", async () => {
    await createApiKey(alice.id, { name: "A3" });
    const res = await revokeAllRoute.POST(jsonRequest("/api/keys/revoke-all", { method: "POST", cookie: alice.cookie }));
    expect(res.status).toBe(200);
    expect(await readJson(res)).toEqual({ revoked: 1 });
    expect(await liveKeys(alice.id)).toBe(0);
    expect(await liveKeys(bob.id)).toBe(1);
    expect((await revokeAllRoute.POST(jsonRequest("/api/keys/revoke-all", { method: "POST" }))).status).toBe(401);
  });

  it("changing the password keeps the keys, unless other devices are signed out too", async () => {
    await createApiKey(alice.id, { name: "A4" });
    await changePassword(alice, "a new password 123", false);
    expect(await liveKeys(alice.id)).toBe(1);
    await changePassword(alice, "another password 456", true);
    expect(await liveKeys(alice.id)).toBe(0);
    expect(await liveKeys(bob.id)).toBe(1);
  });
});

describe("the /api/auth body cap", () => {
  it("cuts a chunked body without Content-Length off at 64 KiB with a 413 JSON", async () => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 1024 * 1024) return controller.close();
        sent += 16 * 1024;
        controller.enqueue(new Uint8Array(16 * 1024).fill(0x20));
      },
    });
    const res = await authRoute.POST(
      new Request("http://localhost:3000/api/auth/sign-in/email", { method: "POST", headers: { origin: "http://localhost:3000", "content-type": "application/json" }, body, duplex: "half" } as RequestInit),
    );
    expect(res.status).toBe(413);
    expect((await readJson(res)).error).toBeTruthy();
    expect(sent).toBeLessThan(1024 * 1024);
  });
});
