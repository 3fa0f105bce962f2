import "server-only";
import { createChatKitServer, type Ctx, type Store } from "./core";
import { action } from "./hooks/action";
import { typedAnswer } from "./hooks/confirmation";
import { respond } from "./hooks/respond";
import * as store from "./store";

export { CHAT_BODY_LIMIT_BYTES } from "./core";
export type { ChatKitEvent } from "./schemas";

/**
 * Tasktalk's ChatKit server: the protocol core (./core.ts) over our store (./store.ts), with
 * the product's hooks: the agent's answer (./hooks/respond.ts), card actions
 * (./hooks/action.ts) and the confirmation flow (./hooks/confirmation.ts).
 */
const server = createChatKitServer(store satisfies Store, {
  respond,
  action,
  answersCard: (text) => typedAnswer(text) !== null,
});

/** POST /api/chat: one ChatKit request, for a signed-in user (the route authenticates). */
export function handleChatKitRequest(req: Request, ctx: Ctx): Promise<Response> {
  return server.process(req, ctx);
}
