/** The "go to" pairs (`g` then a key), for the handler and the `?` dialog. Keep this file small: it is first-load JS on every page. */
export const GO_TO: Record<string, { href: string; name: string }> = {
  t: { href: "/tasks", name: "Tasks" },
  c: { href: "/chat", name: "Chat" },
  d: { href: "/dashboard", name: "Dashboard" },
  u: { href: "/upcoming", name: "Upcoming" },
};

/** Typing in a field, or a key chord, is not a shortcut. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || /^(?:INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}
