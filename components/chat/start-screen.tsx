import { ChatIcon } from "@/components/ui/icons";

type Props = {
  offline: boolean;
  examples: readonly string[];
  disabled: boolean;
  onPick: (prompt: string) => void;
};

/** What an empty conversation shows: a greeting and prompts to start from. */
export function StartScreen({ offline, examples, disabled, onPick }: Props) {
  return (
    <div className="mx-auto flex max-w-xl flex-col items-center px-2 py-8 text-center sm:py-14" data-testid="chat-start-screen">
      <div aria-hidden className="grid size-12 place-items-center rounded-2xl bg-indigo-50 text-indigo-600 dark:bg-indigo-500/10 dark:text-indigo-300">
        <ChatIcon className="size-6" />
      </div>
      <h2 className="mt-4 text-xl font-semibold tracking-tight">What shall we get done?</h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Tell the assistant what to add, finish, change or delete. Your task list updates as you talk.</p>
      {offline && (
        <p className="mt-4 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-left text-sm text-amber-900 dark:border-amber-500/30 dark:bg-amber-500/10 dark:text-amber-200" data-testid="offline-note">
          You&apos;re using the built-in offline assistant. It understands commands like the ones below — add, list, complete, rename, reschedule and
          delete tasks — but not free conversation.
        </p>
      )}
      <ul className="mt-6 grid w-full gap-2 sm:grid-cols-2" aria-label="Example prompts">
        {examples.map((prompt) => (
          <li key={prompt}>
            <button
              type="button"
              disabled={disabled}
              onClick={() => onPick(prompt)}
              className="h-full w-full rounded-xl border border-zinc-200 bg-white px-3 py-2.5 text-left text-sm text-zinc-700 shadow-sm transition-colors hover:border-indigo-300 hover:bg-indigo-50/50 disabled:opacity-50 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:border-indigo-500/50 dark:hover:bg-indigo-500/10"
            >
              “{prompt}”
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
