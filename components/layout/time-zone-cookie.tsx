"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { fetchJson } from "@/lib/client/fetch-json";
import { browserTimeZone } from "@/lib/client/time-zone";
import { TZ_COOKIE } from "@/lib/time-zone-cookie";

const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

function readCookie(name: string): string | undefined {
  const raw = document.cookie
    .split(/;\s*/)
    .find((c) => c.startsWith(`${name}=`))
    ?.slice(name.length + 1);
  if (raw === undefined) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** One name per zone ("Etc/UTC", "GMT" and "UTC" are the same zone). */
function canonicalZone(zone: string): string {
  try {
    return new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return zone;
  }
}

const REPORTED = "tasktalk:tz-reported";

/**
 * Tells the server the zone for clients without a browser (MCP), once per tab session and zone.
 * Best effort: on failure it is tried again on the next page load.
 */
function reportZone(zone: string) {
  try {
    if (sessionStorage.getItem(REPORTED) === zone) return;
    sessionStorage.setItem(REPORTED, zone);
  } catch {
    return;
  }
  fetchJson("/api/me/time-zone", { method: "PUT", body: { timeZone: zone } }).catch(() => {
    try {
      sessionStorage.removeItem(REPORTED);
    } catch {
      // Nothing to undo.
    }
  });
}

type Props = {
  /** The zone the server rendered this page in: the cookie's, or UTC without one. */
  renderedIn: string;
};

/**
 * Tells the server the browser's time zone, so "today", "overdue" and "due today" follow the
 * user's calendar instead of UTC (a cookie for pages and the chat; a stored setting for MCP). Renders nothing. The page is rendered again (a whole server
 * round trip and re-render) only when it was rendered in another zone than the browser's.
 */
export function TimeZoneCookie({ renderedIn }: Props) {
  const router = useRouter();
  useEffect(() => {
    const zone = browserTimeZone();
    if (!zone) return;
    if (readCookie(TZ_COOKIE) !== zone) {
      const secure = window.location.protocol === "https:" ? "; Secure" : "";
      document.cookie = `${TZ_COOKIE}=${encodeURIComponent(zone)}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax${secure}`;
    }
    // Decided by what the server rendered, not by the cookie: another tab (or this page's
    // previous render) can set the cookie after this page's request left without it.
    // Canonical names only when the names differ: each lookup builds an Intl formatter, and a
    // browser's first one loads its locale data (tens of milliseconds, decision 25).
    if (zone !== renderedIn && canonicalZone(zone) !== canonicalZone(renderedIn)) router.refresh();
    reportZone(zone);
  }, [router, renderedIn]);
  return null;
}
