"use client";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import type { ApiKey } from "@/lib/api-keys/types";
import { errorMessage, fetchJson } from "@/lib/client/fetch-json";
import { formatRelativeInstant } from "@/lib/today";
import { CopyButton } from "./copy-button";
import { McpSnippets } from "./mcp-snippets";

/**
 * Create, list and revoke personal API keys; a new key is shown once, with ready-made client
 * configs. `timeZone` is the viewer's (from the tz cookie), so the server and the browser write
 * the same dates.
 */
export function ApiKeys({ initialKeys, mcpUrl, timeZone }: { initialKeys: ApiKey[]; mcpUrl: string; timeZone?: string }) {
  const [keys, setKeys] = useState(initialKeys);
  // The key just created, shown once; it goes as soon as that key is revoked.
  const [created, setCreated] = useState<{ id: string; key: string; name: string } | null>(null);
  const when = (iso: string | null) => (iso ? formatRelativeInstant(iso, timeZone) : "never");
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [revokingAll, setRevokingAll] = useState(false);

  async function onCreate(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get("name") ?? "").trim();
    if (!name) return setError("Give the key a name, like “Laptop” or “Cursor”.");
    setPending(true);
    setError(undefined);
    try {
      const result = await fetchJson<{ key: string; apiKey: ApiKey }>("/api/keys", { method: "POST", body: { name } });
      setKeys((k) => [result.apiKey, ...k]);
      setCreated({ id: result.apiKey.id, key: result.key, name: result.apiKey.name });
      form.reset();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  }

  async function onRevoke(key: ApiKey) {
    setPending(true);
    try {
      await fetchJson(`/api/keys/${encodeURIComponent(key.id)}`, { method: "DELETE" });
      setKeys((k) => k.filter((x) => x.id !== key.id));
      // A revoked key must not stay on screen as if it still worked, nor in the client snippets.
      setCreated((c) => (c?.id === key.id ? null : c));
      setRevoking(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  }

  async function onRevokeAll() {
    setPending(true);
    try {
      await fetchJson("/api/keys/revoke-all", { method: "POST" });
      setKeys([]);
      setCreated(null);
      setRevokingAll(false);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-6">
      <form onSubmit={onCreate} noValidate className="flex flex-col gap-3 sm:flex-row sm:items-end" aria-label="Create API key">
        <TextField label="Key name" name="name" placeholder="e.g. Laptop, Cursor" maxLength={60} className="flex-1" error={error} />
        <Button type="submit" pending={pending}>
          Create key
        </Button>
      </form>

      {created && (
        <Alert tone="success">
          <p className="font-medium">Your new key “{created.name}”. Copy it now: it will not be shown again.</p>
          <div className="mt-2 flex items-start gap-2">
            <code className="min-w-0 flex-1 rounded bg-white/70 px-2 py-1 font-mono text-xs break-all dark:bg-black/30" data-testid="new-api-key">
              {created.key}
            </code>
            <CopyButton text={created.key} />
          </div>
        </Alert>
      )}

      {keys.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No keys yet. Create one to connect an MCP client.</p>
      ) : (
        <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800" aria-label="Your API keys">
          {keys.map((key) => (
            <li key={key.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3">
              <div className="min-w-0 flex-1">
                <p className="truncate font-medium">{key.name}</p>
                <p className="text-xs text-zinc-600 dark:text-zinc-400">
                  <code className="font-mono">{key.prefix}…</code> · created {when(key.createdAt)} · last used {when(key.lastUsedAt)}
                </p>
              </div>
              <Button variant="ghost" size="sm" onClick={() => setRevoking(key)} aria-label={`Revoke “${key.name}”`}>
                Revoke
              </Button>
            </li>
          ))}
        </ul>
      )}

      {keys.length > 0 && (
        <div className="flex justify-end">
          <Button variant="secondary" size="sm" onClick={() => setRevokingAll(true)}>
            Revoke all keys
          </Button>
        </div>
      )}

      <Dialog open={revoking !== null} onClose={() => setRevoking(null)} title={`Revoke “${revoking?.name ?? ""}”?`} description="Clients using this key stop working at once. This cannot be undone.">
        <div className="mt-6 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setRevoking(null)} data-autofocus>
            Cancel
          </Button>
          <Button variant="danger" pending={pending} onClick={() => revoking && onRevoke(revoking)}>
            Revoke
          </Button>
        </div>
      </Dialog>

      <Dialog
        open={revokingAll}
        onClose={() => setRevokingAll(false)}
        title={`Revoke all ${keys.length} ${keys.length === 1 ? "key" : "keys"}?`}
        description="Every MCP client using one of your keys stops working at once. Do this if a key may have leaked. This cannot be undone."
      >
        <div className="mt-6 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setRevokingAll(false)} data-autofocus>
            Cancel
          </Button>
          <Button variant="danger" pending={pending} onClick={onRevokeAll}>
            Revoke all keys
          </Button>
        </div>
      </Dialog>

      <div>
        <h3 className="mb-1 font-semibold">Connect an MCP client</h3>
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
          Server URL: <code className="font-mono" data-testid="mcp-url">{mcpUrl}</code>
        </p>
        <McpSnippets url={mcpUrl} apiKey={created?.key ?? null} />
      </div>
    </div>
  );
}
