import { ToastProvider } from "@/components/ui/toast";

/** Upcoming completes and moves tasks in place; its Undo toast lives here. */
export default function UpcomingLayout({ children }: { children: React.ReactNode }) {
  return <ToastProvider>{children}</ToastProvider>;
}
