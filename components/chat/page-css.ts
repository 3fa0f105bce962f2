/**
 * The chat fills the window under the app header instead of scrolling the page: while a
 * `[data-chat-page]` is on screen, the shell is one viewport tall and <main> gives the
 * chat all of its height. Scoped by :has(), so other pages are untouched.
 */
export const CHAT_PAGE_CSS = `
body:has([data-chat-page]) { overflow: hidden; }
div:has(> main [data-chat-page]) { height: 100dvh; min-height: 0; }
main:has([data-chat-page]) { display: flex; flex-direction: column; min-height: 0; padding-top: 0.5rem; padding-bottom: 0.75rem; }
[data-task-panel] .sm\\:inline { display: none; }
`;
