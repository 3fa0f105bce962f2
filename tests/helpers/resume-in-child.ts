// Runs in a separate Node process: resumes a paused agent run from its serialized state,
// read from stdin, and prints the outcome as JSON. Proves nothing survives in memory.
import { closeDb } from "@/db";
import { resumeAgentTurn } from "@/lib/agent/run";
import { drain } from "./agent";

async function main() {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // The callers pause runs with an empty history, so the count of prior items defaults to 0.
  const { userId, state, decision, priorItemCount = 0 } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const { outcome } = await drain(resumeAgentTurn({ userId, state, decision, priorItemCount }));
  await closeDb();
  process.stdout.write(`\n@@OUTCOME@@${JSON.stringify(outcome)}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
