import { formatDateRu } from '../dates.js';

/**
 * Russian texts of the personal calendar feed (issue 16): what a calendar application shows for
 * each event of `/public/calendar/<token>.ics`. No person's name goes into an event: a calendar is
 * synced to phones and shared further than the platform's pages.
 */
export const CALENDAR_FEED_RU = {
  /** X-WR-CALNAME: «Наставник — Исхакова Лилия Фанисовна» (or the login when the name is unknown). */
  calendarName: (who: string) => `Наставник — ${who}`,
  calendarDescription: 'Сроки дорожных карт и встречи наставнических пар из платформы «Наставник».',
  campaignSummary: (title: string) => `Срок представления дорожных карт: ${title}`,
  campaignDescription: (title: string, dueDate: string, link: string) =>
    `Кампания «${title}»: дорожные карты представляются в муниципалитет до ${formatDateRu(dueDate)}.\nСтраница кампании: ${link}`,
  itemSummary: (number: string, activity: string) => `Срок мероприятия${number ? ` ${number}` : ''}: ${shorten(activity, 120)}`,
  itemDescription: (place: string, deadlineText: string, link: string) =>
    `Дорожная карта: ${place}.${deadlineText ? `\nСрок по плану: ${deadlineText}.` : ''}\nОткрыть в платформе: ${link}`,
  meetingSummary: (kind: string, programme: string | null) => `${kind}${programme ? ` — программа «${programme}»` : ''}`,
  meetingDescription: (link: string) => `Встреча наставнической пары. Подробности: ${link}`,
  /** The 404 of an unknown, reset or withdrawn link: says nothing about whether it ever existed. */
  notFoundTitle: 'Календарь не найден',
  notFoundText: 'Ссылка на календарь недействительна. Новую ссылку можно получить в профиле платформы «Наставник».',
  tooManyText: (seconds: number) => `Слишком много запросов. Повторите через ${seconds} с.`,
  unavailableText: 'Календарь временно недоступен. Повторите позже.',
} as const;

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}
