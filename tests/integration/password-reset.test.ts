import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { authenticateApiKey, createApiKey } from "@/lib/api-keys/service";
import { resetTokenUsable } from "@/lib/auth";
import { authRequest, signUpUser, uniqueEmail } from "../helpers/auth";
import { resetLinkIn, SmtpInbox } from "../helpers/smtp-inbox";

/**
 * Forgot password, through Better Auth's own handler and a real SMTP server: the email's link,
 * the reset, what it revokes, and what it must not tell (whether an account exists).
 */

let inbox: SmtpInbox;
const NEW_PASSWORD = "a-brand-new-password";

beforeAll(async () => {
  inbox = await SmtpInbox.start();
  process.env.SMTP_URL = inbox.url;
  process.env.MAIL_FROM = "Tasktalk test <reset@tasktalk.test>";
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  delete process.env.MAIL_FROM;
  await inbox.stop();
});

/** Asks for a reset and returns the link from the email it sends. */
async function requestLink(email: string, count = 1): Promise<{ link: URL; token: string }> {
  const res = await authRequest("/request-password-reset", { body: { email } });
  expect(res.status).toBe(200);
  const mail = await inbox.waitFor(email, count);
  const link = resetLinkIn(mail);
  expect(link, mail.text).not.toBeNull();
  return { link: link!, token: link!.searchParams.get("token")! };
}

describe("password reset", () => {
  let user: Awaited<ReturnType<typeof signUpUser>>;
  beforeEach(async () => {
    user = await signUpUser("reset");
  });

  it("mails a link to this app's reset page, which sets a new password; the old one stops working", async () => {
    const { link, token } = await requestLink(user.email);
    const [mail] = inbox.to(user.email);
    expect(mail!.from?.value).toEqual([{ name: "Tasktalk test", address: "reset@tasktalk.test" }]);
    expect(mail!.subject).toBe("Reset your Tasktalk password");
    expect(mail!.html).toContain(`href="${link.href.replaceAll("&", "&#38;")}"`);
    expect(link.origin).toBe("http://localhost:3000");
    expect(link.pathname).toBe("/reset-password");
    expect(await resetTokenUsable(token)).toBe(true);

    const reset = await authRequest("/reset-password", { body: { token, newPassword: NEW_PASSWORD } });
    expect(reset.status).toBe(200);

    const withNew = await authRequest("/sign-in/email", { body: { email: user.email, password: NEW_PASSWORD } });
    expect(withNew.status).toBe(200);
    const withOld = await authRequest("/sign-in/email", { body: { email: user.email, password: user.password } });
    expect(withOld.status).toBe(401);
    expect(withOld.json.code).toBe("INVALID_EMAIL_OR_PASSWORD");
  });

  it("a token works once", async () => {
    const { token } = await requestLink(user.email);
    expect((await authRequest("/reset-password", { body: { token, newPassword: NEW_PASSWORD } })).status).toBe(200);
    expect(await resetTokenUsable(token)).toBe(false);

    const again = await authRequest("/reset-password", { body: { token, newPassword: "attacker-password-1" } });
    expect(again.status).toBe(400);
    expect(again.json.code).toBe("INVALID_TOKEN");
    expect((await authRequest("/sign-in/email", { body: { email: user.email, password: "attacker-password-1" } })).status).toBe(401);
    expect((await authRequest("/sign-in/email", { body: { email: user.email, password: NEW_PASSWORD } })).status).toBe(200);
  });

  it("ends every session and revokes every API key", async () => {
    const other = await authRequest("/sign-in/email", { body: { email: user.email, password: user.password } });
    const { key } = await createApiKey(user.id, { name: "laptop" });
    expect(await authenticateApiKey(key)).not.toBeNull();

    const { token } = await requestLink(user.email);
    expect((await authRequest("/reset-password", { body: { token, newPassword: NEW_PASSWORD } })).status).toBe(200);

    // The session token alone, so the answer comes from the database, not the signed cookie cache.
    expect((await authRequest("/get-session", { cookie: user.tokenCookie })).json).toBeNull();
    expect((await authRequest("/get-session", { cookie: other.cookie })).json).toBeNull();
    expect(await authenticateApiKey(key)).toBeNull();
  });

  it("refuses a short new password and keeps the token usable", async () => {
    const { token } = await requestLink(user.email);
    const res = await authRequest("/reset-password", { body: { token, newPassword: "short" } });
    expect(res.status).toBe(400);
    expect(res.json.code).toBe("PASSWORD_TOO_SHORT");
    expect(await resetTokenUsable(token)).toBe(true);
    expect((await authRequest("/sign-in/email", { body: { email: user.email, password: user.password } })).status).toBe(200);
  });

  it("a made-up or malformed token resets nothing", async () => {
    for (const token of ["x".repeat(24), "", "../../etc", "a".repeat(500), "nul\u0000token", "\ud800"]) {
      const res = await authRequest("/reset-password", { body: { token, newPassword: NEW_PASSWORD } });
      expect(res.status, JSON.stringify(token)).toBe(400);
      expect(await resetTokenUsable(token)).toBe(false);
    }
  });

  it("Better Auth's token redirect refuses a malformed token with 4xx", async () => {
    for (const token of ["nul%00token", "a".repeat(500), "%ff"]) {
      const res = await authRequest(`/reset-password/${token}?callbackURL=%2Freset-password`);
      expect(res.status, token).toBeGreaterThanOrEqual(300);
      expect(res.status, token).toBeLessThan(500);
    }
  });

  it("an unknown email gets the same answer and no message", async () => {
    const known = await authRequest("/request-password-reset", { body: { email: user.email } });
    const nobody = uniqueEmail("nobody");
    const unknown = await authRequest("/request-password-reset", { body: { email: nobody } });
    expect(unknown.status).toBe(known.status);
    expect(unknown.json).toEqual(known.json);
    await inbox.waitFor(user.email);
    // The known address's message has arrived; give a stray one to the unknown address as long again.
    await new Promise((r) => setTimeout(r, 500));
    expect(inbox.to(nobody)).toHaveLength(0);
  });

  it("the link ignores redirectTo, and a redirect to another site is refused outright", async () => {
    const trusted = await authRequest("/request-password-reset", { body: { email: user.email, redirectTo: "http://localhost:3000/tasks" } });
    expect(trusted.status).toBe(200);
    const link = resetLinkIn(await inbox.waitFor(user.email))!;
    const token = link.searchParams.get("token")!;
    expect(`${link.origin}${link.pathname}`).toBe("http://localhost:3000/reset-password");

    for (const redirectTo of ["https://evil.example/steal", "//evil.example", "/\\evil.example", "http://localhost:3000.evil.example/"]) {
      const res = await authRequest("/request-password-reset", { body: { email: user.email, redirectTo } });
      expect(res.status, redirectTo).toBe(403);
      expect(res.json.code).toBe("INVALID_REDIRECT_URL");
      // Better Auth's own redirect to `callbackURL` with the token in its query.
      const callback = await authRequest(`/reset-password/${token}?callbackURL=${encodeURIComponent(redirectTo)}`);
      expect(callback.status, redirectTo).toBe(403);
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(inbox.to(user.email)).toHaveLength(1);
    expect(await resetTokenUsable(token)).toBe(true);
  });

  it("sends at most 5 messages an hour to one address, and answers the same beyond", async () => {
    for (let i = 0; i < 7; i++) {
      const res = await authRequest("/request-password-reset", { body: { email: user.email } });
      expect(res.status).toBe(200);
    }
    await inbox.waitFor(user.email, 5);
    await new Promise((r) => setTimeout(r, 500));
    expect(inbox.to(user.email)).toHaveLength(5);
  });

  it("refuses an invalid or oversized email with 400", async () => {
    for (const email of ["not-an-email", `${"a".repeat(250)}@example.com`]) {
      const res = await authRequest("/request-password-reset", { body: { email } });
      expect(res.status, email).toBe(400);
    }
  });

  it("without SMTP_URL, a local server prints the link in its log and sends nothing", async () => {
    const smtp = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    try {
      expect((await authRequest("/request-password-reset", { body: { email: user.email } })).status).toBe(200);
      await vi.waitFor(() => expect(info).toHaveBeenCalled(), { timeout: 5_000 });
      const line = String(info.mock.calls[0]![0]);
      expect(line).toMatch(new RegExp(`^\\[mail\\] SMTP_URL is not set\\. Password reset link for ${user.email.replace(".", "\\.")}: http://localhost:3000/reset-password\\?token=`));
      const token = new URL(line.slice(line.indexOf("http"))).searchParams.get("token")!;
      expect(await resetTokenUsable(token)).toBe(true);
      expect(inbox.to(user.email)).toHaveLength(0);
    } finally {
      info.mockRestore();
      process.env.SMTP_URL = smtp;
    }
  });
});
