import { ToastProvider } from "@/components/ui/toast";

/** The task pages share one toast, so "Deleted …" with its Undo stays up when the edit page returns to the list. */
export default function TasksLayout({ children }: { children: React.ReactNode }) {
  return <ToastProvider>{children}</ToastProvider>;
}
