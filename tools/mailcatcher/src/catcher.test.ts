import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailCatcher, type CaughtLetter, type MailCatcher } from './catcher.js';

/** The catcher over real SMTP (Nodemailer as the client, STARTTLS required) and real HTTP. */
let catcher: MailCatcher;

beforeAll(async () => {
  catcher = await startMailCatcher();
});

afterAll(async () => {
  await catcher?.stop();
});

const transport = () =>
  nodemailer.createTransport({
    host: '127.0.0.1',
    port: catcher.smtpPort,
    requireTLS: true,
    // The catcher's certificate is the SMTP server's built-in self-signed one.
    tls: { rejectUnauthorized: false },
  });

describe('the mail catcher', () => {
  it('keeps a letter sent over STARTTLS: envelope, Russian subject, text, HTML and headers', async () => {
    await transport().sendMail({
      from: '«Наставник» <noreply@nastavnik.local>',
      to: 'Куратор <curator@school.local>',
      subject: 'Дорожная карта возвращена на доработку',
      text: 'Здравствуйте! Откройте: http://localhost/roadmaps/1',
      html: '<p>Здравствуйте!</p>',
      headers: { 'List-Unsubscribe': '<http://localhost/unsubscribe/x>' },
    });
    const response = await fetch(`${catcher.httpUrl}/letters`);
    expect(response.status).toBe(200);
    const [letter] = (await response.json()) as CaughtLetter[];
    expect(letter).toMatchObject({
      envelopeFrom: 'noreply@nastavnik.local',
      envelopeTo: ['curator@school.local'],
      from: 'noreply@nastavnik.local',
      to: ['curator@school.local'],
      subject: 'Дорожная карта возвращена на доработку',
      html: '<p>Здравствуйте!</p>',
      secure: true,
    });
    expect(letter!.text.trim()).toBe('Здравствуйте! Откройте: http://localhost/roadmaps/1');
    expect(letter!.headers['list-unsubscribe']).toBe('<http://localhost/unsubscribe/x>');
    expect(await (await fetch(`${catcher.httpUrl}/letters/${letter!.id}`)).json()).toEqual(letter);
  });

  it('refuses the next letters with a temporary error when asked, then accepts again', async () => {
    await fetch(`${catcher.httpUrl}/letters`, { method: 'DELETE' });
    expect(await (await fetch(`${catcher.httpUrl}/fail?count=1`, { method: 'POST' })).status).toBe(204);
    const letter = { from: 'noreply@nastavnik.local', to: 'a@b.local', subject: 'Проверка', text: 'Текст' };
    await expect(transport().sendMail(letter)).rejects.toMatchObject({ responseCode: 451 });
    expect(catcher.letters()).toHaveLength(0);
    await transport().sendMail(letter);
    expect(catcher.letters().map((l) => l.subject)).toEqual(['Проверка']);
  });

  it('answers 404 in Russian for an unknown letter or address', async () => {
    const missing = await fetch(`${catcher.httpUrl}/letters/00000000-0000-0000-0000-000000000000`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'Письмо не найдено' });
    expect((await fetch(`${catcher.httpUrl}/nothing`)).status).toBe(404);
  });
});
