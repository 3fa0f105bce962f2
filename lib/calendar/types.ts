/** A live calendar feed as the profile shows it (never the token itself). Client-safe. */
export type CalendarFeedStatus = {
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
};

/** POST /api/calendar/feed's answer: the only time the URL is shown. */
export type CalendarFeedCreated = { url: string; feed: CalendarFeedStatus };
