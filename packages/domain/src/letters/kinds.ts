/** Kinds of notifications, in Russian for the delivery log and the preferences. */
export const NOTIFICATION_KIND_LABELS_RU: Readonly<Record<string, string>> = {
  'partners.application-received': 'Заявка партнёра получена',
  'partners.application-rejected': 'Заявка партнёра отклонена',
  'roadmaps.waits-for-director': 'Дорожная карта ждёт утверждения',
  'roadmaps.submitted': 'Дорожная карта на согласовании',
  'roadmaps.returned': 'Дорожная карта возвращена',
  'roadmaps.agreed': 'Дорожная карта согласована',
  'campaigns.reminder': 'Напоминание о сроке кампании',
};

export const NOTIFICATION_STATUS_LABELS_RU: Readonly<Record<string, string>> = {
  pending: 'Ожидает отправки',
  sent: 'Отправлено',
  failed: 'Не доставлено',
};

/** Whom a letter goes to: the log shows school staff's and partners' work addresses, masks people's own. */
export const NOTIFICATION_AUDIENCES = ['staff', 'partner', 'participant', 'representative'] as const;
export type NotificationAudience = (typeof NOTIFICATION_AUDIENCES)[number];

/** «a***@mail.ru»: enough to tell letters apart, not enough to write to the person. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return address ? '***' : '';
  return `${address[0]}***${address.slice(at)}`;
}
