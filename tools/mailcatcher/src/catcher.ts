import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/** One letter as the catcher received it, parsed (mailparser) — what tests and the admin's dev mailbox read. */
export interface CaughtLetter {
  id: string;
  receivedAt: string;
  /** The envelope's sender and recipients (what the SMTP client said), not only the headers'. */
  envelopeFrom: string;
  envelopeTo: string[];
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  /** Lower-case header names → their raw values (List-Unsubscribe, X-Nastavnik-Kind, …). */
  headers: Record<string, string>;
  /** Whether the client upgraded the connection with STARTTLS before sending. */
  secure: boolean;
}

export interface MailCatcherOptions {
  host?: string;
  /** 0 → any free port. */
  smtpPort?: number;
  httpPort?: number;
  /** Oldest letters are dropped beyond this (development runs for days). */
  maxLetters?: number;
}

export interface MailCatcher {
  smtpPort: number;
  smtpUrl: string;
  httpUrl: string;
  /** Newest first. */
  letters(): CaughtLetter[];
  clear(): void;
  /** The next `count` letters are refused with `code` (451 — temporary, the default; 550 — permanent), as a failing relay would. */
  failNext(count: number, code?: number): void;
  stop(): Promise<void>;
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((entry) => entry.value.map((address) => address.address ?? '')).filter(Boolean);
}

/**
 * The embedded mail catcher: `smtp-server` (the Nodemailer project's SMTP server; STARTTLS with its
 * built-in self-signed certificate) accepts every letter, `mailparser` parses it, and the letters
 * stay in memory for an HTTP view:
 *
 *   GET    /letters        → CaughtLetter[] (newest first)
 *   GET    /letters/<id>   → CaughtLetter | 404
 *   DELETE /letters        → 204 (empties the box)
 *   POST   /fail?count=N[&code=550] → 204 (the next N letters are refused: 451, or 550 for good)
 *
 * Four routes of a development tool on node:http: a router library would be more code than them.
 */
export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<MailCatcher> {
  const host = options.host ?? '127.0.0.1';
  const maxLetters = options.maxLetters ?? 1000;
  let letters: CaughtLetter[] = [];
  let failures = 0;
  let failureCode = 451;

  const smtp = new SMTPServer({
    authOptional: true,
    // Any login is accepted (the API may be configured with credentials, as for a real relay).
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'dev' }),
    allowInsecureAuth: true,
    logger: false,
    disableReverseLookup: true,
    size: 25 * 1024 * 1024,
    onData(stream, session: SMTPServerSession, callback) {
      if (failures > 0) {
        failures -= 1;
        stream.resume();
        stream.on('end', () => {
          const text = failureCode >= 500 ? 'Адрес отклонён почтовым сервером (проверка)' : 'Временная ошибка почтового сервера (проверка повторной отправки)';
          const error = Object.assign(new Error(text), { responseCode: failureCode });
          callback(error);
        });
        return;
      }
      simpleParser(stream)
        .then((parsed) => {
          const headers: Record<string, string> = {};
          for (const line of parsed.headerLines) headers[line.key.toLowerCase()] = line.line.slice(line.line.indexOf(':') + 1).trim();
          letters = [
            {
              id: randomUUID(),
              receivedAt: new Date().toISOString(),
              envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              from: addresses(parsed.from)[0] ?? '',
              to: addresses(parsed.to),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : null,
              headers,
              secure: session.secure,
            },
            ...letters,
          ].slice(0, maxLetters);
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.server.once('error', reject);
    smtp.listen(options.smtpPort ?? 0, host, () => resolve());
  });
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  const send = (response: ServerResponse, status: number, body?: unknown) => {
    response.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    response.end(body === undefined ? undefined : JSON.stringify(body));
  };
  const http: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://catcher');
    const byId = /^\/letters\/([0-9a-f-]{36})$/.exec(url.pathname);
    if (request.method === 'GET' && url.pathname === '/letters') return send(response, 200, letters);
    if (request.method === 'GET' && byId) {
      const letter = letters.find((entry) => entry.id === byId[1]);
      return letter ? send(response, 200, letter) : send(response, 404, { error: 'Письмо не найдено' });
    }
    if (request.method === 'DELETE' && url.pathname === '/letters') {
      letters = [];
      return send(response, 204);
    }
    if (request.method === 'POST' && url.pathname === '/fail') {
      failures = Math.max(0, Math.min(1000, Number(url.searchParams.get('count') ?? '1') || 0));
      failureCode = url.searchParams.get('code') === '550' ? 550 : 451;
      return send(response, 204);
    }
    return send(response, 404, { error: 'Нет такого адреса' });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.httpPort ?? 0, host, () => resolve());
  });
  const httpPort = (http.address() as AddressInfo).port;

  return {
    smtpPort,
    smtpUrl: `smtp://${host}:${smtpPort}`,
    httpUrl: `http://${host}:${httpPort}`,
    letters: () => letters,
    clear: () => {
      letters = [];
    },
    failNext: (count, code = 451) => {
      failures = count;
      failureCode = code;
    },
    stop: async () => {
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    },
  };
}
