#!/usr/bin/env node
/** The catcher as its own process (`npm start` runs it): ports from MAILCATCHER_SMTP_PORT / MAILCATCHER_HTTP_PORT. */
import { startMailCatcher } from './catcher.js';

const port = (value: string | undefined, fallback: number) => (value && /^\d+$/.test(value) ? Number(value) : fallback);
const catcher = await startMailCatcher({
  host: process.env.MAILCATCHER_HOST ?? '127.0.0.1',
  smtpPort: port(process.env.MAILCATCHER_SMTP_PORT, 2525),
  httpPort: port(process.env.MAILCATCHER_HTTP_PORT, 8025),
});
console.log(`Почтовый перехватчик: SMTP ${catcher.smtpUrl}, письма ${catcher.httpUrl}/letters`);
let stopping = false;
// 'disconnect': started by tools/stack through fork, whose IPC channel closes when the starter dies.
for (const signal of ['SIGINT', 'SIGTERM', 'disconnect'] as const) {
  process.on(signal as NodeJS.Signals, () => {
    if (stopping) return;
    stopping = true;
    catcher.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
