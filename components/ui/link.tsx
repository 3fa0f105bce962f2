import NextLink from "next/link";
import type { ComponentProps } from "react";

/**
 * next/link that does not prefetch the routes it points to as soon as it is on screen. Every page
 * here is dynamic, so such a prefetch brings back about a kilobyte (the route's loading state, where
 * it has one) and costs the phone a main-thread task to process it, during the page load: on
 * /tasks thirteen of them were a third of Lighthouse's blocking time (decision 26). A click
 * still navigates on the client; it just asks the server then.
 */
export function Link(props: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={false} {...props} />;
}
