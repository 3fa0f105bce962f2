import { expect, test } from "@playwright/test";
import { distinctClientIp, newCredentials, requireChromium, signUp } from "./helpers";

requireChromium();

test.beforeEach(async ({ context }) => {
  await context.setExtraHTTPHeaders({ "x-forwarded-for": distinctClientIp() });
});

const PLACEHOLDER = "<your API key>";

async function createKey(page: import("@playwright/test").Page, name: string): Promise<string> {
  await page.getByLabel("Key name").fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText(`Your new key “${name}”`)).toBeVisible();
  return (await page.getByTestId("new-api-key").textContent())!.trim();
}

test("revoking the key just created clears the copy-it-now box and the MCP snippets", async ({ page }) => {
  await signUp(page, newCredentials("profile-revoke"));
  await page.goto("/profile");
  await expect(page.getByTestId("mcp-snippet")).toContainText(PLACEHOLDER);

  const laptop = await createKey(page, "Laptop");
  expect(laptop).toMatch(/^ttk_/);
  await expect(page.getByTestId("mcp-snippet")).toContainText(laptop);
  // Keys are listed with the one date format: made just now, never used.
  await expect(page.getByRole("list", { name: "Your API keys" }).getByRole("listitem")).toContainText("created Today · last used never");

  // Revoking another key leaves the new one on screen.
  const cursor = await createKey(page, "Cursor");
  await page.getByRole("button", { name: "Revoke “Laptop”" }).click();
  await page.getByRole("dialog", { name: "Revoke “Laptop”?" }).getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(page.getByRole("button", { name: "Revoke “Laptop”" })).toHaveCount(0);
  await expect(page.getByTestId("new-api-key")).toHaveText(cursor);
  await expect(page.getByTestId("mcp-snippet")).toContainText(cursor);

  // Revoking the shown key takes it off the page everywhere.
  await page.getByRole("button", { name: "Revoke “Cursor”" }).click();
  await page.getByRole("dialog", { name: "Revoke “Cursor”?" }).getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(page.getByRole("button", { name: "Revoke “Cursor”" })).toHaveCount(0);
  await expect(page.getByTestId("new-api-key")).toHaveCount(0);
  await expect(page.getByText(/Copy it now/)).toHaveCount(0);
  for (const tab of ["Claude Code", "Cursor", "Claude Desktop", "MCP Inspector"]) {
    await page.getByRole("tab", { name: tab }).click();
    await expect(page.getByTestId("mcp-snippet")).toContainText(PLACEHOLDER);
    await expect(page.getByTestId("mcp-snippet")).not.toContainText(cursor);
  }
  await expect(page.locator("body")).not.toContainText(cursor);
  await expect(page.locator("body")).not.toContainText(laptop);
});

test("on a 390px phone the Copy button covers no part of the snippet, and the snippet scrolls from the keyboard", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signUp(page, newCredentials("profile-snippet"));
  await page.goto("/profile");
  await createKey(page, "Phone");

  const snippet = page.getByRole("region", { name: "Claude Code configuration" });
  await expect(snippet).toBeVisible();
  const copy = page.getByRole("button", { name: "Copy" }).last();
  const copyBox = (await copy.boundingBox())!;
  const snippetBox = (await snippet.boundingBox())!;
  // No overlap: the button ends above the snippet starts.
  expect(copyBox.y + copyBox.height).toBeLessThanOrEqual(snippetBox.y);

  // The command is wider than the phone: the region takes focus and the arrow keys scroll it.
  expect(await snippet.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await snippet.focus();
  await expect(snippet).toBeFocused();
  for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowRight");
  await expect.poll(() => snippet.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
});
