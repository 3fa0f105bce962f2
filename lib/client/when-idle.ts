/**
 * Runs `fn` when the browser is next idle, or after `timeoutMs` at the latest; returns a cancel.
 * For work a page load does not wait on, kept out of hydration's long tasks (issue 15).
 * Safari has no requestIdleCallback: there it is a short timer.
 */
export function whenIdle(fn: () => void, timeoutMs = 3000): () => void {
  if (typeof window.requestIdleCallback === "function") {
    const handle = window.requestIdleCallback(() => fn(), { timeout: timeoutMs });
    return () => window.cancelIdleCallback(handle);
  }
  const handle = window.setTimeout(fn, Math.min(200, timeoutMs));
  return () => window.clearTimeout(handle);
}
