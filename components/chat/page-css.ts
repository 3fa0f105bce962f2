/**
 * The chat fills the window under the app header instead of scrolling the page: while a
 * `[data-chat-page]` is on screen, the shell is one viewport tall and <main> gives the
 * chat all of its height. Scoped by :has(), so other pages are untouched.
 *
 * A long conversation stays cheap: older messages skip style and layout while off screen
 * (content-visibility), holding their last measured height (or about one message's) meanwhile.
 * The newest 16 are always laid out, so the list's end, where it opens and follows new text, has
 * its real height.
 */
export const CHAT_PAGE_CSS = `
body:has([data-chat-page]) { overflow: hidden; }
div:has(> main [data-chat-page]) { height: 100dvh; min-height: 0; }
main:has([data-chat-page]) { display: flex; flex-direction: column; min-height: 0; padding-top: 0.5rem; padding-bottom: 0.75rem; }
[data-task-panel] .sm\\:inline { display: none; }
[data-chat-page] [data-item-id]:not(:nth-last-child(-n+16)) { content-visibility: auto; contain-intrinsic-size: auto 4.5rem; }
`;
