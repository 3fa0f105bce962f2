import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

/**
 * A real SMTP server on loopback that keeps every message it receives, for the password reset
 * tests: the app's nodemailer transport talks to it exactly as to a mail provider.
 */
export class SmtpInbox {
  readonly messages: ParsedMail[] = [];
  private waiters: (() => void)[] = [];
  private readonly server: SMTPServer;

  port = 0;

  private constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            this.messages.push(mail);
            for (const wake of this.waiters.splice(0)) wake();
            callback();
          })
          .catch(callback);
      },
    });
  }

  /** Listens on loopback: on `port`, or on a free port when it is 0. */
  static async start(port = 0): Promise<SmtpInbox> {
    const inbox = new SmtpInbox();
    await new Promise<void>((resolve, reject) => {
      inbox.server.once("error", reject);
      inbox.server.listen(port, "127.0.0.1", () => resolve());
    });
    inbox.port = (inbox.server.server.address() as AddressInfo).port;
    return inbox;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Messages sent to `address` (case-insensitive). */
  to(address: string): ParsedMail[] {
    const want = address.toLowerCase();
    return this.messages.filter((m) => [m.to].flat().some((t) => t?.value.some((v) => v.address?.toLowerCase() === want)));
  }

  /** Waits for the `count`-th message to `address`, or fails after `timeoutMs`. */
  async waitFor(address: string, count = 1, timeoutMs = 10_000): Promise<ParsedMail> {
    const deadline = Date.now() + timeoutMs;
    while (this.to(address).length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no message #${count} to ${address} within ${timeoutMs} ms (inbox: ${this.messages.length})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.to(address)[count - 1]!;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** The reset page link in a password reset email (text part), or null. */
export function resetLinkIn(mail: ParsedMail): URL | null {
  const match = mail.text?.match(/https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]+/);
  return match ? new URL(match[0]) : null;
}
