import path from "node:path";

/**
 * Module aliases for every vitest config: `@` is the project root, and `server-only` (the
 * marker on server modules, which throws outside React Server Components on purpose) resolves
 * to its own no-op build, as Next.js resolves it on the server.
 */
export function testAliases(root: string): Record<string, string> {
  return { "@": path.resolve(root), "server-only": path.resolve(root, "node_modules/server-only/empty.js") };
}
