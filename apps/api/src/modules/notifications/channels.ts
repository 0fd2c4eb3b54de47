import type { Mailer } from '../../engine/mail/mailer.js';
import type { Notification } from './notification.entity.js';

/**
 * Where a notification goes (issue 16, item 4): e-mail now; a messenger (Telegram, VK, Max) is
 * another implementation registered at the composition root — the senders that enqueue letters do
 * not change. `deliver` throws to fail the attempt; an error with `permanent: true` (or an SMTP
 * 5xx `responseCode`) is not retried.
 */
export interface NotificationChannel {
  readonly id: string;
  /** True when the stored row is itself the delivery (the in-app inbox): due rows are marked sent in one statement. */
  readonly inPlace?: boolean;
  deliver(notification: Notification): Promise<void>;
}

export class PermanentDeliveryError extends Error {
  readonly permanent = true;
}

/** Whether a failed attempt is worth repeating: a relay's 5xx answer or a permanent error is not. */
export function isPermanentFailure(error: unknown): boolean {
  if (error instanceof PermanentDeliveryError) return true;
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** The e-mail channel: one letter per notification through the SMTP mailer, with List-Unsubscribe when the kind may be turned off. */
export function emailChannel(mailer: Mailer): NotificationChannel {
  return {
    id: 'email',
    async deliver(notification) {
      await mailer.send({
        to: { name: notification.recipientName, address: notification.recipientAddress },
        subject: notification.subject,
        text: notification.text,
        html: notification.html,
        headers: {
          'X-Nastavnik-Kind': notification.kind,
          // RFC 2369 + RFC 8058: the mail client's own «Отписаться» switches this kind off in one click.
          ...(notification.unsubscribeUrl
            ? { 'List-Unsubscribe': `<${notification.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
            : {}),
        },
      });
    },
  };
}

/**
 * The in-app inbox: the row itself is what the user's «Уведомления» shows, so delivering is
 * marking it sent — it appears there at that moment and never fails.
 */
export function inboxChannel(): NotificationChannel {
  return { id: 'inbox', inPlace: true, async deliver() {} };
}
