"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { errorMessage, fetchJson } from "@/lib/client/fetch-json";

/** Mirrors lib/auth-schemas.ts `displayName`, which Better Auth's server hooks apply again. */
const NAME_MAX = 100;

/**
 * Changes the display name through Better Auth's own endpoint (POST /api/auth/update-user) with
 * the app's fetch helper, rather than the better-auth React client and zod (~40 KiB gzip
 * together) that this one call does not need.
 */
export function ProfileNameForm({ name }: { name: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const value = String(new FormData(event.currentTarget).get("name") ?? "").trim();
    if (!value) return setError("Enter your name.");
    if (value.length > NAME_MAX) return setError(`Use at most ${NAME_MAX} characters.`);
    setError(undefined);
    setPending(true);
    try {
      await fetchJson("/api/auth/update-user", { method: "POST", body: { name: value } });
    } catch (err) {
      setPending(false);
      return setError(errorMessage(err));
    }
    setPending(false);
    setSaved(true);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Change name">
      <TextField label="Name" name="name" defaultValue={name} autoComplete="name" maxLength={NAME_MAX} required error={error} />
      {saved && <Alert tone="success">Your name was saved.</Alert>}
      <Button type="submit" pending={pending}>
        Save name
      </Button>
    </form>
  );
}
