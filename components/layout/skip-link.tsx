/** The id of each page's <main>, which the skip link jumps to. */
export const MAIN_CONTENT_ID = "main";

/**
 * The first Tab stop on every page (rendered first in the root layout's <body>): keyboard and
 * screen-reader users can jump past the header to the content. It waits above the top edge of
 * the screen, still in the tab order and read by screen readers, and slides in when focused.
 * The target <main> has tabIndex={-1} so following the link moves focus there, not only the
 * scroll position, and the next Tab continues from inside the content.
 */
export function SkipLink() {
  return (
    <a
      href={`#${MAIN_CONTENT_ID}`}
      className="fixed top-3 left-3 z-50 -translate-y-[200%] rounded-md bg-white px-4 py-2 text-sm font-medium text-indigo-700 shadow-lg ring-1 ring-zinc-300 focus:translate-y-0 motion-safe:transition-transform dark:bg-zinc-900 dark:text-indigo-300 dark:ring-zinc-700"
    >
      Skip to content
    </a>
  );
}
