import { AppHeader } from "@/components/layout/app-header";
import { MAIN_CONTENT_ID } from "@/components/layout/skip-link";
import { TimeZoneCookie } from "@/components/layout/time-zone-cookie";
import { GlobalShortcuts } from "@/components/shortcuts/global-shortcuts";
import { requireUser } from "@/lib/session";
import { userTimeZone } from "@/lib/timezone-server";

/** The signed-in shell. The session is checked here for real; proxy.ts only checks for a cookie. */
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const renderedIn = (await userTimeZone()) ?? "UTC";
  return (
    <div className="flex min-h-dvh flex-col">
      <TimeZoneCookie renderedIn={renderedIn} />
      <AppHeader userName={user.name} />
      <main id={MAIN_CONTENT_ID} tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:px-6">{children}</main>
      <GlobalShortcuts />
    </div>
  );
}
