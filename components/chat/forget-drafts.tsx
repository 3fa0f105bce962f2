"use client";
import { useEffect } from "react";
import { forgetDrafts } from "./drafts";

/** On the signed-out pages: whatever was left unsent in this tab's chats is not shown to the next person who signs in. */
export function ForgetChatDrafts() {
  useEffect(forgetDrafts, []);
  return null;
}
