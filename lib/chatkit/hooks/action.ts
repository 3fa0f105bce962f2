import "server-only";
import type { MessageRow } from "@/db/schema";
import { BadRequestError } from "@/lib/errors";
import type { CardAction } from "../core";
import { CANCEL_ACTION, CONFIRM_ACTION, UNDO_ACTION } from "../schemas";
import { resume } from "./confirmation";
import { undoFromCard } from "./undo";

/**
 * The action hook: a confirmation card's two buttons answer its paused run, and a resolved
 * card's Undo button undoes what it confirmed. An unknown action is refused here, before the
 * core claims the turn or opens a stream (a 400).
 */
export function action(card: MessageRow, act: { type: string }): CardAction {
  switch (act.type) {
    case CONFIRM_ACTION:
      return { answers: "paused", run: (io, paused) => resume(io, paused, "approve") };
    case CANCEL_ACTION:
      return { answers: "paused", run: (io, paused) => resume(io, paused, "reject") };
    case UNDO_ACTION:
      return { answers: "card", run: (io) => undoFromCard(io, card) };
    default:
      throw new BadRequestError(`Unknown action: ${act.type.slice(0, 60)}`);
  }
}
