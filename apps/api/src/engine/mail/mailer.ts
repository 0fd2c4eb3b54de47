import nodemailer, { type Transporter } from 'nodemailer';
import type { ApiConfig } from '../config.js';

/** Connections the pool keeps to the relay: the outbox sends this many letters at once. */
export const SMTP_POOL_CONNECTIONS = 5;

/** One letter to one person: plain text with a simple HTML copy, and headers (List-Unsubscribe, …). */
export interface OutgoingLetter {
  to: { name: string | null; address: string };
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

/** Sends letters; throws an error carrying the relay's `responseCode` when it refuses. */
export interface Mailer {
  send(letter: OutgoingLetter): Promise<{ messageId: string }>;
  close(): void;
}

/**
 * The SMTP mailer (Nodemailer): smtp:// upgrades with STARTTLS (required unless SMTP_REQUIRE_TLS is
 * false), smtps:// speaks TLS from the start; credentials come in the URL. Pooled connections, so a
 * batch of letters does not open one connection per letter.
 */
export function createSmtpMailer(mail: ApiConfig['mail'] & { smtpUrl: string }): Mailer {
  const url = new URL(mail.smtpUrl);
  const secure = url.protocol === 'smtps:';
  const transport: Transporter = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    requireTLS: !secure && mail.requireTls,
    pool: true,
    maxConnections: SMTP_POOL_CONNECTIONS,
    connectionTimeout: 15_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    tls: { rejectUnauthorized: mail.rejectUnauthorized, servername: url.hostname },
  });
  return {
    async send(letter) {
      const info = await transport.sendMail({
        from: mail.from,
        to: letter.to.name ? { name: letter.to.name, address: letter.to.address } : letter.to.address,
        subject: letter.subject,
        text: letter.text,
        html: letter.html,
        headers: letter.headers ?? {},
      });
      return { messageId: String(info.messageId ?? '') };
    },
    close: () => transport.close(),
  };
}
