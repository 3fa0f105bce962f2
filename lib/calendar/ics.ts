import "server-only";
import { createHash } from "node:crypto";
import ical, { ICalCalendarMethod } from "ical-generator";
import { addDays } from "@/lib/dates";

/** One open task with a due date, as the feed shows it. */
export type FeedEvent = {
  id: number;
  title: string;
  description: string | null;
  dueDate: string;
  listName: string;
  repeatsInWords: string | null;
  updatedAt: Date;
};

const utcDay = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);

/** What an event's DESCRIPTION says: the task's own description, its list, and its rule in words. */
export function eventDescription(event: FeedEvent): string {
  const lines = [];
  if (event.description) lines.push(event.description, "");
  lines.push(`List: ${event.listName}`);
  if (event.repeatsInWords) lines.push(`Repeats: ${event.repeatsInWords}`);
  return lines.join("\n");
}

/**
 * The ICS text (ical-generator, docs/decisions): every task an all-day event on its due date
 * (DTSTART;VALUE=DATE, DTEND the next day), UID task-<id>@<host> so a calendar app updates the
 * same event when the task changes. DTSTAMP is the task's updated_at, not the time of the
 * request, so the same tasks always give the same bytes (and so the same ETag).
 */
export function buildIcs(events: FeedEvent[], host: string): string {
  const calendar = ical({ name: "Tasktalk", prodId: { company: "Tasktalk", product: "Tasks", language: "EN" }, method: ICalCalendarMethod.PUBLISH });
  for (const event of events) {
    calendar.createEvent({
      id: `task-${event.id}@${host}`,
      allDay: true,
      start: utcDay(event.dueDate),
      end: utcDay(addDays(event.dueDate, 1)),
      stamp: event.updatedAt,
      summary: event.title,
      description: eventDescription(event),
    });
  }
  return calendar.toString();
}

/** A strong ETag: the SHA-256 of the feed's bytes. */
export function icsEtag(ics: string): string {
  return `"${createHash("sha256").update(ics).digest("base64url")}"`;
}
