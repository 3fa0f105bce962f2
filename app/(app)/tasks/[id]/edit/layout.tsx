import { notFound } from "next/navigation";
import { requireUser } from "@/lib/session";
import { findOwnTask } from "./find-task";

/**
 * The ownership check lives here, above this segment's loading.tsx: thrown from the page,
 * inside the loading boundary, notFound() came after the 200 shell had been sent, so another
 * user's task id answered "200 Task not found". Here it decides the status: a real 404.
 */
export default async function EditTaskLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const user = await requireUser();
  if (!(await findOwnTask(user.id, (await params).id))) notFound();
  return children;
}
