import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { App, Client, signUp, SKIP, stats, writeStats } from "../reliability/harness";
import { PORTS } from "./config";

/** Issue 12 #9: another user's task edit page answered 200 with "not found" inside; it must be a real 404 that shows nothing of the task. */

const app = new App(PORTS.notFound);
const SECRET_TITLE = "Alice's secret surprise party plan";

describe.skipIf(SKIP !== null)("task edit pages: a real 404", () => {
  let alice: Client;
  let bob: Client;
  let taskId: number;

  beforeAll(async () => {
    await app.start();
    alice = await signUp(app, "nf-alice");
    bob = await signUp(app, "nf-bob");
    const created = await alice.post("/api/tasks", { title: SECRET_TITLE });
    expect(created.status).toBe(201);
    taskId = created.json.task.id;
  });

  afterAll(async () => {
    await app.stop();
    writeStats("not-found");
  });

  it("the owner gets 200 and the task", async () => {
    const res = await alice.get(`/tasks/${taskId}/edit`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(SECRET_TITLE);
  });

  it.each([
    ["another user's task", () => `/tasks/${taskId}/edit`],
    ["a task that does not exist", () => `/tasks/999999999/edit`],
    ["a malformed id", () => `/tasks/not-a-number/edit`],
    ["an id with SQL in it", () => `/tasks/${encodeURIComponent("1 or 1=1")}/edit`],
  ])("%s: 404, with the not-found page and nothing of the task", async (_label, path) => {
    const res = await bob.get(path());
    expect(res.status).toBe(404);
    expect(res.text).toContain("Task not found");
    if (res.text.includes(SECRET_TITLE)) stats.leaks += 1;
    expect(res.text).not.toContain(SECRET_TITLE);
  });
});
