import { describe, expect, it } from "vitest";
import { liveAnnouncement } from "@/components/chat/announcement";
import type { ThreadItem } from "@/lib/chatkit/schemas";

const base = { thread_id: "t", created_at: "2026-11-30T00:00:00.000Z" };
const answer = (id: string, text: string): ThreadItem => ({ ...base, id, type: "assistant_message", content: [{ type: "output_text", text, annotations: [] }] });
const card = (id: string, buttons: Record<string, unknown>, copy = "Delete “Buy milk”?"): ThreadItem => ({ ...base, id, type: "widget", copy_text: copy, widget: { type: "Card", children: [], ...buttons } });
const pending = { confirm: { label: "Delete", action: { type: "tasks.confirm" } }, cancel: { label: "Cancel", action: { type: "tasks.cancel" } } };

describe("the chat's live region", () => {
  it("announces a card that waits for an answer, not the answer before it", () => {
    expect(liveAnnouncement([answer("a", "Added “Buy milk”."), card("c", pending)], false)).toBe("Confirmation needed: Delete “Buy milk”? Use the card's buttons.");
  });

  it("announces the answer once the card is resolved (a confirmed card keeps only Undo)", () => {
    const confirmed = card("c", { confirm: { label: "Undo", action: { type: "tasks.undo" } }, status: { text: "Confirmed" } });
    expect(liveAnnouncement([card("c", pending), confirmed, answer("b", "Deleted “Buy milk”.")].slice(1), false)).toBe("Deleted “Buy milk”.");
    expect(liveAnnouncement([answer("a", "Deleted “Buy milk”."), confirmed], false)).toBe("Deleted “Buy milk”.");
  });

  it("says nothing while an answer streams, or before anything was said", () => {
    expect(liveAnnouncement([card("c", pending)], true)).toBe("");
    expect(liveAnnouncement([], false)).toBe("");
  });
});
