import "server-only";
import nodemailer, { type Transporter } from "nodemailer";

/** One message: plain text always (every client reads it), HTML when there is a nicer form. */
export type Mail = { to: string; subject: string; text: string; html?: string };

/** Why a message was not handed to an SMTP server, when it was not. */
export type Delivery = { sent: true } | { sent: false; reason: "no-smtp" };

let cached: { url: string; transport: Transporter } | null = null;

/** The SMTP transport for SMTP_URL, made once per URL (nodemailer parses smtp://, smtps:// and its query options). */
function transportFor(url: string): Transporter {
  if (cached?.url !== url) cached = { url, transport: nodemailer.createTransport(url) };
  return cached.transport;
}

/** The sender: MAIL_FROM, or no-reply at the app's own host. */
export function mailFrom(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MAIL_FROM?.trim()) return env.MAIL_FROM.trim();
  let host = "localhost";
  try {
    host = new URL(env.BETTER_AUTH_URL ?? "http://localhost").hostname;
  } catch {}
  return `Tasktalk <no-reply@${host}>`;
}

/**
 * Sends through SMTP_URL. Without it nothing is sent, so `npm run dev` works with no mail server:
 * the caller decides what to print instead (a reset link in a local log is fine; in a production
 * log it would be a live credential).
 */
export async function sendMail(mail: Mail, env: NodeJS.ProcessEnv = process.env): Promise<Delivery> {
  const url = env.SMTP_URL?.trim();
  if (!url) return { sent: false, reason: "no-smtp" };
  await transportFor(url).sendMail({ from: mailFrom(env), ...mail });
  return { sent: true };
}
