import { formatDateRu, timeZoneLabelRu, wallClockIso } from '../dates.js';
import { composeLetter, greetingRu, type LetterContent } from './compose.js';

/**
 * Letters of a school's mentorship programme (issue 16) to mentors, mentees and minors' legal
 * representatives. Only what the person needs: the other member's name, the programme, the plan's
 * period or the meeting's time, and where to turn — the pair's page for someone with a login, the
 * school's curator otherwise. Never a child's contacts, class or anything of their request.
 */

/** Who reads the letter: the member themself, or the legal representative of a minor member. */
export type ProgrammeReader = { kind: 'member' } | { kind: 'representative'; childName: string };

export interface ProgrammeLetterFacts {
  greetingName: string | null;
  reader: ProgrammeReader;
  /** The member's role in the pair (the child's, when a representative reads). */
  role: 'mentor' | 'mentee';
  programmeName: string;
  organizationName: string;
  /** The pair's page in the admin for someone with a login; null otherwise. */
  link: string | null;
  /** «Куратор программы: Исхакова Лилия Фанисовна, curator@school.ru» — where to turn without a login. */
  contact: string | null;
}

/** «Сергеева Ольга Николаевна» → «Ольга Николаевна»: how a letter greets someone given by full name. */
export function greetingNameOf(fullName: string | null | undefined): string | null {
  const words = (fullName ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  return words.length >= 2 ? words.slice(1).join(' ') : words[0]!;
}

/** «15.12.2026 в 16:30 по московскому времени» or «… в 16:30 (МСК+2, Asia/Yekaterinburg)». */
export function meetingTimeRu(startsAt: Date, timeZone: string): string {
  const [date, time] = wallClockIso(startsAt, timeZone).split('T') as [string, string];
  const label = timeZoneLabelRu(timeZone, startsAt);
  const zone = label === 'МСК' ? 'по московскому времени' : `(${label}, ${timeZone})`;
  return `${formatDateRu(date)} в ${time.slice(0, 5)} ${zone}`;
}

const OPEN_PAIR = 'Открыть страницу пары';

function why(facts: ProgrammeLetterFacts): string {
  const programme = `программы наставничества «${facts.programmeName}» (${facts.organizationName})`;
  return facts.reader.kind === 'representative'
    ? `Вы получили это письмо как законный представитель участника ${programme}: вы дали согласие на связь по электронной почте.`
    : `Вы получили это письмо как участник ${programme}: вы дали согласие на связь по электронной почте.`;
}

/** The closing parts every programme letter shares: the link for a user with a login, else whom to ask. */
function tail(facts: ProgrammeLetterFacts) {
  return {
    action: facts.link ? { label: OPEN_PAIR, url: facts.link } : undefined,
    contact: !facts.link && facts.contact ? [`По вопросам обращайтесь в школу. ${facts.contact}`] : [],
  };
}

const subjectOf = (facts: ProgrammeLetterFacts) => (facts.reader.kind === 'representative' ? ` (${facts.reader.childName})` : '');

/** The pair (or group) is confirmed: who the other members are and the plan's period. */
export function pairConfirmedLetter(facts: ProgrammeLetterFacts & { others: readonly string[]; startDate: string; endDate: string }): LetterContent {
  const { action, contact } = tail(facts);
  const who =
    facts.role === 'mentor'
      ? `${facts.others.length > 1 ? 'наставляемые' : 'наставляемый'}: ${facts.others.join(', ')}`
      : `наставник: ${facts.others.join(', ')}`;
  const subject =
    facts.reader.kind === 'representative'
      ? `${facts.reader.childName}: наставническая пара утверждена — «${facts.programmeName}»`
      : `Наставническая пара утверждена — «${facts.programmeName}»`;
  return composeLetter(subject, {
    greeting: greetingRu(facts.greetingName),
    paragraphs: [
      facts.reader.kind === 'representative'
        ? `${facts.reader.childName} участвует в программе наставничества «${facts.programmeName}» (${facts.organizationName}). Школа утвердила наставническую пару: ${who}.`
        : `Вы участвуете в программе наставничества «${facts.programmeName}» (${facts.organizationName}). Школа утвердила наставническую пару: ${who}.`,
      `Срок работы по индивидуальному плану: с ${formatDateRu(facts.startDate)} по ${formatDateRu(facts.endDate)}.`,
      ...contact,
    ],
    action,
    why: why(facts),
  });
}

/** About a day before the planned meeting: when (zone named), what kind, where; the calendar file. */
export function meetingSoonLetter(
  facts: ProgrammeLetterFacts & { when: string; kindLabel: string; place: string | null; icsUrl: string | null },
): LetterContent {
  const { action, contact } = tail(facts);
  return composeLetter(`Встреча наставнической пары ${facts.when}${subjectOf(facts)}`, {
    greeting: greetingRu(facts.greetingName),
    paragraphs: [
      `Запланирована встреча ${facts.reader.kind === 'representative' ? `наставнической пары, в которой участвует ${facts.reader.childName},` : 'вашей наставнической пары'} по программе «${facts.programmeName}»: ${facts.when}.`,
      `Вид встречи: ${facts.kindLabel}.${facts.place ? ` Место: ${facts.place}.` : ''}`,
      ...(facts.icsUrl
        ? [`Добавить в календарь (.ics): ${facts.icsUrl}`]
        : facts.link
          ? ['Файл для календаря (.ics) — на странице пары, кнопка «Добавить в календарь (.ics)».']
          : []),
      ...contact,
    ],
    action,
    why: why(facts),
  });
}

/** No meeting recorded for `days` days: a nudge to the members. */
export function pairIdleLetter(facts: ProgrammeLetterFacts & { days: number; lastMeeting: string | null; since: string }): LetterContent {
  const { action, contact } = tail(facts);
  const last = facts.lastMeeting
    ? `Последняя встреча пары отмечена ${formatDateRu(facts.lastMeeting)}`
    : `С утверждения пары (${formatDateRu(facts.since)}) встречи не отмечались`;
  return composeLetter(`Давно не было встреч — «${facts.programmeName}»${subjectOf(facts)}`, {
    greeting: greetingRu(facts.greetingName),
    paragraphs: [
      `${last} — больше ${facts.days} дн. назад.`,
      facts.role === 'mentor'
        ? 'Договоритесь о следующей встрече с наставляемым и отметьте её в платформе, когда она пройдёт.'
        : 'Договоритесь с наставником о следующей встрече.',
      ...contact,
    ],
    action,
    why: why(facts),
  });
}

/** To the school's curator: the pairs without a meeting for `days` days — no names, only the pairs' pages. */
export function pairsIdleCuratorLetter(facts: {
  greetingName: string | null;
  organizationName: string;
  days: number;
  pairs: ReadonlyArray<{ programmeName: string; startDate: string; lastMeeting: string | null; link: string }>;
}): LetterContent {
  const lines = facts.pairs.map(
    (pair) =>
      `• «${pair.programmeName}», пара с ${formatDateRu(pair.startDate)}: ${pair.lastMeeting ? `последняя встреча ${formatDateRu(pair.lastMeeting)}` : 'встреч не было'} — ${pair.link}`,
  );
  return composeLetter(`Пары без встреч больше ${facts.days} дн.: ${facts.organizationName}`, {
    greeting: greetingRu(facts.greetingName),
    paragraphs: [`В ${facts.organizationName} ${facts.pairs.length} пар(ы) без отмеченных встреч больше ${facts.days} дн.:\n${lines.join('\n')}`],
    why: 'Вы получили это письмо, потому что вы куратор программ наставничества этой организации в платформе «Наставник».',
  });
}

/** A personal questionnaire link; the link is the person's own — not to be passed on. */
export function questionnaireLinkLetter(facts: {
  greetingName: string | null;
  reader: ProgrammeReader;
  questionnaireTitle: string;
  programmeName: string;
  organizationName: string;
  url: string;
  expiresOn: string;
}): LetterContent {
  const base = { ...facts, role: 'mentee' as const, link: null, contact: null };
  return composeLetter(`Анкета «${facts.questionnaireTitle}»${subjectOf(base)}`, {
    greeting: greetingRu(facts.greetingName),
    paragraphs: [
      facts.reader.kind === 'representative'
        ? `Школа просит заполнить анкету «${facts.questionnaireTitle}» программы наставничества «${facts.programmeName}» (${facts.organizationName}). Участник: ${facts.reader.childName}; вы можете заполнить её вместе.`
        : `Школа просит вас заполнить анкету «${facts.questionnaireTitle}» программы наставничества «${facts.programmeName}» (${facts.organizationName}).`,
      `Ссылка действует до ${formatDateRu(facts.expiresOn)}, она личная — не пересылайте её.`,
    ],
    action: { label: 'Заполнить анкету', url: facts.url },
    why: why(base),
  });
}
