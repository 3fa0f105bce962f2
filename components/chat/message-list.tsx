"use client";
import { useEffect, useLayoutEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import type { ThreadItem } from "@/lib/chatkit/schemas";

type Props = {
  /** Changes when another thread is opened: the view jumps to its end. */
  threadKey: string;
  items: ThreadItem[];
  hasOlder: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => Promise<number>;
  /** Rendered at the end of the list (status line, errors). */
  footer?: React.ReactNode;
  renderItem: (item: ThreadItem, index: number) => React.ReactNode;
};

const NEAR_BOTTOM_PX = 96;
const NEAR_TOP_PX = 160;

/**
 * The scrolling conversation. It follows new text while the reader is at the bottom,
 * leaves them alone when they scrolled up, and pages older items in when they reach the
 * top without moving what they were looking at.
 */
export function MessageList({ threadKey, items, hasOlder, loadingOlder, onLoadOlder, footer, renderItem }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const anchor = useRef<{ height: number; top: number } | null>(null);
  const shownThread = useRef<string | null>(null);

  // After every render: keep the reader's place (older items came in above), or follow the end.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (shownThread.current !== threadKey) {
      shownThread.current = threadKey;
      stick.current = true;
      anchor.current = null;
    }
    if (anchor.current) {
      if (!loadingOlder) {
        el.scrollTop = el.scrollHeight - anchor.current.height + anchor.current.top;
        anchor.current = null;
      }
      return;
    }
    if (stick.current) el.scrollTop = el.scrollHeight;
  });

  // A resize (window, keyboard, composer growing) keeps a reader who was at the end at the end.
  useEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => {
      if (stick.current && !anchor.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  function loadOlder() {
    const el = scroller.current;
    if (!el || !hasOlder || loadingOlder || anchor.current) return;
    anchor.current = { height: el.scrollHeight, top: el.scrollTop };
    void onLoadOlder().then((added) => {
      if (!added) anchor.current = null;
    });
  }

  // `relative`: the scroller contains the visually hidden labels inside it (position: absolute);
  // without it they are placed against the page, below the chat, and make the page scroll.
  return (
    <div
      ref={scroller}
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
        if (el.scrollTop < NEAR_TOP_PX) loadOlder();
      }}
      className="relative min-h-0 flex-1 overflow-y-auto overscroll-contain"
      data-testid="chat-scroller"
    >
      <div className="mx-auto flex max-w-3xl flex-col gap-4 px-3 py-4 sm:px-5" role="region" aria-label="Conversation">
        {hasOlder && (
          <div className="flex justify-center">
            <Button variant="ghost" size="sm" pending={loadingOlder} onClick={loadOlder}>
              Load earlier messages
            </Button>
          </div>
        )}
        {items.map((item, i) => (
          <div key={item.id} data-item-id={item.id} data-item-type={item.type}>
            {renderItem(item, i)}
          </div>
        ))}
        {footer}
      </div>
    </div>
  );
}
