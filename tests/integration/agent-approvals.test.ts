import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";
import { closeDb } from "@/db";
import { streamAgentTurn, type AgentTurnOutcome } from "@/lib/agent/run";
import { createTask, getTask, listTasks } from "@/lib/tasks";
import { NotFoundError } from "@/lib/errors";
import { drain } from "../helpers/agent";
import { signUpUser } from "../helpers/auth";

/** Resumes in another Node process, after this one has closed its database handle. */
async function resumeInChildProcess(input: { userId: string; state: string; decision: "approve" | "reject" }): Promise<AgentTurnOutcome> {
  await closeDb(); // PGlite must not be open in two processes at once
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = execFile("npx", ["tsx", "--import", "./scripts/server-only-hook.mjs", "tests/helpers/resume-in-child.ts"], { env: process.env, maxBuffer: 10_000_000 }, (error, out, err) =>
      error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out),
    );
    child.stdin!.end(JSON.stringify(input));
  });
  const line = stdout.split("\n").find((l) => l.startsWith("@@OUTCOME@@"));
  if (!line) throw new Error(`no outcome from the child process:\n${stdout}`);
  return JSON.parse(line.slice("@@OUTCOME@@".length));
}

async function pauseOnDelete(title: string) {
  const u = await signUpUser("approval");
  const task = await createTask(u.id, { title });
  const { outcome } = await drain(streamAgentTurn({ userId: u.id, history: [], message: `delete ${title}` }));
  return { userId: u.id, task, outcome };
}

describe("confirmation of destructive actions, across processes", () => {
  it("pauses a delete, and an approval in a fresh process deletes the task", async () => {
    const { userId, task, outcome } = await pauseOnDelete("Old newsletter");
    expect(outcome.interruption?.approvals).toEqual([{ callId: expect.any(String), name: "delete_task", arguments: { id: task.id } }]);
    expect(outcome.toolCalls.find((c) => c.name === "delete_task")?.status).toBe("awaiting_approval");
    expect(typeof outcome.interruption!.state).toBe("string");
    expect(await getTask(userId, task.id)).toMatchObject({ title: "Old newsletter" });

    const resumed = await resumeInChildProcess({ userId, state: outcome.interruption!.state, decision: "approve" });
    expect(resumed.interruption).toBeNull();
    expect(resumed.text).toBe("Deleted “Old newsletter”.");
    expect(resumed.toolCalls).toEqual([expect.objectContaining({ name: "delete_task", status: "approved", arguments: { id: task.id } })]);
    await expect(getTask(userId, task.id)).rejects.toBeInstanceOf(NotFoundError);
    // The resumed turn's items carry the whole turn for the next model call.
    expect(resumed.items.map((i) => (i as { type?: string }).type)).toEqual(["function_call", "function_call_result", "function_call", "function_call_result", "message"]);
  }, 60_000);

  it("a rejection in a fresh process deletes nothing, and the agent says so", async () => {
    const { userId, task, outcome } = await pauseOnDelete("Tax forms");
    const resumed = await resumeInChildProcess({ userId, state: outcome.interruption!.state, decision: "reject" });
    expect(resumed.text).toBe("Okay, I kept “Tax forms”. Nothing was deleted.");
    expect(resumed.toolCalls).toEqual([expect.objectContaining({ name: "delete_task", status: "rejected" })]);
    expect(await getTask(userId, task.id)).toMatchObject({ title: "Tax forms" });
  }, 60_000);

  it("binds the resumed tools to the user given, not to anything in the state", async () => {
    const { userId, task, outcome } = await pauseOnDelete("Alice's plan");
    const mallory = await signUpUser("mallory");
    const resumed = await resumeInChildProcess({ userId: mallory.id, state: outcome.interruption!.state, decision: "approve" });
    expect(resumed.text).toMatch(/not found/);
    expect(await getTask(userId, task.id)).toMatchObject({ title: "Alice's plan" });
    expect((await listTasks(mallory.id)).tasks).toEqual([]);
  }, 60_000);
});
