/**
 * Reminders of a campaign's due date and the review comments' threads (issue 15, «work that
 * moves»): the rules both the API and the admin need, and their Russian messages.
 */

/** A school is reminded of the same campaign at most once in this many minutes (no spam). */
export const REMINDER_INTERVAL_MINUTES = 60;

/** At most this many rows in one bulk action. */
export const BULK_LIMIT = 500;

/** Whether a reminder made at `lastAt` still blocks a new one at `now`; returns when the next is allowed, or null. */
export function nextReminderAllowedAt(lastAt: Date | null, now: Date): Date | null {
  if (!lastAt) return null;
  const next = new Date(lastAt.getTime() + REMINDER_INTERVAL_MINUTES * 60_000);
  return next > now ? next : null;
}

export const WORK_MOVES_MESSAGES_RU = {
  chooseRows: 'Выберите хотя бы одну строку',
  tagsRequired: 'Метки: укажите хотя бы одну',
  tooManyRows: (max: number) => `За один раз — не более ${max} строк`,
  /** All or nothing: why nothing was done. */
  bulkRefused: (refused: number, total: number) => `Ничего не сделано: ${refused} из ${total} нельзя обработать — причины указаны в строках`,
  notFoundOrForeign: 'Не найдено или нет доступа',
  onlyDistrictReminds: 'Напоминать может только специалист органа управления образованием этого муниципалитета',
  notAddressed: 'Кампания не адресована этой организации',
  alreadySubmitted: 'Карта уже представлена — напоминать не о чем',
  remindedRecently: (at: string, next: string) => `Уже напомнили ${at}; повторить можно после ${next}`,
  commentNotFound: 'Замечание не найдено.',
  replyRequired: 'Ответ: поле обязательно',
  replyTooLong: (max: number) => `Ответ: не более ${max} символов`,
  cannotReply: 'Отвечать на замечания могут сотрудники организации и органа управления образованием',
  cannotResolve: 'Отметить замечание решённым может его автор или куратор организации',
  cannotReopen: 'Вернуть замечание в работу может специалист органа управления образованием',
  alreadyResolved: 'Замечание уже отмечено решённым',
  notResolved: 'Замечание не отмечено решённым',
  replyNotResolvable: 'Решённым отмечается замечание, а не ответ на него',
} as const;

export const REPLY_MAX_LENGTH = 5000;
