import { ToastProvider } from "@/components/ui/toast";

/** The dashboard completes tasks in place; its Undo toast lives here. */
export default function DashboardLayout({ children }: { children: React.ReactNode }) {
  return <ToastProvider>{children}</ToastProvider>;
}
