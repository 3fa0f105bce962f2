import "server-only";
import { revokeAllKeys } from "./service";

export const CHANGE_PASSWORD_PATH = "/change-password";

type AfterHookContext = { path?: string; body?: unknown; context: { returned?: unknown; session?: { user?: { id?: unknown } } | null } };

/**
 * Better Auth `hooks.after`: "change password and sign out other devices" also revokes the
 * user's API keys. A leaked key is another device; a password change that left it working
 * would not lock a thief out (issue 12 #6). Runs only when the change succeeded.
 */
export async function revokeKeysAfterPasswordChange(ctx: AfterHookContext): Promise<void> {
  if (ctx.path !== CHANGE_PASSWORD_PATH) return;
  if ((ctx.body as { revokeOtherSessions?: unknown } | undefined)?.revokeOtherSessions !== true) return;
  const returned = ctx.context.returned;
  if (!returned || returned instanceof Error || typeof returned !== "object") return;
  const userId = (returned as { user?: { id?: unknown } }).user?.id ?? ctx.context.session?.user?.id;
  if (typeof userId === "string") await revokeAllKeys(userId);
}
