import { startMailCatcher, type CaughtLetter, type MailCatcher } from '@nastavnik/mailcatcher';
import { startTestApp, type TestApp } from './harness.js';

/**
 * A test API that sends its letters to a real SMTP server of its own (the mail catcher, STARTTLS),
 * with the job queue working so that the delivery job runs as in production.
 */
export interface MailTestApp {
  app: TestApp;
  catcher: MailCatcher;
  /** The letters received for `address` (newest first). */
  lettersTo(address: string): CaughtLetter[];
  stop(): Promise<void>;
}

export async function startMailTestApp(overrides: Record<string, string> = {}): Promise<MailTestApp> {
  const catcher = await startMailCatcher();
  const app = await startTestApp({
    JOBS_ENABLED: 'true',
    JOBS_POLL_INTERVAL_SECONDS: '0.5',
    SMTP_URL: catcher.smtpUrl,
    // The catcher's certificate is the SMTP server's built-in self-signed one.
    SMTP_TLS_REJECT_UNAUTHORIZED: 'false',
    ...overrides,
  });
  return {
    app,
    catcher,
    lettersTo: (address) => catcher.letters().filter((letter) => letter.envelopeTo.includes(address)),
    async stop() {
      await app.stop();
      await catcher.stop();
    },
  };
}
