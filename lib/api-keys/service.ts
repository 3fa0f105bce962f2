import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { apiKeys, type ApiKeyRow } from "@/db/schema";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { parseWith } from "@/lib/http";
import type { ApiKey } from "./types";

/**
 * Personal API keys for outside MCP clients. A key is shown once; only its SHA-256 is
 * stored (keys are 256 random bits, so a fast hash is enough), with a short prefix kept so
 * the user can tell keys apart.
 */
export const KEY_PREFIX = "ttk_";
export const MAX_KEYS_PER_USER = 20;

export const createApiKeySchema = z.strictObject({
  name: z.string({ error: "Give the key a name." }).trim().min(1, "Give the key a name.").max(60, "Use at most 60 characters."),
});

export type { ApiKey };

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export async function createApiKey(userId: string, input: unknown): Promise<{ key: string; apiKey: ApiKey }> {
  const { name } = parseWith(createApiKeySchema, input, "API key");
  const [{ count }] = (await db.execute<{ count: number }>(sql`select count(*)::int as count from ${apiKeys} where user_id = ${userId} and revoked_at is null`)).rows as [{ count: number }];
  if (count >= MAX_KEYS_PER_USER) throw new ValidationError(`You can have at most ${MAX_KEYS_PER_USER} active keys. Revoke one first.`, { name: "Too many keys." });
  const key = `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  const [row] = await db.insert(apiKeys).values({ userId, name, prefix: key.slice(0, KEY_PREFIX.length + 6), hash: hashKey(key) }).returning();
  return { key, apiKey: toApiKey(row!) };
}

export async function listApiKeys(userId: string): Promise<ApiKey[]> {
  const rows = await db.select().from(apiKeys).where(and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt))).orderBy(desc(apiKeys.createdAt));
  return rows.map(toApiKey);
}

export async function revokeApiKey(userId: string, id: unknown): Promise<ApiKey> {
  const keyId = parseWith(z.uuid({ error: "Not a key id." }), id, "key id", "id");
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, keyId), eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
    .returning();
  if (!row) throw new NotFoundError("API key not found.");
  return toApiKey(row);
}

/** The owner of a live key, marking it used; null for a missing, malformed or revoked key. */
export async function authenticateApiKey(key: string): Promise<{ userId: string; keyId: string; timeZone: string | undefined } | null> {
  if (!key.startsWith(KEY_PREFIX) || key.length > 100) return null;
  const [row] = await db
    .update(apiKeys)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiKeys.hash, hashKey(key)), isNull(apiKeys.revokedAt)))
    // The owner's zone in the same round trip: an MCP client's "today" is the user's (lib/settings/time-zone.ts).
    .returning({ userId: apiKeys.userId, keyId: apiKeys.id, timeZone: sql<string | null>`(select s.time_zone from user_settings s where s.user_id = "api_keys"."user_id")` });
  return row ? { userId: row.userId, keyId: row.keyId, timeZone: row.timeZone ?? undefined } : null;
}

/** Revokes every live key of `userId` (the "revoke all keys" button, a password change that signs other devices out); how many it revoked. */
export async function revokeAllKeys(userId: string): Promise<number> {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return rows.length;
}
