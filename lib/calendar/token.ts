import "server-only";
import { createHash, randomBytes } from "node:crypto";

/**
 * A feed token is 32 random bytes in base64url (43 characters). Only its SHA-256 is stored:
 * the token has 256 bits of entropy, so a fast hash is enough, and a lookup by hash compares
 * no secret byte by byte (no timing leak about a near match).
 */
export const FEED_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
export const FEED_PREFIX_LENGTH = 6;

export function newFeedToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashFeedToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** True for a string shaped like a token, so junk is refused before any query. */
export function isFeedTokenShaped(token: string): boolean {
  return FEED_TOKEN_PATTERN.test(token);
}
