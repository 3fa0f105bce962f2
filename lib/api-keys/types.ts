/** An API key as the owner sees it: never the key itself, which is shown once at creation. */
export type ApiKey = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };
