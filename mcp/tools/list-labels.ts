import "server-only";
import { z } from "zod";
import { listLabels } from "@/lib/labels";
import { defineTool } from "./define";
import { labelSchema, openTasks } from "./lists-format";

export const listLabelsTool = defineTool({
  name: "list_labels",
  title: "List labels",
  description: "List the user's labels, by name, with how many open tasks carry each. Tasks are labelled by label name; a new name creates the label.",
  inputSchema: z.strictObject({}),
  outputSchema: z.object({ labels: z.array(labelSchema) }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  effect: { kind: "read" },
  async run(ctx) {
    const labels = await listLabels(ctx.userId);
    const summary = labels.length ? [`${labels.length} label${labels.length === 1 ? "" : "s"}:`, ...labels.map((l) => `- “${l.name}” (${openTasks(l.openCount)})`)].join("\n") : "No labels yet.";
    return { summary, data: { labels } };
  },
});
