/** Where the path is resolved when the caller gives no origin: only its sameness matters. */
const PLACEHOLDER_ORIGIN = "http://tasktalk.invalid";
const NOT_AFTER_SIGN_IN = ["/sign-in", "/sign-up", "/api/"];
/** Control characters, any whitespace, backslashes: browsers strip or rewrite them, which is how `/\t/evil.com` becomes `//evil.com`. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\s\\]/;
/** Same, minus the plain space: an encoded space in a query (`?q=a%20b`) is harmless once the path is known to be ours. */
const UNSAFE_DECODED_QUERY = /[\u0000-\u001f\u007f-\u009f\t\n\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\\]/;

/** Every percent-decoding of `value` up to three layers deep, or null when one is malformed. */
function decodings(value: string): string[] | null {
  const out: string[] = [];
  let current = value;
  for (let i = 0; i < 3; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) break;
    out.push(next);
    current = next;
  }
  return out;
}

function unsafeDecoded(decoded: string): boolean {
  const q = decoded.search(/[?#]/);
  const path = q === -1 ? decoded : decoded.slice(0, q);
  const rest = q === -1 ? "" : decoded.slice(q);
  return path.startsWith("//") || UNSAFE.test(path) || UNSAFE_DECODED_QUERY.test(rest);
}

/**
 * Where to send a user after signing in, from an untrusted `?next=`: a path on this origin
 * (normalized `pathname + search + hash`), or null. Parsed with the URL parser a browser
 * uses and required to stay on `origin`; anything a browser might reinterpret (control
 * characters, whitespace, backslashes, `//`, raw or percent-encoded) is refused outright
 * rather than cleaned up. Used by the server redirects and by the sign-in/up forms.
 */
export function safeNextPath(value: string | null | undefined, origin: string = PLACEHOLDER_ORIGIN): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return null;
  if (!value.startsWith("/") || value.startsWith("//") || UNSAFE.test(value)) return null;
  const decoded = decodings(value);
  if (!decoded || decoded.some(unsafeDecoded)) return null;
  let url: URL;
  let base: URL;
  try {
    base = new URL(origin);
    url = new URL(value, base);
  } catch {
    return null;
  }
  if (url.origin !== base.origin) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || path.startsWith("//")) return null;
  if (NOT_AFTER_SIGN_IN.some((p) => path.startsWith(p))) return null;
  return path;
}

export const DEFAULT_AFTER_SIGN_IN = "/dashboard";

/** Where a sign-in/up page or form sends the user: `next` if it is safe, else the dashboard. */
export function nextAfterSignIn(next: string | string[] | null | undefined, origin?: string): string {
  return safeNextPath(typeof next === "string" ? next : null, origin) ?? DEFAULT_AFTER_SIGN_IN;
}
