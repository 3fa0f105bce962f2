import { AppFrame, AppMain } from "@/components/layout/app-frame";
import { AppHeader } from "@/components/layout/app-header";
import { TimeZoneCookie } from "@/components/layout/time-zone-cookie";
import { GlobalShortcuts } from "@/components/shortcuts/global-shortcuts";
import { requireUser } from "@/lib/session";
import { userTimeZone } from "@/lib/timezone-server";

/** The signed-in shell. The session is checked here for real; proxy.ts only checks for a cookie. */
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const renderedIn = (await userTimeZone()) ?? "UTC";
  return (
    <AppFrame>
      <TimeZoneCookie renderedIn={renderedIn} />
      <AppHeader userName={user.name} />
      <AppMain>{children}</AppMain>
      <GlobalShortcuts />
    </AppFrame>
  );
}
