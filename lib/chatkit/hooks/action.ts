import type { MessageRow } from "@/db/schema";
import { BadRequestError } from "@/lib/errors";
import type { TurnIO } from "../core";
import { CANCEL_ACTION, CONFIRM_ACTION } from "../schemas";
import type { PausedRunRow } from "../store";
import { resume } from "./confirmation";

/**
 * The action hook: our cards' only actions are the confirmation card's two buttons. An unknown
 * action is refused here, before the core claims the turn or opens a stream (a 400).
 */
export function action(_card: MessageRow, act: { type: string }): (io: TurnIO, paused: PausedRunRow) => Promise<void> {
  if (act.type !== CONFIRM_ACTION && act.type !== CANCEL_ACTION) throw new BadRequestError(`Unknown action: ${act.type.slice(0, 60)}`);
  const decision = act.type === CONFIRM_ACTION ? "approve" : "reject";
  return (io, paused) => resume(io, paused, decision);
}
