"use client";
import dynamic from "next/dynamic";

/**
 * The chat's client side (components/chat/chat-experience.tsx), rendered on the server like any
 * client component, but as its own chunk: the page's HTML already shows the conversation, so its
 * code is fetched alongside the page and hydrates when it arrives instead of being part of the
 * page's first-load JavaScript (budget: 150 KiB gzip per page).
 */
export const ChatClient = dynamic(() => import("@/components/chat/chat-experience").then((m) => m.ChatExperience));
