import { NETWORK_ERROR_MESSAGE } from "@/lib/client/fetch-json";

/**
 * The browser's calls to Better Auth's HTTP endpoints (/api/auth/*), with no client library:
 * `better-auth/react` cost every page that signs in or out ~12 KiB gzip (docs/decisions/0018-auth-client.md).
 *
 * Not fetchJson (lib/client/fetch-json.ts): Better Auth answers `{ code, message }`, the forms
 * need the code, and a 401 here means "wrong password", not "your session has ended".
 * Each call resolves to `{ error }` (null on success), like Better Auth's own client did.
 */
export type AuthError = { status: number; code?: string; message?: string };
export type AuthResult = { error: AuthError | null };

async function post(path: string, body: Record<string, unknown>): Promise<AuthResult> {
  let res: Response;
  try {
    res = await fetch(`/api/auth${path}`, {
      method: "POST",
      credentials: "same-origin",
      cache: "no-store",
      headers: { accept: "application/json", "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    return { error: { status: 0, message: NETWORK_ERROR_MESSAGE } };
  }
  if (res.ok) return { error: null };
  const data = (await res.json().catch(() => null)) as { code?: unknown; message?: unknown } | null;
  return {
    error: {
      status: res.status,
      code: typeof data?.code === "string" ? data.code : undefined,
      message: typeof data?.message === "string" ? data.message : undefined,
    },
  };
}

export const signInEmail = (body: { email: string; password: string }) => post("/sign-in/email", body);
export const signUpEmail = (body: { name: string; email: string; password: string }) => post("/sign-up/email", body);
export const signOut = () => post("/sign-out", {});
export const updateUser = (body: { name: string }) => post("/update-user", body);
export const changePassword = (body: { currentPassword: string; newPassword: string; revokeOtherSessions: boolean }) => post("/change-password", body);
/** Always answers the same whether or not the account exists; the email links to /reset-password. */
export const requestPasswordReset = (body: { email: string }) => post("/request-password-reset", body);
export const resetPassword = (body: { token: string; newPassword: string }) => post("/reset-password", body);

