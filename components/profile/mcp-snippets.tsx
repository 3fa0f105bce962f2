"use client";
import { useState } from "react";
import { cn } from "@/components/ui/cn";
import { CopyButton } from "./copy-button";

type Client = { id: string; label: string; where: string; snippet: (url: string, key: string) => string };

const CLIENTS: Client[] = [
  {
    id: "claude-code",
    label: "Claude Code",
    where: "Run in a terminal:",
    snippet: (url, key) => `claude mcp add --transport http tasktalk ${url} --header "Authorization: Bearer ${key}"`,
  },
  {
    id: "cursor",
    label: "Cursor",
    where: "Add to ~/.cursor/mcp.json:",
    snippet: (url, key) => JSON.stringify({ mcpServers: { tasktalk: { url, headers: { Authorization: `Bearer ${key}` } } } }, null, 2),
  },
  {
    id: "claude-desktop",
    label: "Claude Desktop",
    where: "Add to claude_desktop_config.json (uses the mcp-remote bridge):",
    snippet: (url, key) =>
      JSON.stringify({ mcpServers: { tasktalk: { command: "npx", args: ["-y", "mcp-remote", url, "--header", `Authorization: Bearer ${key}`] } } }, null, 2),
  },
  {
    id: "inspector",
    label: "MCP Inspector",
    where: "Run, then choose Streamable HTTP, this URL, and an Authorization header:",
    snippet: (url, key) => `npx @modelcontextprotocol/inspector\n# URL: ${url}\n# Header: Authorization: Bearer ${key}`,
  },
];

/** Copy-paste configuration for common MCP clients, with this server's URL and the user's key. */
export function McpSnippets({ url, apiKey }: { url: string; apiKey: string | null }) {
  const [active, setActive] = useState(CLIENTS[0]!.id);
  const client = CLIENTS.find((c) => c.id === active)!;
  // Only a key that still works is filled in: the parent clears it when that key is revoked.
  const text = client.snippet(url, apiKey ?? "<your API key>");
  return (
    <div className="space-y-3">
      <div role="tablist" aria-label="MCP client" className="flex flex-wrap gap-1">
        {CLIENTS.map((c) => (
          <button
            key={c.id}
            type="button"
            role="tab"
            aria-selected={c.id === active}
            onClick={() => setActive(c.id)}
            className={cn(
              "rounded-md px-3 py-1.5 text-sm font-medium",
              c.id === active ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900" : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800",
            )}
          >
            {c.label}
          </button>
        ))}
      </div>
      {/* The Copy button sits above the snippet, not over it, so it never hides the end of a line (phones too). */}
      <div className="flex items-end justify-between gap-3">
        <p className="min-w-0 text-sm text-zinc-600 dark:text-zinc-400">{client.where}</p>
        <CopyButton text={text} label="Copy" />
      </div>
      {/* Scrolls sideways on a narrow screen: focusable and named, so a keyboard can scroll it too. */}
      <pre
        tabIndex={0}
        role="region"
        aria-label={`${client.label} configuration`}
        className="overflow-x-auto rounded-lg bg-zinc-950 p-4 text-xs leading-relaxed text-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
        data-testid="mcp-snippet"
      >
        <code>{text}</code>
      </pre>
      {!apiKey && <p className="text-xs text-zinc-500 dark:text-zinc-400">Create a key above and it is filled in here.</p>}
    </div>
  );
}
