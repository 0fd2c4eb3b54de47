import { formatDateRu } from '../dates.js';
import { pluralRu } from '../plural.js';
import { composeLetter, greetingRu, type LetterContent } from './compose.js';

/** To a school's curator and director: the district reminds them of a campaign's due date («Напомнить»). */
export function campaignReminderLetter(facts: {
  greetingName: string | null;
  organizationName: string;
  campaignTitle: string;
  /** ГГГГ-ММ-ДД. */
  dueDate: string;
  overdue: boolean;
  by: string;
  link: string;
}): LetterContent {
  const due = formatDateRu(facts.dueDate);
  return composeLetter(`Напоминание: дорожная карта ${facts.overdue ? 'не представлена' : `до ${due}`} — ${facts.campaignTitle}`, {
    greeting: greetingRu(facts.greetingName),
    paragraphs: [
      facts.overdue
        ? `Срок представления дорожной карты по кампании «${facts.campaignTitle}» истёк ${due}, а дорожная карта ${facts.organizationName} ещё не представлена.`
        : `Дорожную карту ${facts.organizationName} по кампании «${facts.campaignTitle}» нужно представить до ${due}.`,
      `Напоминает: ${facts.by}.`,
    ],
    action: { label: 'Открыть кампанию', url: facts.link },
    why: 'Вы получили это письмо, потому что вы куратор или директор этой организации в платформе «Наставник».',
  });
}

const SCHOOL_WHY = 'Вы получили это письмо, потому что вы куратор или директор этой организации в платформе «Наставник».';

/** To a school's curator and director: the district opened a campaign addressed to the school. */
export function campaignOpenedLetter(facts: {
  greetingName: string | null;
  organizationName: string;
  districtName: string;
  campaignTitle: string;
  /** ГГГГ-ММ-ДД. */
  dueDate: string;
  link: string;
}): LetterContent {
  const due = formatDateRu(facts.dueDate);
  return composeLetter(`Новая кампания: дорожная карта до ${due} — ${facts.campaignTitle}`, {
    greeting: greetingRu(facts.greetingName),
    paragraphs: [
      `Муниципалитет (${facts.districtName}) открыл кампанию «${facts.campaignTitle}».`,
      `Дорожную карту ${facts.organizationName} нужно подготовить, утвердить у директора и представить до ${due}.`,
    ],
    action: { label: 'Открыть кампанию', url: facts.link },
    why: SCHOOL_WHY,
  });
}

/** When a deadline letter goes: 7 days and 1 day before the due date, and the day after it. */
export type CampaignDeadlineStage = '7d' | '1d' | 'overdue';

/** The stage of `today` for a campaign due on `dueDate` (both ГГГГ-ММ-ДД), or null on other days. */
export function campaignDeadlineStage(dueDate: string, today: string): CampaignDeadlineStage | null {
  const days = Math.round((Date.parse(`${dueDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  return days === 7 ? '7d' : days === 1 ? '1d' : days === -1 ? 'overdue' : null;
}

const IN_DAYS: Record<Exclude<CampaignDeadlineStage, 'overdue'>, string> = { '7d': 'через 7 дней', '1d': 'завтра' };

/** To a school's curator and director whose roadmap is not submitted: the due date is near, or has passed. */
export function campaignDeadlineLetter(facts: {
  greetingName: string | null;
  organizationName: string;
  campaignTitle: string;
  dueDate: string;
  stage: CampaignDeadlineStage;
  link: string;
}): LetterContent {
  const due = formatDateRu(facts.dueDate);
  const overdue = facts.stage === 'overdue';
  return composeLetter(
    overdue
      ? `Срок истёк: дорожная карта не представлена — ${facts.campaignTitle}`
      : `Срок ${due}: дорожная карта ещё не представлена — ${facts.campaignTitle}`,
    {
      greeting: greetingRu(facts.greetingName),
      paragraphs: [
        facts.stage === 'overdue'
          ? `Срок представления дорожных карт по кампании «${facts.campaignTitle}» истёк ${due}, а дорожная карта ${facts.organizationName} ещё не представлена в муниципалитет.`
          : `Дорожную карту ${facts.organizationName} по кампании «${facts.campaignTitle}» нужно представить до ${due} — ${IN_DAYS[facts.stage]}. Она ещё не представлена в муниципалитет.`,
        'Если дорожная карта уже у директора, её нужно утвердить, чтобы она ушла на согласование.',
      ],
      action: { label: 'Открыть кампанию', url: facts.link },
      why: SCHOOL_WHY,
    },
  );
}

/** At most this many schools are named in the officer's summary; the rest are counted. */
export const SUMMARY_SCHOOLS_LIMIT = 50;

/** To the district's officers: which schools have not submitted, at the same stages as the schools' letters. */
export function campaignOfficerSummaryLetter(facts: {
  greetingName: string | null;
  campaignTitle: string;
  dueDate: string;
  stage: CampaignDeadlineStage;
  /** Short names of the schools that have not submitted, sorted. */
  schools: readonly string[];
  /** All the campaign's schools. */
  total: number;
  link: string;
}): LetterContent {
  const due = formatDateRu(facts.dueDate);
  const count = facts.schools.length;
  const named = facts.schools.slice(0, SUMMARY_SCHOOLS_LIMIT).map((name) => `• ${name}`);
  if (count > named.length) named.push(`…и ещё ${count - named.length}`);
  const when = facts.stage === 'overdue' ? `Срок (${due}) истёк.` : `Срок — ${due} (${IN_DAYS[facts.stage]}).`;
  return composeLetter(`Не представили дорожные карты: ${count} из ${facts.total} — ${facts.campaignTitle}`, {
    greeting: greetingRu(facts.greetingName),
    paragraphs: [
      `Кампания «${facts.campaignTitle}». ${when} Не представили дорожную карту: ${count} ${pluralRu(count, ['организация', 'организации', 'организаций'])} из ${facts.total}.`,
      named.join('\n'),
      'Напомнить организациям можно на странице кампании (кнопка «Напомнить»); организации уже получили письмо о сроке.',
    ],
    action: { label: 'Открыть кампанию', url: facts.link },
    why: 'Вы получили это письмо, потому что вы специалист муниципалитета, открывшего кампанию, в платформе «Наставник».',
  });
}
