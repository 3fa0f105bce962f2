import "server-only";
import { cookies } from "next/headers";
import { todayIn } from "./today";
import { timeZoneFromCookieHeader, TZ_COOKIE } from "./timezone";

/** The signed-in person's IANA time zone from the `tz` cookie the app shell sets, or undefined (UTC). */
export async function userTimeZone(): Promise<string | undefined> {
  const value = (await cookies()).get(TZ_COOKIE)?.value;
  // Reuse the one validation of the cookie; `cookies()` has already decoded the value.
  return value ? timeZoneFromCookieHeader(`${TZ_COOKIE}=${encodeURIComponent(value)}`) : undefined;
}

/** "Today" (YYYY-MM-DD) on the calendar of the person viewing the page, for listTasks and taskStats. */
export async function userToday(): Promise<string> {
  return todayIn(await userTimeZone());
}
