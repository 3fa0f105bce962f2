"use client";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { MAIN_CONTENT_ID } from "./skip-link";

/**
 * The chat fills the window under the header instead of scrolling the page: there the shell is
 * one viewport tall and <main> gives the chat all of its height. Chosen from the path, which
 * follows client-side navigation (the layout around it does not re-render). It used to be CSS
 * `:has([data-chat-page])` on <body>, which made each node React or the HTML stream inserted
 * invalidate the style of the whole page: one recalculation took 427 ms on /chat.
 */
const isChat = (pathname: string) => pathname === "/chat" || pathname.startsWith("/chat/");

/** The signed-in shell's outer box: the page's height, or exactly the window's on the chat. */
export function AppFrame({ children }: { children: React.ReactNode }) {
  const chat = isChat(usePathname());
  return <div className={cn("flex flex-col", chat ? "relative h-dvh min-h-0 overflow-hidden" : "min-h-dvh")}>{children}</div>;
}

/** The signed-in shell's <main>, which the skip link jumps to. */
export function AppMain({ children }: { children: React.ReactNode }) {
  const chat = isChat(usePathname());
  return (
    <main
      id={MAIN_CONTENT_ID}
      tabIndex={-1}
      className={cn("mx-auto w-full max-w-6xl flex-1 px-4 sm:px-6", chat ? "flex min-h-0 flex-col pt-2 pb-3" : "py-6")}
    >
      {children}
    </main>
  );
}
