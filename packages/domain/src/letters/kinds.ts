/**
 * Kinds of notifications (issue 16): the Russian label the delivery log and the preferences show,
 * and, for a kind the law or the process requires, why it cannot be switched off. A kind not listed
 * here still sends (its label is its code) and may be switched off.
 */
export interface NotificationKindInfo {
  label: string;
  /** Why the user cannot switch this kind off or into the digest (shown beside it); absent when they may. */
  required?: string;
}

const PROCESS_DECISION = 'Решение по документу: без него процесс согласования остановится';
const PARTNER_DECISION = 'Ответ на заявку партнёра: заявитель должен его получить';

export const NOTIFICATION_KINDS: Readonly<Record<string, NotificationKindInfo>> = {
  'partners.application-received': { label: 'Заявка партнёра получена', required: PARTNER_DECISION },
  'partners.application-approved': { label: 'Заявка партнёра одобрена', required: PARTNER_DECISION },
  'partners.application-rejected': { label: 'Заявка партнёра отклонена', required: PARTNER_DECISION },
  'roadmaps.waits-for-director': { label: 'Дорожная карта ждёт утверждения', required: PROCESS_DECISION },
  'roadmaps.submitted': { label: 'Дорожная карта на согласовании', required: PROCESS_DECISION },
  'roadmaps.returned': { label: 'Дорожная карта возвращена', required: PROCESS_DECISION },
  'roadmaps.agreed': { label: 'Дорожная карта согласована', required: PROCESS_DECISION },
  'campaigns.reminder': { label: 'Напоминание о сроке кампании' },
  'notifications.digest': { label: 'Сводка писем за день', required: 'Сводка собирает письма, которые вы сами перевели в режим «раз в день»' },
  'pairs.confirmed': { label: 'Наставническая пара утверждена' },
  'pairs.meeting-soon': { label: 'Напоминание о встрече пары' },
  'pairs.idle': { label: 'Пара давно не встречалась' },
  'questionnaires.link': { label: 'Ссылка на анкету' },
  'campaigns.opened': { label: 'Новая кампания дорожных карт' },
  'campaigns.due-soon': { label: 'Срок кампании приближается (за 7 дней и за день)' },
  'campaigns.overdue': { label: 'Срок кампании истёк, дорожная карта не представлена' },
  'campaigns.officer-summary': { label: 'Сводка по кампании: кто не представил дорожную карту' },
  'execution.weekly': { label: 'Исполнение дорожной карты: сроки недели и просрочки' },
  'digest.weekly': { label: 'Еженедельная сводка муниципалитета' },
};

/** Labels by kind (the log's column). */
export const NOTIFICATION_KIND_LABELS_RU: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(NOTIFICATION_KINDS).map(([kind, info]) => [kind, info.label]),
);

/** Whether the user may switch the kind off or into the digest. */
export function isRequiredKind(kind: string): boolean {
  return Boolean(NOTIFICATION_KINDS[kind]?.required);
}

export const NOTIFICATION_STATUS_LABELS_RU: Readonly<Record<string, string>> = {
  pending: 'Ожидает отправки',
  sent: 'Отправлено',
  failed: 'Не доставлено',
  held: 'Ждёт сводки',
  digested: 'Отправлено в сводке',
  suppressed: 'Отключено получателем',
};

/** How a recipient wants a kind: at once, gathered into one letter a day, or not at all. */
export const NOTIFICATION_MODES = ['immediate', 'digest', 'off'] as const;
export type NotificationMode = (typeof NOTIFICATION_MODES)[number];

export const NOTIFICATION_MODE_LABELS_RU: Readonly<Record<NotificationMode, string>> = {
  immediate: 'Сразу',
  digest: 'Раз в день, сводкой',
  off: 'Не присылать',
};

/** Channels a letter goes by: e-mail, and its copy in the user's in-app inbox. */
export const NOTIFICATION_CHANNEL_LABELS_RU: Readonly<Record<string, string>> = {
  email: 'Почта',
  inbox: 'Уведомления в системе',
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
