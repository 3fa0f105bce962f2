import { expect, test } from "@playwright/test";
import { distinctClientIp, newCredentials, requireChromium, signUp } from "./helpers";

requireChromium();

test.beforeEach(async ({ context }) => {
  await context.setExtraHTTPHeaders({ "x-forwarded-for": distinctClientIp() });
});

test("sign up, stay signed in across a reload, sign out, sign in again", async ({ page }) => {
  const creds = newCredentials("flow");

  await signUp(page, creds);
  await expect(page.getByRole("heading", { name: `Welcome, ${creds.name}` })).toBeVisible();

  await page.reload();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: `Welcome, ${creds.name}` })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/tasks");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Ftasks$/);

  await page.getByLabel("Email").fill(creds.email);
  await page.getByLabel("Password").fill(creds.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(page.getByRole("heading", { name: "Tasks", level: 1 })).toBeVisible();
});

test("the forms explain what is wrong", async ({ page }) => {
  const creds = newCredentials("errors");

  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Someone");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expect(page.getByText("Use at least 8 characters.")).toBeVisible();

  await signUp(page, creds);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Copycat");
  await page.getByLabel("Email").fill(creds.email);
  await page.getByLabel("Password").fill("another-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("An account with this email already exists. Sign in instead.")).toBeVisible();

  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(creds.email);
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password do not match. Check them and try again.")).toBeVisible();
});

test("profile changes the name and the password", async ({ page }) => {
  const creds = newCredentials("profile");
  await signUp(page, creds);
  await page.getByRole("link", { name: "Profile" }).click();
  await expect(page.getByTestId("profile-email")).toHaveText(creds.email);

  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Renamed Person");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Your name was saved.")).toBeVisible();
  await expect(page.getByTestId("current-user")).toHaveText("Renamed Person");

  await page.getByLabel("Current password").fill("wrong-password");
  await page.getByLabel("New password", { exact: true }).fill("new-password-456");
  await page.getByLabel("Confirm new password").fill("new-password-456");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your current password is not right.")).toBeVisible();

  await page.getByLabel("Current password").fill(creds.password);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password was changed.")).toBeVisible();
});

test.describe("without a session", () => {
  test("a protected page redirects to sign-in and an API route answers 401 JSON", async ({ page, request }) => {
    for (const path of ["/dashboard", "/tasks", "/upcoming", "/lists", "/chat", "/profile"]) {
      await page.goto(path);
      await expect(page).toHaveURL(new RegExp(`/sign-in\\?next=%2F${path.slice(1)}$`));
    }

    const res = await request.get("/api/me");
    expect(res.status()).toBe(401);
    expect(await res.json()).toEqual({ error: "unauthorized", message: "Sign in to continue." });
  });

  test("a forged session cookie does not get past the signed-in layout", async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: "better-auth.session_token", value: "forged.value", url: baseURL! }]);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fdashboard$/);
  });

  test("the landing page is served to visitors", async ({ page }) => {
    const res = await page.goto("/");
    expect(res?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "A todo app you can talk to." })).toBeVisible();
  });
});

test("auth endpoints are rate limited", async ({ request, baseURL }) => {
  const headers = { "x-forwarded-for": distinctClientIp(), origin: baseURL!, "content-type": "application/json" };
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++) {
    const res = await request.post("/api/auth/sign-in/email", { headers, data: { email: "nobody@example.com", password: "wrong-password" } });
    statuses.push(res.status());
  }
  expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
  expect(statuses.slice(3)).toContain(429);
});
