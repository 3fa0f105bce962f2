"use client";
import { Link } from "@/components/ui/link";
import { useEffect } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** When the tasks pages fail to render (the database is down, say): say so and offer a retry. */
export default function TasksError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <Card className="mx-auto max-w-lg text-center" role="alert">
      <h1 className="text-lg font-semibold">Your tasks could not be loaded</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        Something went wrong on our side. It is often brief; try again in a moment.
      </p>
      <div className="mt-6 flex flex-wrap justify-center gap-2">
        <Button onClick={() => retry()}>Try again</Button>
        <Link href="/dashboard" className={buttonClass("secondary")}>
          Go to dashboard
        </Link>
      </div>
    </Card>
  );
}
