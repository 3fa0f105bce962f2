import { TZ_COOKIE } from "./time-zone-cookie";
import { todayIn } from "./today";

export { TZ_COOKIE };

export function isTimeZone(value: string | undefined): value is string {
  if (!value || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The user's IANA time zone from the cookie the app shell sets, or undefined (UTC). */
export function timeZoneFromCookieHeader(cookieHeader: string | null): string | undefined {
  const raw = cookieHeader?.split(/;\s*/).find((c) => c.startsWith(`${TZ_COOKIE}=`))?.slice(TZ_COOKIE.length + 1);
  const value = raw ? safeDecode(raw) : undefined;
  return isTimeZone(value) ? value : undefined;
}

/** A cookie is whatever the client sent: `tz=%` must mean "no zone", not a URIError (a 500 on every route that reads it). */
function safeDecode(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** "Today" for the person making the request, so "overdue" and "due today" match their calendar. */
export function requestToday(req: { headers: Headers }): string {
  return todayIn(timeZoneFromCookieHeader(req.headers.get("cookie")));
}
