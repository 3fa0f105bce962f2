import { z } from "zod";
import { NAME_MAX } from "./auth-rules";

// The server's checks (zod), used by Better Auth's hooks in lib/auth.ts. Browser code imports
// lib/auth-rules.ts instead: the same limits and messages without zod (~30 KiB on every auth page).
export { authErrorMessage, PASSWORD_MAX, PASSWORD_MIN, type FormErrors } from "./auth-rules";

export const displayName = z.string().trim().min(1, "Enter your name.").max(NAME_MAX, `Use at most ${NAME_MAX} characters.`);
