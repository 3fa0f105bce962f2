/**
 * The `?next=` values the security review used against sign-in and sign-up (tab, newline,
 * backslash, encoded and scheme forms): every one must leave the user on this origin. Each can be
 * sent in a query string as is (the security suite encodes only tab and space, which fetch rewrites).
 */
export const OPEN_REDIRECT_VARIANTS = [
  "/%09/evil.com",
  "/%0a/evil.com",
  "/%0d%0a/evil.com",
  "//evil.com",
  "/\\evil.com",
  "/%5Cevil.com",
  "/%2F%2Fevil.com",
  "https://evil.com",
  "https:evil.com",
  "javascript:alert(1)",
  " /evil",
  "/\t/evil.com",
];
