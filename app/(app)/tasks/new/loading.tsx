import { TaskFormSkeleton } from "@/components/tasks/task-form-skeleton";

export default function Loading() {
  return <TaskFormSkeleton />;
}
