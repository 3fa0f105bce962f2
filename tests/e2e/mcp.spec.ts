import { expect, test } from "@playwright/test";
import { connectMcpHttp } from "../helpers/mcp-http";
import { textOf } from "../helpers/mcp-text";
import { distinctClientIp, newCredentials, requireChromium, signUp } from "./helpers";

requireChromium();

test("a key created on /profile drives every task tool over MCP, and revoking it locks the client out", async ({ page, context, baseURL }) => {
  await context.setExtraHTTPHeaders({ "x-forwarded-for": distinctClientIp() });
  await signUp(page, newCredentials("mcp"));

  await page.goto("/profile");
  await expect(page.getByTestId("mcp-url")).toHaveText(`${baseURL}/api/mcp`);
  await page.getByLabel("Key name").fill("Playwright client");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!.trim();
  expect(key).toMatch(/^ttk_/);
  await expect(page.getByTestId("mcp-snippet")).toContainText(key);

  const mcp = await connectMcpHttp(`${baseURL}/api/mcp`, key);
  const { tools } = await mcp.client.listTools();
  expect(tools.map((t) => t.name).sort()).toEqual([
    "add_task",
    "add_tasks",
    "complete_task",
    "complete_tasks",
    "create_list",
    "delete_list",
    "delete_task",
    "delete_tasks",
    "list_labels",
    "list_lists",
    "list_tasks",
    "rename_list",
    "undo_last_change",
    "update_task",
    "update_tasks",
  ]);

  const added = await mcp.call("add_task", { title: "Added over MCP", priority: "high", dueDate: "2031-05-01" });
  const id = (added.structuredContent as { task: { id: number } }).task.id;
  const api = async () => (await page.request.get(`/api/tasks/${id}`)).json();
  expect((await api()).task).toMatchObject({ title: "Added over MCP", priority: "high", dueDate: "2031-05-01", completed: false });
  expect(textOf(await mcp.call("list_tasks", {}))).toContain(`#${id} “Added over MCP”`);
  await mcp.call("complete_task", { id });
  expect((await api()).task.completed).toBe(true);
  await mcp.call("update_task", { id, title: "Renamed over MCP", completed: false });
  expect((await api()).task).toMatchObject({ title: "Renamed over MCP", completed: false });

  await page.goto("/tasks");
  await expect(page.getByText("Renamed over MCP")).toBeVisible();

  await mcp.call("delete_task", { id });
  expect((await page.request.get(`/api/tasks/${id}`)).status()).toBe(404);

  // The delete is one change set: undo brings the task back with its id, and the page shows it again.
  const undone = await mcp.call("undo_last_change", {});
  expect(undone.isError).toBeFalsy();
  expect((await api()).task).toMatchObject({ id, title: "Renamed over MCP" });
  await page.reload();
  await expect(page.getByText("Renamed over MCP")).toBeVisible();

  await page.goto("/profile");
  await expect(page.getByText(/last used (?!never)/)).toBeVisible();
  await page.getByRole("button", { name: "Revoke “Playwright client”" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByText("No keys yet.")).toBeVisible();
  await expect(mcp.client.listTools()).rejects.toThrow();
  await mcp.close().catch(() => {});
});
