import { expect, test, type Page } from "@playwright/test";
import { distinctClientIp, newCredentials, requireChromium, signUp } from "./helpers";

requireChromium();

/**
 * The Content-Security-Policy (lib/security-headers.ts) must not break the app: Next's inline
 * bootstrap, the theme script, hydration, the auth forms' fetches and the chat page (ChatKit's
 * CDN script, or the built-in client when it cannot load) all run with no violation reported.
 */

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

test.beforeEach(async ({ context }) => {
  await context.setExtraHTTPHeaders({ "x-forwarded-for": distinctClientIp() });
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__cspViolations!.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
});

function watchConsole(page: Page): string[] {
  const messages: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to (load|execute|connect|frame|apply)/i.test(msg.text())) messages.push(msg.text());
  });
  return messages;
}

async function expectNoViolations(page: Page, console: string[], where: string) {
  // Violations are reported asynchronously; give late scripts (ChatKit's) a moment.
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => window.__cspViolations ?? []), where).toEqual([]);
  expect(console, where).toEqual([]);
}

test("pages run under the CSP with no violation: signed out, signing up, and signed in", async ({ page }) => {
  const console = watchConsole(page);
  const response = await page.goto("/");
  expect(response?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  await expectNoViolations(page, console, "/");

  await page.goto("/sign-in");
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  await expectNoViolations(page, console, "/sign-in");

  // Hydration, the form's fetch to /api/auth and the client-side navigation all need scripts to run.
  await signUp(page, newCredentials("csp"));
  await expectNoViolations(page, console, "/dashboard");

  await page.goto("/tasks");
  await expect(page.getByRole("heading", { name: "Tasks", exact: true })).toBeVisible();
  await expectNoViolations(page, console, "/tasks");

  await page.goto("/chat");
  // ChatKit (if its CDN is reachable) or the built-in client: either way the page settles on a client.
  await expect(page.getByTestId("chat-client-notice")).toHaveAttribute("data-client", /builtin|chatkit/, { timeout: 15_000 });
  await expectNoViolations(page, console, "/chat");
});
