"use client";
import { ChatKit, useChatKit } from "@openai/chatkit-react";
import { chatKitOptions } from "./chatkit-options";
import { useColorScheme } from "./use-color-scheme";

type Props = {
  domainKey: string;
  offline: boolean;
  examples: readonly string[];
  initialThread: string | null;
  onThreadChange: (threadId: string | null) => void;
  onError: (message: string) => void;
  onResponseEnd: () => void;
};

/**
 * OpenAI's ChatKit UI on our own endpoint. The web component itself is defined by the CDN
 * script the page loads; this renders it once that has happened.
 */
export function ChatKitChat({ domainKey, offline, examples, initialThread, onThreadChange, onError, onResponseEnd }: Props) {
  const colorScheme = useColorScheme();
  const { control } = useChatKit(
    chatKitOptions({
      domainKey,
      colorScheme,
      offline,
      examples,
      initialThread,
      onThreadChange: ({ threadId }) => onThreadChange(threadId),
      onError: ({ error }) => onError(error?.message || "ChatKit reported an error."),
      onResponseEnd,
    }),
  );
  return <ChatKit control={control} className="block h-full min-h-0 w-full" />;
}
