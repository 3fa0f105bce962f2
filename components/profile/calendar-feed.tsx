"use client";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import type { CalendarFeedCreated, CalendarFeedStatus } from "@/lib/calendar/types";
import { errorMessage, fetchJson } from "@/lib/client/fetch-json";
import { formatRelativeInstant } from "@/lib/today";
import { CopyButton } from "./copy-button";

/**
 * The profile's "Calendar feed" section: make a private ICS link (shown once, with Copy),
 * see that one is live (prefix, created, last used), replace it, or revoke it after a confirm.
 * `timeZone` is the viewer's (tz cookie), so the server and the browser write the same dates.
 */
export function CalendarFeed({ initialFeed, timeZone }: { initialFeed: CalendarFeedStatus | null; timeZone?: string }) {
  const [feed, setFeed] = useState(initialFeed);
  // The URL just made: the only time it can be shown (only its hash is stored).
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  const [confirming, setConfirming] = useState<"revoke" | "replace" | null>(null);
  const when = (iso: string | null) => (iso ? formatRelativeInstant(iso, timeZone) : "never");

  async function create() {
    setPending(true);
    setError(undefined);
    try {
      const created = await fetchJson<CalendarFeedCreated>("/api/calendar/feed", { method: "POST" });
      setFeed(created.feed);
      setUrl(created.url);
      setConfirming(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  }

  async function revoke() {
    setPending(true);
    setError(undefined);
    try {
      await fetchJson("/api/calendar/feed", { method: "DELETE" });
      setFeed(null);
      setUrl(null);
      setConfirming(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  }

  return (
    <Card>
      <section aria-labelledby="calendar-feed-heading">
        <h2 id="calendar-feed-heading" className="mb-1 text-lg font-semibold">
          Calendar feed
        </h2>
        <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">
          See your open tasks with a due date in your calendar: in Google Calendar choose “Other calendars → From URL”, in Apple Calendar “File → New Calendar
          Subscription”, and paste your private link.
        </p>

        {error && (
          <Alert className="mb-4" tone="error">
            {error}
          </Alert>
        )}

        {url && (
          <Alert tone="success" className="mb-4">
            <p className="font-medium">Your private calendar link. Copy it now: it will not be shown again. Anyone with it can see your dated tasks.</p>
            <div className="mt-2 flex items-start gap-2">
              <code className="min-w-0 flex-1 rounded bg-white/70 px-2 py-1 font-mono text-xs break-all dark:bg-black/30" data-testid="calendar-feed-url">
                {url}
              </code>
              <CopyButton text={url} />
            </div>
          </Alert>
        )}

        {feed ? (
          <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
            <p className="min-w-0 flex-1 text-sm text-zinc-700 dark:text-zinc-300" data-testid="calendar-feed-status">
              A feed is live: <code className="font-mono">{feed.prefix}…</code> · created {when(feed.createdAt)} · last used {when(feed.lastUsedAt)}
            </p>
            <div className="flex gap-2">
              <Button variant="secondary" size="sm" onClick={() => setConfirming("replace")}>
                Replace link
              </Button>
              <Button variant="ghost" size="sm" onClick={() => setConfirming("revoke")}>
                Revoke
              </Button>
            </div>
          </div>
        ) : (
          <Button onClick={create} pending={pending}>
            Create calendar link
          </Button>
        )}
      </section>

      <Dialog
        open={confirming !== null}
        onClose={() => setConfirming(null)}
        title={confirming === "replace" ? "Replace the calendar link?" : "Revoke the calendar link?"}
        description={
          confirming === "replace"
            ? "The current link stops working at once; calendars subscribed to it need the new one."
            : "Calendars subscribed to this link stop getting your tasks at once. This cannot be undone."
        }
      >
        <div className="mt-6 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirming(null)} data-autofocus>
            Cancel
          </Button>
          {confirming === "replace" ? (
            <Button pending={pending} onClick={create}>
              Replace link
            </Button>
          ) : (
            <Button variant="danger" pending={pending} onClick={revoke}>
              Revoke link
            </Button>
          )}
        </div>
      </Dialog>
    </Card>
  );
}
