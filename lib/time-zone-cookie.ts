/**
 * The cookie that carries the browser's IANA time zone to the server. Its own module: the app
 * shell's client component needs only the name, not lib/timezone.ts's server-side readers.
 */
export const TZ_COOKIE = "tz";
