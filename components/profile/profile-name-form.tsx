"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { authClient } from "@/lib/auth-client";
import { authErrorMessage, displayName } from "@/lib/auth-schemas";

export function ProfileNameForm({ name }: { name: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const parsed = displayName.safeParse(new FormData(event.currentTarget).get("name"));
    if (!parsed.success) return setError(parsed.error.issues[0]?.message);
    setError(undefined);
    setPending(true);
    const { error } = await authClient.updateUser({ name: parsed.data });
    setPending(false);
    if (error) return setError(authErrorMessage(error));
    setSaved(true);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Change name">
      <TextField label="Name" name="name" defaultValue={name} autoComplete="name" error={error} />
      {saved && <Alert tone="success">Your name was saved.</Alert>}
      <Button type="submit" pending={pending}>
        Save name
      </Button>
    </form>
  );
}
