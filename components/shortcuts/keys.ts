/** Every single-key shortcut, for the `?` dialog and the handler alike. */
export const GO_TO: Record<string, { href: string; name: string }> = {
  t: { href: "/tasks", name: "Tasks" },
  c: { href: "/chat", name: "Chat" },
  d: { href: "/dashboard", name: "Dashboard" },
  u: { href: "/upcoming", name: "Upcoming" },
};

export const SHORTCUTS: Array<{ keys: string[]; does: string }> = [
  { keys: ["q"], does: "Quick add a task" },
  { keys: ["/"], does: "Search tasks (on Tasks), else open the command palette" },
  { keys: ["Ctrl", "K"], does: "Open the command palette (⌘ K on a Mac)" },
  ...Object.entries(GO_TO).map(([key, to]) => ({ keys: ["g", key], does: `Go to ${to.name}` })),
  { keys: ["?"], does: "Show these shortcuts" },
  { keys: ["Esc"], does: "Close a dialog" },
];

/** Typing in a field, or a key chord, is not a shortcut. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || /^(?:INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}
