import { formatDateRu } from '../dates.js';
import { composeLetter, greetingRu, type LetterContent } from './compose.js';

/** An item of an in-force roadmap that is not done: overdue, or due within the week. */
export interface ExecutionLetterItem {
  /** «1.1» as written (may be empty). */
  number: string;
  activity: string;
  /** ГГГГ-ММ-ДД. */
  dueDate: string;
  /** The item's «Ответственный» as written (a position or a name, not a user). */
  responsible: string;
}

/** At most this many items of each list are written out; the rest are counted. */
export const EXECUTION_LETTER_ITEMS_LIMIT = 30;

function listed(items: readonly ExecutionLetterItem[]): string {
  const lines = items.slice(0, EXECUTION_LETTER_ITEMS_LIMIT).map((item) => {
    const responsible = item.responsible.trim() ? ` (ответственный: ${item.responsible.trim()})` : '';
    return `• ${item.number ? `${item.number} ` : ''}${item.activity.trim()} — срок ${formatDateRu(item.dueDate)}${responsible}`;
  });
  if (items.length > lines.length) lines.push(`…и ещё ${items.length - lines.length}`);
  return lines.join('\n');
}

/**
 * The weekly letter to a school's curator and director about their roadmap in force: what is
 * overdue and what is due in the next 7 days (not done yet). Sent only when one of the lists is not empty.
 */
export function executionWeeklyLetter(facts: {
  greetingName: string | null;
  organizationName: string;
  programmeName: string;
  /** Due within the next 7 days, soonest first. */
  dueSoon: readonly ExecutionLetterItem[];
  /** Past their due date and not done, oldest first. */
  overdue: readonly ExecutionLetterItem[];
  link: string;
}): LetterContent {
  const paragraphs = [`Дорожная карта ${facts.organizationName} (программа «${facts.programmeName}»): мероприятия, которые ждут отметки о выполнении.`];
  if (facts.overdue.length > 0) paragraphs.push(`Просрочено (${facts.overdue.length}):\n${listed(facts.overdue)}`);
  if (facts.dueSoon.length > 0) paragraphs.push(`Срок в ближайшие 7 дней (${facts.dueSoon.length}):\n${listed(facts.dueSoon)}`);
  paragraphs.push('Выполненное мероприятие отмечается на странице дорожной карты, с подтверждающим документом.');
  const subject =
    facts.overdue.length > 0
      ? `Исполнение дорожной карты: просрочено ${facts.overdue.length}, на неделе ${facts.dueSoon.length} — ${facts.organizationName}`
      : `Исполнение дорожной карты: на неделе ${facts.dueSoon.length} — ${facts.organizationName}`;
  return composeLetter(subject, {
    greeting: greetingRu(facts.greetingName),
    paragraphs,
    action: { label: 'Открыть дорожную карту', url: facts.link },
    why: 'Вы получили это письмо, потому что вы куратор или директор организации, исполняющей эту дорожную карту, в платформе «Наставник». Письмо приходит по понедельникам.',
  });
}

/** The ISO week of a date (ГГГГ-ММ-ДД) as «2026-W49»: the weekly letters' period in their keys. */
export function isoWeekOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  const weekday = day.getUTCDay() || 7;
  // The Thursday of the week decides its year (ISO 8601).
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
