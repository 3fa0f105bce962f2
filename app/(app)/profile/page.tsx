import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/profile/change-password-form";
import { ProfileNameForm } from "@/components/profile/profile-name-form";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/session";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage() {
  const user = await requireUser();
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
    </div>
  );
}
