import type { Metadata } from "next";
import { headers } from "next/headers";
import { ApiKeys } from "@/components/profile/api-keys";
import { CalendarFeed } from "@/components/profile/calendar-feed";
import { ChangePasswordForm } from "@/components/profile/change-password-form";
import { ProfileNameForm } from "@/components/profile/profile-name-form";
import { Card } from "@/components/ui/card";
import { listApiKeys } from "@/lib/api-keys/service";
import { calendarFeedStatus } from "@/lib/calendar/feeds";
import { requireUser } from "@/lib/session";
import { userTimeZone } from "@/lib/timezone-server";

/** The public URL of /api/mcp, as the browser reached this page. */
async function mcpUrl(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host");
  const proto = h.get("x-forwarded-proto") ?? (host?.startsWith("localhost") || host?.startsWith("127.") ? "http" : "https");
  return host ? `${proto}://${host}/api/mcp` : `${process.env.BETTER_AUTH_URL ?? "http://localhost:3000"}/api/mcp`;
}

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage() {
  const user = await requireUser({ fresh: true });
  return (
    <div className="max-w-2xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Profile</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Signed in as <span data-testid="profile-email" className="font-medium text-zinc-900 dark:text-zinc-100">{user.email}</span>
        </p>
      </div>
      <Card>
        <h2 className="mb-4 text-lg font-semibold">Your name</h2>
        <ProfileNameForm name={user.name} />
      </Card>
      <Card>
        <h2 className="mb-4 text-lg font-semibold">Password</h2>
        <ChangePasswordForm />
      </Card>
      <Card>
        <h2 className="mb-1 text-lg font-semibold">API keys</h2>
        <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">
          Use your tasks from any MCP client (Claude, Cursor, ChatGPT connectors) with a personal key.
        </p>
        <ApiKeys initialKeys={await listApiKeys(user.id)} mcpUrl={await mcpUrl()} timeZone={await userTimeZone()} />
      </Card>
      <CalendarFeed initialFeed={await calendarFeedStatus(user.id)} timeZone={await userTimeZone()} />
    </div>
  );
}
